import { Transform } from 'class-transformer';
import { Matches, ValidateBy, ValidateIf } from 'class-validator';

/** E.164 ("+15551234567") or a SIP URI ("sip:desk@pbx.example.com"). */
export const DIALLABLE_PATTERN = /^(\+[1-9]\d{1,14}|sip:[^\s@<>"]+@[^\s<>"]+)$/;

export const IsDiallable = (property: string): PropertyDecorator =>
  Matches(DIALLABLE_PATTERN, { message: `${property} must be an E.164 number like +15551234567 or a sip: URI` });

export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const TrimEach = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value,
  );

/** May be left out, but not sent as null (unlike @IsOptional, which skips null too). */
export const IsOmittable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

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
