export type CsvValue = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;
/**
 * Where a spreadsheet may start a cell, followed by a character that makes that cell a formula
 * ("CSV injection"): the start of the field, or any character some spreadsheet splits a line at
 * (the list separator of its locale, an import wizard's choice, a line break), then blanks or
 * double quotes, which spreadsheets skip, then = + - @ tab or CR. A `;` splits the line in the
 * locales that use it, quotes or not, so the start of the field alone is not enough.
 */
const FORMULA_STARTS = /(^|[,;\t|\r\n])([ "]*)(?=[=+\-@\t\r])/g;
// A quick test that rules most cells out (times, ids, plain words): a trigger first, or a separator anywhere.
const MAY_START_FORMULA = /^[ "]*[=+\-@\t\r]|[,;\t|\r\n]/;
// ...but a phone number, whole or masked, is data: "+15551230123", "+1555***0123".
const PHONE_NUMBER = /^\+[\d*]+$/;

/** `text` with a ' before each formula trigger where a cell may start, so every such cell reads as text. */
export function defuseFormulas(text: string): string {
  if (!MAY_START_FORMULA.test(text) || PHONE_NUMBER.test(text)) return text;
  return text.replace(FORMULA_STARTS, "$1$2'");
}

/** One field as RFC 4180 writes it, with formula triggers defused (see defuseFormulas). */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = defuseFormulas(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated (RFC 4180). */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
