import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { ErrorMessage, Loading } from '../../components/feedback';
import { Field } from '../../components/field';
import { useApi, useWrite } from '../../hooks';
import { useCanEdit } from '../../session';
import { Check, formatInstant, FormProblem, Status, ViewerNote } from './common';
import { describeAvailability, NEW_INTERVAL, scheduleBody, type ScheduleForm, scheduleFormOf } from './forms';
import { Intervals } from './intervals';
import {
  type Availability,
  CLOSED_ACTIONS,
  type ClosedAction,
  type Department,
  type Schedule,
  WEEKDAYS,
} from './types';

const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const CLOSED_ACTION_LABELS: Record<ClosedAction, string> = {
  voicemail: 'Take a voicemail',
  forward: 'Forward to another number',
  menu: 'Back to the menu',
};

/** Business hours per department: pick one, then its schedule. */
export function HoursSection() {
  const departments = useApi<Department[]>('/departments');
  const [chosen, setChosen] = useState<string>('');
  const id = chosen || departments.data?.[0]?.id || '';
  return (
    <>
      <h2>Business hours</h2>
      <Loading when={departments.loading && !departments.data} />
      <ErrorMessage error={departments.error} />
      {departments.data?.length === 0 && <p>No departments yet.</p>}
      {departments.data && departments.data.length > 0 && (
        <div class="toolbar">
          <div class="field">
            <label for="hours-department">Department</label>
            <select id="hours-department" value={id} onChange={(event) => setChosen(event.currentTarget.value)}>
              {departments.data.map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name}
                  {department.active ? '' : ' (inactive)'}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {id && <ScheduleEditor key={id} departmentId={id} />}
    </>
  );
}

function AvailabilityNow({ departmentId, generation }: { departmentId: string; generation: number }) {
  const availability = useApi<Availability>(`/departments/${departmentId}/availability`);
  const { reload } = availability;
  // Read again after each save: the new hours may open or close it now.
  useEffect(() => {
    if (generation > 0) reload();
  }, [generation, reload]);
  return (
    <p class="availability" aria-live="polite">
      {availability.data ? (
        <strong class={availability.data.open ? 'open' : 'closed'}>
          {describeAvailability(availability.data, formatInstant)}
        </strong>
      ) : (
        <ErrorMessage error={availability.error} />
      )}
    </p>
  );
}

/** One department's schedule: no schedule (404) is "always open", and saving creates one. */
function ScheduleEditor({ departmentId }: { departmentId: string }) {
  const canEdit = useCanEdit();
  const loaded = useApi<Schedule>(`/departments/${departmentId}/schedule`);
  const alwaysOpen = loaded.error instanceof ApiError && loaded.error.status === 404;
  const schedule = alwaysOpen ? null : (loaded.data ?? null);
  const [form, setForm] = useState<ScheduleForm>();
  const { busy, error, saved, run, setError, setSaved } = useWrite();
  const [confirming, setConfirming] = useState(false);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!loaded.loading) setForm(scheduleFormOf(schedule, BROWSER_TIME_ZONE));
  }, [loaded.loading, schedule]);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);

  if (!form)
    return (
      <>
        <Loading when={loaded.loading} />
        {!alwaysOpen && <ErrorMessage error={loaded.error} />}
      </>
    );

  const set = (change: Partial<ScheduleForm>): void => setForm({ ...form, ...change });
  const write = async (method: 'PUT' | 'DELETE', done: string): Promise<void> => {
    const written = await run(
      () =>
        api<Schedule | null>(`/departments/${departmentId}/schedule`, {
          method,
          body: method === 'PUT' ? scheduleBody(form) : undefined,
          ifMatch: schedule ? loaded.etag : undefined,
        }),
      done,
    );
    setConfirming(false);
    if (!written) return;
    loaded.reload();
    setGeneration((value) => value + 1);
  };
  const reload = (): void => {
    setError(undefined);
    setSaved(undefined);
    loaded.reload();
  };
  const messagesOf = (field: string): string[] =>
    error instanceof ApiError
      ? error.fields.filter((item) => item.field === field).flatMap((item) => item.messages)
      : [];
  const nested = (field: string): string[] => (error instanceof ApiError ? error.messagesFor(field) : []);
  const disabled = !canEdit;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void write('PUT', 'Hours saved.');
      }}
      noValidate
    >
      <AvailabilityNow departmentId={departmentId} generation={generation} />
      <p class="hint">
        {schedule
          ? 'Closed outside the hours below.'
          : 'No business hours: always open. Saving the hours below makes it keep them.'}
      </p>
      {!canEdit && <ViewerNote />}
      <FormProblem error={error} onReload={reload} />
      <fieldset class="plain" disabled={disabled}>
        <Field label="Time zone" name="timeZone" error={error} hint="The hours below are in this zone.">
          {(props) => (
            <select {...props} value={form.timeZone} onChange={(event) => set({ timeZone: event.currentTarget.value })}>
              {(zones.includes(form.timeZone) ? zones : [form.timeZone, ...zones]).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        <h3 id="weekly-hours">Weekly hours</h3>
        <p class="hint" id="weekly-hint">
          24-hour HH:MM. A closing time at or before the opening runs past midnight; 24:00 is the end of the day.
        </p>
        <FieldMessages messages={messagesOf('weekly')} />
        <div class="table-wrap">
          <table class="weekly" aria-labelledby="weekly-hours" aria-describedby="weekly-hint">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {WEEKDAYS.map((day) => (
                <tr key={day}>
                  <th scope="row">{day.charAt(0).toUpperCase() + day.slice(1)}</th>
                  <td>
                    <Intervals
                      label={day.charAt(0).toUpperCase() + day.slice(1)}
                      intervals={form.weekly[day]}
                      disabled={disabled}
                      onChange={(intervals) => set({ weekly: { ...form.weekly, [day]: intervals } })}
                    />
                    <FieldMessages messages={nested(`weekly.${day}`)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Overrides form={form} onChange={set} disabled={disabled} messagesOf={messagesOf} nested={nested} />
        <h3>When closed</h3>
        <Check
          label="Closed on company holidays"
          checked={form.followCompanyHolidays}
          onChange={(followCompanyHolidays) => set({ followCompanyHolidays })}
        />
        <Field label="Callers who choose it while closed" name="closedAction" error={error}>
          {(props) => (
            <select
              {...props}
              value={form.closedAction}
              onChange={(event) => set({ closedAction: event.currentTarget.value as ClosedAction })}
            >
              {CLOSED_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {CLOSED_ACTION_LABELS[action]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.closedAction === 'forward' && (
          <Field label="Forward to" name="forwardTo" error={error} hint="E.164 (+15551234567) or a sip: address.">
            {(props) => (
              <input
                {...props}
                inputMode="tel"
                value={form.forwardTo}
                onInput={(event) => set({ forwardTo: event.currentTarget.value })}
              />
            )}
          </Field>
        )}
        <Check
          label="Leave it out of the menu while closed"
          checked={form.hideWhenClosed}
          onChange={(hideWhenClosed) => set({ hideWhenClosed })}
        />
      </fieldset>
      {canEdit && (
        <div class="actions">
          <button type="submit" disabled={busy}>
            Save hours
          </button>
          {schedule && (
            <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(true)}>
              Make always open…
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div class="confirm" role="alertdialog" aria-labelledby="confirm-always-open">
          <p id="confirm-always-open">Remove these business hours? The department will be open at all times.</p>
          <button type="button" class="danger" disabled={busy} onClick={() => void write('DELETE', 'Now always open.')}>
            Remove the hours
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </div>
      )}
      <Status text={saved} />
    </form>
  );
}

function FieldMessages({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul class="field-error">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

interface OverridesProps {
  readonly form: ScheduleForm;
  readonly onChange: (change: Partial<ScheduleForm>) => void;
  readonly disabled: boolean;
  readonly messagesOf: (field: string) => string[];
  readonly nested: (field: string) => string[];
}

/** Special dates: closed all day, or other hours, each named if wished. */
function Overrides({ form, onChange, disabled, messagesOf, nested }: OverridesProps) {
  const change = (index: number, edit: Partial<ScheduleForm['overrides'][number]>): void =>
    onChange({ overrides: form.overrides.map((item, at) => (at === index ? { ...item, ...edit } : item)) });
  return (
    <>
      <h3>Special dates</h3>
      <FieldMessages messages={messagesOf('overrides')} />
      {form.overrides.length === 0 && <p class="muted">None.</p>}
      <ul class="overrides">
        {form.overrides.map((override, index) => {
          const label = override.date || `special date ${index + 1}`;
          return (
            <li key={index} class="override">
              <label>
                Date
                <input
                  type="date"
                  value={override.date}
                  onInput={(event) => change(index, { date: event.currentTarget.value })}
                />
              </label>
              <label>
                Name
                <input
                  value={override.name}
                  maxLength={100}
                  placeholder="Christmas Eve"
                  onInput={(event) => change(index, { name: event.currentTarget.value })}
                />
              </label>
              <label class="inline-check">
                <input
                  type="checkbox"
                  checked={override.closed}
                  onChange={(event) => change(index, { closed: event.currentTarget.checked })}
                />{' '}
                Closed all day
              </label>
              {!override.closed && (
                <Intervals
                  label={label}
                  intervals={override.hours}
                  disabled={disabled}
                  onChange={(hours) => change(index, { hours })}
                />
              )}
              {!disabled && (
                <button
                  type="button"
                  class="link"
                  aria-label={`Remove ${label}`}
                  onClick={() => onChange({ overrides: form.overrides.filter((_, at) => at !== index) })}
                >
                  Remove date
                </button>
              )}
              <FieldMessages messages={nested(`overrides.${index}`)} />
            </li>
          );
        })}
      </ul>
      {!disabled && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            onChange({ overrides: [...form.overrides, { date: '', name: '', closed: true, hours: [NEW_INTERVAL] }] })
          }
        >
          Add a special date
        </button>
      )}
    </>
  );
}
