import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { isPrintableText } from '../../common/text-validators.js';
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from '../languages.js';

/** What one translated field holds: a line of text up to a length, or speech keywords. */
export type TranslatedField = { readonly kind: 'text'; readonly maxLength: number } | { readonly kind: 'keywords' };

// The same limits as the default language's keywords (see CreateDepartmentDto).
const MAX_KEYWORDS = 20;
const MAX_KEYWORD_LENGTH = 100;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function textProblems(path: string, value: unknown, maxLength: number): string[] {
  if (typeof value !== 'string' || value.length < 1 || value.length > maxLength)
    return [`${path} must be 1 to ${maxLength} characters (leave it out to use the default language's)`];
  return isPrintableText(value) ? [] : [`${path} must be printable text without control characters`];
}

function keywordProblems(path: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_KEYWORDS)
    return [`${path} must be 1 to ${MAX_KEYWORDS} phrases (leave it out to use the default language's)`];
  if (value.some((keyword) => typeof keyword !== 'string' || keyword.length < 1 || keyword.length > MAX_KEYWORD_LENGTH))
    return [`each of ${path} must be a phrase of 1 to ${MAX_KEYWORD_LENGTH} characters`];
  const phrases = value as string[];
  if (!phrases.every(isPrintableText)) return [`${path} must be printable text without control characters`];
  if (new Set(phrases.map((phrase) => phrase.toLowerCase())).size < phrases.length)
    return [`${path} must not repeat a phrase`];
  return [];
}

/** Everything wrong with a translations object, each problem naming its place (`translations.es-MX.name`). */
export function translationProblems(
  property: string,
  value: unknown,
  fields: Readonly<Record<string, TranslatedField>>,
): string[] {
  const names = Object.keys(fields).join(', ');
  if (!isRecord(value))
    return [`${property} must be an object of texts by language code, e.g. {"es-MX": {${names.split(', ')[0]}: …}}`];
  return Object.entries(value).flatMap(([code, texts]) => {
    const at = `${property}.${code}`;
    if (!isSupportedLanguage(code))
      return [
        `${at}: ${code} is not a language Twilio both speaks and recognises; use one of ${SUPPORTED_LANGUAGES.join(', ')}`,
      ];
    if (!isRecord(texts)) return [`${at} must be an object with ${names}`];
    return Object.entries(texts).flatMap(([name, text]) => {
      if (!Object.hasOwn(fields, name)) return [`${at}.${name} cannot be translated: only ${names}`];
      const field = fields[name];
      return field.kind === 'text'
        ? textProblems(`${at}.${name}`, text, field.maxLength)
        : keywordProblems(`${at}.${name}`, text);
    });
  });
}

/** Trims each text and keyword, as the default language's are trimmed. */
function trimmed(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const trim = (text: unknown): unknown => (typeof text === 'string' ? text.trim() : text);
  return Object.fromEntries(
    Object.entries(value).map(([code, texts]) => [
      code,
      isRecord(texts)
        ? Object.fromEntries(
            Object.entries(texts).map(([name, text]) => [name, Array.isArray(text) ? text.map(trim) : trim(text)]),
          )
        : texts,
    ]),
  );
}

/**
 * Texts in other languages, by a language code Twilio both speaks and recognises (SUPPORTED_LANGUAGES): each
 * field optional, a missing one falls back to the default language's.
 */
export const IsTranslations = (
  property: string,
  fields: Readonly<Record<string, TranslatedField>>,
): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => trimmed(value)),
    ValidateBy({
      name: 'isTranslations',
      validator: {
        validate: (value: unknown) => translationProblems(property, value, fields).length === 0,
        defaultMessage: (args) => translationProblems(property, args?.value, fields).join('; '),
      },
    }),
  );
