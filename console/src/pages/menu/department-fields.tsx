import type { ApiError } from '../../api';
import { Field } from '../../components/field';
import { Check } from './common';
import type { DepartmentForm } from './forms';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface DepartmentFieldsProps {
  readonly form: DepartmentForm;
  readonly onChange: (form: DepartmentForm) => void;
  readonly error: ApiError | Error | undefined;
  /** The create form also sets whether it starts active (the edit form deactivates with a button). */
  readonly creating: boolean;
}

/** A department's fields, each with the API's messages for it beside it. */
export function DepartmentFields({ form, onChange, error, creating }: DepartmentFieldsProps) {
  const set = (change: Partial<DepartmentForm>): void => onChange({ ...form, ...change });
  return (
    <div class="department-fields">
      <Field label="Name" name="name" error={error}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={64}
            value={form.name}
            onInput={(event) => set({ name: event.currentTarget.value })}
          />
        )}
      </Field>
      <Field label="Key" name="digit" error={error} hint="The key callers press; none: by speech only.">
        {(props) => (
          <select {...props} value={form.digit} onChange={(event) => set({ digit: event.currentTarget.value })}>
            <option value="">none</option>
            {DIGITS.map((digit) => (
              <option key={digit} value={digit}>
                {digit}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Phone number" name="phoneNumber" error={error} hint="E.164 (+15551234567) or a sip: address.">
        {(props) => (
          <input
            {...props}
            required
            inputMode="tel"
            value={form.phoneNumber}
            onInput={(event) => set({ phoneNumber: event.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Keywords"
        name="keywords"
        error={error}
        hint="What callers may say: separated by commas or one per line."
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={form.keywords}
            onInput={(event) => set({ keywords: event.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Confidence threshold"
        name="confidenceThreshold"
        error={error}
        hint="0 to 1; empty: the global minimum confidence."
      >
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            value={form.confidenceThreshold}
            onInput={(event) => set({ confidenceThreshold: event.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Position"
        name="position"
        error={error}
        hint={creating ? 'Menu order, 0 to 10000; empty: after the last one.' : 'Menu order, 0 to 10000.'}
      >
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            value={form.position}
            onInput={(event) => set({ position: event.currentTarget.value })}
          />
        )}
      </Field>
      <Check
        label="In the root menu"
        checked={form.inRootMenu}
        onChange={(inRootMenu) => set({ inRootMenu })}
        hint="Off: callers reach it only through submenus."
      />
      {creating && <Check label="Active" checked={form.active} onChange={(active) => set({ active })} />}
    </div>
  );
}
