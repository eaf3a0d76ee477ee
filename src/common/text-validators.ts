import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

// Control characters (C0, DEL, C1: tabs and line breaks too), lone surrogates, Unicode line and
// paragraph separators, and the bidirectional overrides and isolates that make text display other
// than it reads. A name is one line of text: it ends up in CSV exports, logs and the spoken menu.
const NOT_PRINTABLE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;

/** Whether `value` is text a person can read on one line: no control or direction-changing characters. */
export function isPrintableText(value: unknown): boolean {
  return typeof value === 'string' && !NOT_PRINTABLE.test(value);
}

export const IsPrintableText = (property: string): PropertyDecorator =>
  ValidateBy({
    name: 'isPrintableText',
    validator: {
      validate: isPrintableText,
      defaultMessage: () => `${property} must be printable text without control characters`,
    },
  });
