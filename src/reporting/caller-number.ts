import { maskPhoneNumber } from '../common/mask.js';

/** How a report shows the callers' and called numbers, which are personal data. */
export type NumberView = 'whole' | 'masked';

/** Only an admin token sees numbers whole; a viewer, or any role added later, sees them masked. */
export function numberViewFor(role: string): NumberView {
  return role === 'admin' ? 'whole' : 'masked';
}

export function presentNumber(value: string | null, view: NumberView): string | null {
  return view === 'whole' ? value : maskPhoneNumber(value);
}
