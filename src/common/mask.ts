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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** 7 to 15 digits, maybe with "+", spaces, dots, dashes or brackets, and not a date: how people write phone numbers. */
export function looksLikePhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return /^[+\d\s().-]+$/.test(value) && digits >= 7 && digits <= 15 && !ISO_DATE.test(value.trim());
}

// The reports' caller filter (whatever its spelling) and Twilio's names for the two numbers of a call.
const NUMBER_KEYS = /^(caller|called)$/i;

/**
 * A URL as logs may show it: the value of a caller filter, and every path segment or query value
 * that looks like a phone number, masked ("?caller=%2B1555***0123"); everything else as sent.
 */
export function maskPhoneNumbersInUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const maskedPath = path.split('/').map(maskIfPhoneNumber).join('/');
  if (queryStart === -1) return maskedPath;
  const query = url.slice(queryStart + 1);
  return `${maskedPath}?${query.split('&').map(maskQueryParameter).join('&')}`;
}

function maskQueryParameter(parameter: string): string {
  const equals = parameter.indexOf('=');
  if (equals === -1) return maskIfPhoneNumber(parameter);
  const key = parameter.slice(0, equals);
  const value = parameter.slice(equals + 1);
  const isNumberKey = value !== '' && NUMBER_KEYS.test(decodeComponent(key));
  return `${key}=${isNumberKey ? maskedComponent(decodeComponent(value)) : maskIfPhoneNumber(value)}`;
}

function maskIfPhoneNumber(component: string): string {
  const value = decodeComponent(component);
  return looksLikePhoneNumber(value) ? maskedComponent(value) : component;
}

// A "+" stays a "+": a caller number's own plus often arrives unencoded, where forms would mean a space.
function decodeComponent(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

const maskedComponent = (value: string): string => encodeURIComponent(maskPhoneNumber(value.trim()) ?? '');
