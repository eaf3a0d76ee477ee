import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { callLanguages, type LanguageOffer, SUPPORTED_LANGUAGES } from '../languages.js';
import { type MissingTranslation, missingTranslations } from '../missing-translations.js';
import type { RoutingRules } from '../routing-rules.js';
import { SUPPORTED_LIST } from './translations.dto.js';
import { IsOmittable, IsPrintableText, KeywordRules, Trim, VOICE_PATTERN } from './validators.js';

/** One digit per language: no more can be offered. */
const MAX_LANGUAGES = 10;
const COUNTRY_CODE = /^[A-Z]{2}$/;
// ISO 3166-1 has 249 countries; a few more codes are in use (XK).
const MAX_COUNTRIES = 300;

export class LanguageOfferDto {
  @ApiProperty({ enum: SUPPORTED_LANGUAGES, example: 'es-MX' })
  @IsIn(SUPPORTED_LANGUAGES, {
    message: (args) =>
      `languages: ${JSON.stringify(args.value)} is not a language Twilio both speaks and recognises; ` +
      `use one of ${SUPPORTED_LIST}`,
  })
  code: string;

  @ApiProperty({ example: 'español', description: 'Its name in itself: said in the choice, and a spoken keyword' })
  @Trim()
  @IsString({ message: "each language's name must be text" })
  @Length(1, 64, { message: "each language's name must be 1 to 64 characters" })
  @IsPrintableText("each language's name")
  name: string;

  @ApiProperty({ example: '2', description: 'The key that chooses it, "0"-"9"' })
  @Matches(/^[0-9]$/, { message: 'each language\'s digit must be a single digit "0"-"9"' })
  digit: string;

  @ApiPropertyOptional({ example: ['spanish'], description: 'More phrases that choose it by voice (at most 20)' })
  @IsOptional()
  @KeywordRules("each language's keywords", "each language's keyword", 0)
  keywords?: string[];

  @ApiPropertyOptional({
    example: 'Polly.Mia',
    nullable: true,
    description:
      "Its <Say> voice; required, except for the default language's entry (which has none: it speaks with voice)",
  })
  @IsOptional()
  @Matches(VOICE_PATTERN, { message: "each language's voice must be a Twilio voice name such as Polly.Mia" })
  voice?: string | null;
}

function duplicates(values: readonly unknown[]): string[] {
  const seen = new Set<unknown>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(String(value));
    seen.add(value);
  }
  return [...repeated];
}

/** An array whose items' `property` are all different; the message names the ones repeated. */
const UniqueBy = (property: 'code' | 'digit', message: (repeated: string[]) => string): PropertyDecorator => {
  const valuesOf = (value: unknown): unknown[] =>
    Array.isArray(value)
      ? value.map((item: unknown) =>
          typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[property] : undefined,
        )
      : [];
  return ValidateBy({
    name: `uniqueLanguage${property}`,
    validator: {
      validate: (value: unknown) => duplicates(valuesOf(value).filter((item) => item !== undefined)).length === 0,
      defaultMessage: (args) => message(duplicates(valuesOf(args?.value).filter((item) => item !== undefined))),
    },
  });
};

/** `languages` of a settings PATCH: the whole list, replaced. */
export const LanguagesRules = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: [LanguageOfferDto],
      description:
        'The languages callers choose from at the start of a call, the default (language) included, replaced as a ' +
        'whole; [] offers only the default language (no choice)',
    }),
    IsOmittable(),
    IsArray({ message: 'languages must be an array of languages offered ([] for only the default language)' }),
    ArrayMaxSize(MAX_LANGUAGES, { message: `languages must offer at most ${MAX_LANGUAGES} (one digit each)` }),
    UniqueBy('code', (repeated) => `languages must offer each language once (${repeated.join(', ')} repeated)`),
    UniqueBy(
      'digit',
      (repeated) => `languages must give each language its own digit (${repeated.join(', ')} repeated)`,
    ),
    ValidateNested({ each: true }),
    Type(() => LanguageOfferDto),
  );

function entriesOf(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null ? Object.entries(value) : [];
}

/** `languageByCountry` of a settings PATCH: the whole map, replaced. */
export const LanguageByCountryRules = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: { type: 'string' },
      example: { MX: 'es-MX' },
      description:
        "A caller's country (Twilio's FromCountry, ISO 3166 alpha-2 in upper case) → the offered language they hear " +
        'without being asked; replaced as a whole ({} for none)',
    }),
    IsOmittable(),
    IsObject({ message: 'languageByCountry must be an object of language codes by country, such as {"MX": "es-MX"}' }),
    ValidateBy({
      name: 'countryCodes',
      validator: {
        validate: (value: unknown) =>
          entriesOf(value).length <= MAX_COUNTRIES && entriesOf(value).every(([country]) => COUNTRY_CODE.test(country)),
        defaultMessage: (args) => {
          const wrong = entriesOf(args?.value)
            .map(([country]) => country)
            .filter((country) => !COUNTRY_CODE.test(country));
          return wrong.length === 0
            ? `languageByCountry must name at most ${MAX_COUNTRIES} countries`
            : `languageByCountry keys must be ISO 3166 alpha-2 country codes in upper case such as MX (not ${wrong.join(', ')})`;
        },
      },
    }),
    ValidateBy({
      name: 'countryLanguages',
      validator: {
        validate: (value: unknown) => entriesOf(value).every(([, code]) => isSupportedCode(code)),
        defaultMessage: (args) => {
          const wrong = entriesOf(args?.value)
            .filter(([, code]) => !isSupportedCode(code))
            .map(([country, code]) => `${country}: ${JSON.stringify(code)}`);
          return `languageByCountry values must be language codes such as es-MX (not ${wrong.join(', ')})`;
        },
      },
    }),
  );

function isSupportedCode(code: unknown): boolean {
  return typeof code === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(code);
}

export class LanguageOfferResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() digit: string;
  @ApiPropertyOptional({ type: [String] }) keywords?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) voice?: string | null;

  static from(offer: LanguageOffer): LanguageOfferResponse {
    return {
      code: offer.code,
      name: offer.name,
      digit: offer.digit,
      ...(offer.keywords && offer.keywords.length > 0 ? { keywords: [...offer.keywords] } : {}),
      ...(offer.voice ? { voice: offer.voice } : {}),
    };
  }
}

export class MissingTranslationResponse {
  @ApiProperty({ enum: ['greeting', 'prompt', 'department', 'menu', 'option'] }) kind: MissingTranslation['kind'];
  @ApiPropertyOptional({ description: "The department's, menu's or option's id, or the prompt's key" }) id?: string;
  @ApiPropertyOptional({ description: 'What the admin knows it by' }) name?: string;
  @ApiProperty({
    example: 'name',
    description: "Where the text goes in its translations[code] (prompts.noMatch: in the settings' translations)",
  })
  field: string;
}

export class CallLanguageResponse {
  @ApiProperty({ example: 'es-MX' }) code: string;
  @ApiProperty({ example: 'español' }) name: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: the only language, no choice' })
  digit: string | null;
  @ApiProperty({ example: 'Polly.Mia' }) voice: string;
  @ApiProperty({ description: 'The default language: every other falls back to its texts' }) default: boolean;
  @ApiProperty({ type: [String], example: ['MX'], description: 'Callers from these countries hear it unasked' })
  countries: string[];
  @ApiProperty({
    type: [MissingTranslationResponse],
    description: 'The texts it lacks (callers hear the default language instead); always empty for the default',
  })
  missing: MissingTranslationResponse[];
}

/** GET /admin/languages: what callers may hear their menu in, and what each language still lacks. */
export class LanguagesResponse {
  @ApiProperty({ type: [CallLanguageResponse], description: 'The default first' })
  languages: CallLanguageResponse[];

  static from(rules: RoutingRules): LanguagesResponse {
    const { settings } = rules;
    const byCountry = Object.entries(settings.languageByCountry ?? {});
    return {
      languages: callLanguages(settings).map((language) => {
        const isDefault = language.code === settings.language;
        return {
          code: language.code,
          name: language.name,
          digit: language.digit,
          voice: language.voice,
          default: isDefault,
          countries: byCountry
            .filter(([, code]) => code === language.code)
            .map(([country]) => country)
            .sort(),
          missing: isDefault ? [] : missingTranslations(rules, language.code).map((entry) => ({ ...entry })),
        };
      }),
    };
  }
}
