import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches, ValidateBy } from 'class-validator';
import {
  DEFAULT_PROMPTS,
  MAX_PROMPT_LENGTH,
  placeholdersOf,
  PROMPT_KEYS,
  type PromptKey,
  unknownPlaceholders,
} from '../caller-prompts.js';
import { IsOmittable, Trim } from './validators.js';

function spokenPlaceholders(key: PromptKey): string {
  return placeholdersOf(key)
    .map((name) => `{${name}}`)
    .join(', ');
}

/** "prompts.noMatch may use no placeholders (not {foo})", or which ones it may use. */
function placeholderMessage(path: string, key: PromptKey, text: string): string {
  const allowed = placeholdersOf(key).length === 0 ? 'no placeholders' : `only ${spokenPlaceholders(key)}`;
  return `${path}.${key} may use ${allowed} (not ${unknownPlaceholders(key, text).join(', ')})`;
}

const UsesOnlyItsPlaceholders = (path: string, key: PromptKey): PropertyDecorator =>
  ValidateBy({
    name: 'usesOnlyItsPlaceholders',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || unknownPlaceholders(key, value).length === 0,
      defaultMessage: (args) => placeholderMessage(path, key, String(args?.value)),
    },
  });

/**
 * The rules of one prompt's text, its messages naming it at `path` ("prompts", or "translations.es-MX.prompts"
 * for a translation): trimmed, 1-500 characters, no control characters, only its own placeholders.
 */
export const PromptTextRules = (path: string, key: PromptKey): PropertyDecorator =>
  applyDecorators(
    Trim(),
    IsString({ message: `${path}.${key} must be a string` }),
    Length(1, MAX_PROMPT_LENGTH, { message: `${path}.${key} must be 1 to ${MAX_PROMPT_LENGTH} characters` }),
    Matches(/^[^\p{Cc}]*$/u, { message: `${path}.${key} must not contain control characters such as line breaks` }),
    UsesOnlyItsPlaceholders(path, key),
  );

const PromptText = (key: PromptKey): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      example: DEFAULT_PROMPTS[key],
      minLength: 1,
      maxLength: MAX_PROMPT_LENGTH,
      description:
        placeholdersOf(key).length === 0 ? 'No placeholders' : `May use the placeholders ${spokenPlaceholders(key)}`,
    }),
    IsOmittable(),
    PromptTextRules('prompts', key),
  );

/** Prompts to change, by key; a prompt not named keeps its wording. A unit test checks that every key is here. */
export class CallerPromptsDto implements Partial<Record<PromptKey, string>> {
  @PromptText('lowConfidence') lowConfidence?: string;
  @PromptText('noMatch') noMatch?: string;
  @PromptText('noInput') noInput?: string;
  @PromptText('menuOptionDigitAndKeyword') menuOptionDigitAndKeyword?: string;
  @PromptText('menuOptionDigit') menuOptionDigit?: string;
  @PromptText('menuOptionKeyword') menuOptionKeyword?: string;
  @PromptText('menuBackKey') menuBackKey?: string;
  @PromptText('menuRepeatKey') menuRepeatKey?: string;
  @PromptText('menuOperatorKey') menuOperatorKey?: string;
  @PromptText('languageChoice') languageChoice?: string;
  @PromptText('menuClosedDepartment') menuClosedDepartment?: string;
  @PromptText('departmentClosed') departmentClosed?: string;
  @PromptText('departmentHours') departmentHours?: string;
  @PromptText('departmentOpensAgain') departmentOpensAgain?: string;
  @PromptText('connectingToDepartment') connectingToDepartment?: string;
  @PromptText('connectingToOperator') connectingToOperator?: string;
  @PromptText('connectingAfterHours') connectingAfterHours?: string;
  @PromptText('voicemailNobodyAvailable') voicemailNobodyAvailable?: string;
  @PromptText('voicemailCallFailed') voicemailCallFailed?: string;
  @PromptText('voicemailInstructions') voicemailInstructions?: string;
  @PromptText('voicemailNothingRecorded') voicemailNothingRecorded?: string;
  @PromptText('voicemailRecorded') voicemailRecorded?: string;
  @PromptText('goodbye') goodbye?: string;
  @PromptText('technicalDifficulties') technicalDifficulties?: string;
  @PromptText('technicalDifficultiesConnecting') technicalDifficultiesConnecting?: string;
}

/** Every prompt as read: all keys, the defaults filled in. */
export const ApiCallerPrompts = (): PropertyDecorator =>
  ApiProperty({
    type: 'object',
    description: 'Every prompt callers hear: the defaults where not changed',
    properties: Object.fromEntries(
      PROMPT_KEYS.map((key) => [key, { type: 'string', example: DEFAULT_PROMPTS[key] }] as const),
    ),
    required: [...PROMPT_KEYS],
    selfRequired: true,
  });
