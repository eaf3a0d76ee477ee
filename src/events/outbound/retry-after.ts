/**
 * A Retry-After header as a delay in ms from `now`: delay-seconds (`120`) or an HTTP-date (RFC 9110 §10.2.3).
 * A date in the past is no delay; anything unreadable is null.
 */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Date.parse also reads loose strings such as '10': an HTTP-date always names its weekday or month.
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
