/** Keeps a caller number recognisable without revealing it: "+15551230123" -> "+1555***0123". */
export function maskPhoneNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.startsWith('sip:') || value.startsWith('client:')) return `${value.slice(0, value.indexOf(':') + 1)}***`;
  if (value.length <= 8) return '***';
  return `${value.slice(0, 5)}***${value.slice(-4)}`;
}
