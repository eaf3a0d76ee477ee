import { CallerFilterForbiddenError } from '../admin-api/admin-errors.js';
import { maskPhoneNumber } from '../common/mask.js';

/** How a report shows personal data: the callers' and called numbers, and voicemail recordings. */
export type NumberView = 'whole' | 'masked';

/** Only an admin token sees numbers whole; a viewer, or any role added later, sees them masked. */
export function numberViewFor(role: string): NumberView {
  return role === 'admin' ? 'whole' : 'masked';
}

export function presentNumber(value: string | null, view: NumberView): string | null {
  return view === 'whole' ? value : maskPhoneNumber(value);
}

/** A token that sees numbers masked may not filter by one: each wrong guess an empty page, the right one a row. */
export function assertCallerFilterAllowed(caller: string | undefined, view: NumberView, role: string): void {
  if (caller !== undefined && view !== 'whole') throw new CallerFilterForbiddenError(role);
}

/** Twilio serves a recording to whoever has its URL unless media auth is enforced: the masked view gets none. */
export function presentRecordingUrl(url: string | null, view: NumberView): string | null {
  return view === 'whole' ? url : null;
}
