import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';

/** A failed load or save, said in the API's own words. */
export function ErrorMessage({ error }: { error: ApiError | Error | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}

/** The 412 answer: someone else saved first; reloading shows their version (and drops this form's edits). */
export function ConflictMessage({ error, onReload }: { error: ApiError | Error | undefined; onReload: () => void }) {
  if (!error || !('isConflict' in error) || !error.isConflict) return null;
  return (
    <div class="conflict" role="alert">
      <p>Someone else changed this since you opened it. Reload to see their version, then make your change again.</p>
      <button type="button" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}

export function Loading({ when, children }: { when: boolean; children?: ComponentChildren }) {
  return when ? <p aria-live="polite">{children ?? 'Loading…'}</p> : null;
}
