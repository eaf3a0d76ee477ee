import { Transform } from 'class-transformer';
import { Matches, ValidateIf } from 'class-validator';

// Text rules every feature's DTOs share; here too, where the menu's DTOs have always found them.
export { isPrintableText, IsPrintableText, Trim } from '../../common/text-validators.js';

/** E.164 ("+15551234567") or a SIP URI ("sip:desk@pbx.example.com"). */
export const DIALLABLE_PATTERN = /^(\+[1-9]\d{1,14}|sip:[^\s@<>"]+@[^\s<>"]+)$/;

export const IsDiallable = (property: string): PropertyDecorator =>
  Matches(DIALLABLE_PATTERN, { message: `${property} must be an E.164 number like +15551234567 or a sip: URI` });

export const TrimEach = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value,
  );

/** May be left out, but not sent as null (unlike @IsOptional, which skips null too). */
export const IsOmittable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
