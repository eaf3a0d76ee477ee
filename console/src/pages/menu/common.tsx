import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiError } from '../../api';
import { ConflictMessage, ErrorMessage } from '../../components/feedback';

/** Shown instead of the edit controls to viewers (the API refuses their writes too). */
export function ViewerNote() {
  return <p class="viewer-note">Viewers cannot change the menu: you see it read-only.</p>;
}

/**
 * Why a save failed, at the top of its form: a 412 offers a reload; a 400 naming fields points at them (their
 * messages are beside each field); anything else is said in the API's words.
 */
export function FormProblem({ error, onReload }: { error: ApiError | Error | undefined; onReload: () => void }) {
  if (!error) return null;
  if (error instanceof ApiError && error.isConflict) return <ConflictMessage error={error} onReload={onReload} />;
  if (error instanceof ApiError && error.fields.length > 0)
    return (
      <p class="error" role="alert">
        Not saved: see the messages beside the fields.
      </p>
    );
  return <ErrorMessage error={error} />;
}

/** A checkbox with its label beside it (Field puts labels above inputs). */
export function Check({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div class="field check">
      <label for={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.currentTarget.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />{' '}
        {label}
      </label>
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A panel whose heading takes focus when it opens, so keyboard and screen-reader users land in it. */
export function FocusedPanel({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="panel" aria-label={title}>
      <h2 ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A "Saved." line read out to screen readers. */
export function Status({ text }: { text: string | undefined }) {
  return (
    <p class="ok" role="status">
      {text ?? ''}
    </p>
  );
}

/** An instant in the browser's own time zone: "Mon 5 Jan, 17:00 EST". */
export function formatInstant(instant: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** A calendar date (YYYY-MM-DD) as a date, not moved by any time zone. */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
