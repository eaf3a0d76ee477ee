// A date (midnight UTC) or a date-time with a zone; a date-time without one would mean the server's local time.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?))?$/i;

/** The canonical form parseInstant returns: UTC with microseconds, PostgreSQL's precision. */
export const CANONICAL_INSTANT = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const INSTANT_FORMAT_HINT = 'an ISO 8601 date (2026-01-31) or date-time with a time zone (2026-01-31T08:00:00Z)';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Minutes east of UTC, or null for an impossible offset. */
function offsetMinutes(zone: string | undefined): number | null {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * The instant an ISO 8601 date or zoned date-time names, as "2026-01-31T08:00:00.000000Z", or null when
 * `text` is not one (February 30th, 24:00, no zone). Canonical strings compare in time order and
 * PostgreSQL reads them exactly; digits beyond the microsecond are dropped.
 */
export function parseInstant(text: string): string | null {
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const offset = offsetMinutes(zone);
  if (offset === null) return null;
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000).toISOString();
  const canonical = `${utc.slice(0, 19)}.${fraction.padEnd(6, '0').slice(0, 6)}Z`;
  return CANONICAL_INSTANT.test(canonical) ? canonical : null;
}

/** A canonical instant as a Date (millisecond precision). */
export function instantToDate(instant: string): Date {
  return new Date(instant);
}
