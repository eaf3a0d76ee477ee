import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

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

/** A Twilio `<Say>` voice name ("Polly.Joanna", "Google.es-MX-Standard-A"). */
export const VOICE_PATTERN = /^[A-Za-z0-9][\w.-]{0,63}$/;

/**
 * Speech phrases as a department's keywords are: 1-20 (or from `min`) phrases of at most 100 characters, none
 * repeated (case-insensitive), each trimmed; `field` and `each` name them in the messages.
 */
export const KeywordRules = (field: string, each: string, min = 1): PropertyDecorator =>
  applyDecorators(
    TrimEach(),
    IsArray({ message: `${field} must be an array of phrases` }),
    ...(min > 0 ? [ArrayMinSize(min, { message: `${field} must have at least ${min} phrase` })] : []),
    ArrayMaxSize(20, { message: `${field} must have at most 20 phrases` }),
    ArrayUnique((keyword: unknown) => (typeof keyword === 'string' ? keyword.toLowerCase() : keyword), {
      message: `${field} must not repeat a phrase`,
    }),
    IsString({ each: true, message: `${each} must be text` }),
    MinLength(1, { each: true, message: `${each} must be a non-empty phrase` }),
    MaxLength(100, { each: true, message: `${each} must be at most 100 characters` }),
  );
