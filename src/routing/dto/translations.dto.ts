import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, ValidateBy, ValidateNested } from 'class-validator';
import { PROMPT_KEYS, type PromptKey } from '../caller-prompts.js';
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from '../languages.js';
import { PromptTextRules } from './caller-prompts.dto.js';
import { IsOmittable, IsPrintableText, KeywordRules, Trim } from './validators.js';

type DtoClass = new () => object;

/**
 * class-validator validates classes, not dictionaries: texts keyed by language code are validated as a class with
 * one property per supported language, each language's class built with messages that name it
 * ("translations.es-MX.prompts.noMatch must be 1 to 500 characters"). Built once, when this file is loaded.
 */
function perLanguage(decorate: (code: string) => PropertyDecorator): DtoClass {
  class ByLanguageDto {}
  for (const code of SUPPORTED_LANGUAGES) decorate(code)(ByLanguageDto.prototype, code);
  return ByLanguageDto;
}

/** A language's texts: an object validated as `dto`; null when `nullable` (it then removes them). */
const LanguageTexts = (path: string, dto: DtoClass, nullable: boolean, what: string): PropertyDecorator => {
  // ValidateNested says the same of a value that is not an object: one message, said once.
  const message = `${path} must be an object with ${what}${nullable ? ', or null to remove them' : ''}`;
  return applyDecorators(
    nullable ? IsOptional() : IsOmittable(),
    IsObject({ message }),
    ValidateNested({ message }),
    Type(() => dto),
  );
};

function translatedPromptsDto(path: string): DtoClass {
  class TranslatedPromptsDto implements Partial<Record<PromptKey, string | null>> {}
  // null removes the translation: callers in that language hear the default language's text again.
  for (const key of PROMPT_KEYS)
    applyDecorators(IsOptional(), PromptTextRules(path, key))(TranslatedPromptsDto.prototype, key);
  return TranslatedPromptsDto;
}

function settingsTranslationDto(code: string): DtoClass {
  const path = `translations.${code}`;
  class SettingsTranslationDto {}
  applyDecorators(
    IsOptional(),
    Trim(),
    IsString({ message: `${path}.greeting must be a string, or null to remove it` }),
    Length(1, 500, { message: `${path}.greeting must be 1 to 500 characters` }),
  )(SettingsTranslationDto.prototype, 'greeting');
  LanguageTexts(
    `${path}.prompts`,
    translatedPromptsDto(`${path}.prompts`),
    true,
    'prompt texts by key',
  )(SettingsTranslationDto.prototype, 'prompts');
  return SettingsTranslationDto;
}

function departmentTranslationDto(code: string): DtoClass {
  const path = `translations.${code}`;
  class DepartmentTranslationDto {}
  applyDecorators(
    IsOmittable(),
    Trim(),
    IsString({ message: `${path}.name must be a string` }),
    Length(1, 64, { message: `${path}.name must be 1 to 64 characters` }),
    IsPrintableText(`${path}.name`),
  )(DepartmentTranslationDto.prototype, 'name');
  applyDecorators(IsOmittable(), KeywordRules(`${path}.keywords`, `each of ${path}.keywords`))(
    DepartmentTranslationDto.prototype,
    'keywords',
  );
  return DepartmentTranslationDto;
}

const SettingsTranslationsDto = perLanguage((code) =>
  LanguageTexts(`translations.${code}`, settingsTranslationDto(code), true, 'greeting and prompts'),
);

const DepartmentTranslationsDto = perLanguage((code) =>
  LanguageTexts(`translations.${code}`, departmentTranslationDto(code), false, 'name and keywords'),
);

/** The supported codes, for messages that say which to use. */
export const SUPPORTED_LIST = SUPPORTED_LANGUAGES.join(', ');

/** Keys that are supported language codes; the message names the others and lists the supported ones. */
const KeysAreSupportedLanguages = (field: string): PropertyDecorator =>
  ValidateBy({
    name: 'keysAreSupportedLanguages',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'object' || value === null || Object.keys(value).every(isSupportedLanguage),
      defaultMessage: (args) => {
        const unsupported = Object.keys((args?.value ?? {}) as object).filter((code) => !isSupportedLanguage(code));
        return (
          `${field} may only name languages Twilio both speaks and recognises (not ${unsupported.join(', ')}); ` +
          `supported: ${SUPPORTED_LIST}`
        );
      },
    },
  });

const LanguageKeyed = (dto: DtoClass, message: string): PropertyDecorator =>
  applyDecorators(
    IsOmittable(),
    IsObject({ message }),
    KeysAreSupportedLanguages('translations'),
    ValidateNested({ message }),
    Type(() => dto),
  );

/** `translations` of a settings PATCH: greeting and prompts by language code, merged (see SettingsAdminService). */
export const SettingsTranslationsRules = (): PropertyDecorator =>
  LanguageKeyed(
    SettingsTranslationsDto,
    'translations must be an object of greeting and prompts by language code, such as {"es-MX": {"greeting": "..."}}',
  );

/** `translations` of a department: name and keywords by language code, replaced as a whole. */
export const DepartmentTranslationsRules = (): PropertyDecorator =>
  LanguageKeyed(
    DepartmentTranslationsDto,
    'translations must be an object of name and keywords by language code, such as {"es-MX": {"name": "..."}}',
  );
