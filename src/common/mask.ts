/**
 * Keeps a caller number recognisable without revealing it: "+15551230123" -> "+1555***0123".
 * Shorter numbers show less, so a mask never gives the whole number away.
 */
export function maskPhoneNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.startsWith('sip:') || value.startsWith('client:')) return `${value.slice(0, value.indexOf(':') + 1)}***`;
  if (value.length <= 8) return '***';
  if (value.length < 12) return `${value.slice(0, 3)}***${value.slice(-2)}`;
  return `${value.slice(0, 5)}***${value.slice(-4)}`;
}
