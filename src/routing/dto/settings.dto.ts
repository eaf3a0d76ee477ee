import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { type CallerPrompts, effectivePrompts } from '../caller-prompts.js';
import type { SettingsTranslationsChange } from '../language-settings.js';
import type { Settings } from '../settings.entity.js';
import type { SettingsTranslations } from '../translations.js';
import { ApiCallerPrompts, CallerPromptsDto } from './caller-prompts.dto.js';
import { LanguageByCountryRules, LanguageOfferDto, LanguageOfferResponse, LanguagesRules } from './languages.dto.js';
import { SettingsTranslationsRules } from './translations.dto.js';
import { IsDiallable, IsOmittable, Trim, VOICE_PATTERN } from './validators.js';

const TRANSLATIONS_EXAMPLE = {
  'es-MX': { greeting: 'Gracias por llamar.', prompts: { noMatch: 'Lo siento, esa no es una de las opciones.' } },
};

export class UpdateSettingsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.6 })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minConfidence must be a number between 0 and 1' })
  @Min(0, { message: 'minConfidence must be a number between 0 and 1' })
  @Max(1, { message: 'minConfidence must be a number between 0 and 1' })
  minConfidence?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, example: 3 })
  @IsOmittable()
  @IsInt({ message: 'maxAttempts must be an integer between 1 and 10' })
  @Min(1, { message: 'maxAttempts must be an integer between 1 and 10' })
  @Max(10, { message: 'maxAttempts must be an integer between 1 and 10' })
  maxAttempts?: number;

  @ApiPropertyOptional({
    nullable: true,
    example: '+15555550100',
    description: 'E.164 or sip: URI; null takes a voicemail instead',
  })
  @IsOptional()
  @Trim()
  @IsDiallable('operatorNumber')
  operatorNumber?: string | null;

  @ApiPropertyOptional({ example: 'Polly.Joanna', description: 'A Twilio <Say> voice' })
  @IsOmittable()
  @Matches(VOICE_PATTERN, { message: 'voice must be a Twilio voice name such as Polly.Joanna' })
  voice?: string;

  @ApiPropertyOptional({ example: 'en-US' })
  @IsOmittable()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, { message: 'language must be a language tag such as en-US' })
  language?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, example: 5 })
  @IsOmittable()
  @IsInt({ message: 'gatherTimeoutSeconds must be an integer between 1 and 30' })
  @Min(1, { message: 'gatherTimeoutSeconds must be an integer between 1 and 30' })
  @Max(30, { message: 'gatherTimeoutSeconds must be an integer between 1 and 30' })
  gatherTimeoutSeconds?: number;

  @ApiPropertyOptional({ minimum: 5, maximum: 600, example: 20 })
  @IsOmittable()
  @IsInt({ message: 'dialTimeoutSeconds must be an integer between 5 and 600' })
  @Min(5, { message: 'dialTimeoutSeconds must be an integer between 5 and 600' })
  @Max(600, { message: 'dialTimeoutSeconds must be an integer between 5 and 600' })
  dialTimeoutSeconds?: number;

  @ApiPropertyOptional({ example: 'Thank you for calling Example Corp.' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 500, { message: 'greeting must be 1 to 500 characters' })
  greeting?: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'Have Twilio transcribe voicemails (a paid Twilio feature, for recordings of at most 2 minutes); ' +
      "the text is in the call session's detail",
  })
  @IsOmittable()
  @IsBoolean({ message: 'transcribeVoicemail must be true or false' })
  transcribeVoicemail?: boolean;

  @ApiPropertyOptional({
    type: CallerPromptsDto,
    description: 'The prompts to change, by key; a prompt not named keeps its wording',
  })
  @IsOmittable()
  @IsObject({ message: 'prompts must be an object of prompt texts by key' })
  @ValidateNested()
  @Type(() => CallerPromptsDto)
  prompts?: CallerPromptsDto;

  @LanguagesRules()
  languages?: LanguageOfferDto[];

  @LanguageByCountryRules()
  languageByCountry?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'object',
    example: TRANSLATIONS_EXAMPLE,
    additionalProperties: {
      type: 'object',
      nullable: true,
      properties: {
        greeting: { type: 'string', nullable: true },
        prompts: { type: 'object', nullable: true, additionalProperties: { type: 'string', nullable: true } },
      },
    },
    description:
      'The greeting and prompts in the other languages, by language code (any supported one but the default), ' +
      "merged like prompts: each text sent replaces that language's, the others stay; null removes a text " +
      "(callers in that language hear the default language's again) and a language sent as null loses all its " +
      'texts. Each prompt follows the prompts rules',
  })
  @SettingsTranslationsRules()
  translations?: SettingsTranslationsChange;
}

export class SettingsResponse {
  @ApiProperty() minConfidence: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ nullable: true, type: String }) operatorNumber: string | null;
  @ApiProperty() voice: string;
  @ApiProperty() language: string;
  @ApiProperty() gatherTimeoutSeconds: number;
  @ApiProperty() dialTimeoutSeconds: number;
  @ApiProperty() greeting: string;
  @ApiProperty() transcribeVoicemail: boolean;
  @ApiCallerPrompts() prompts: CallerPrompts;
  @ApiProperty({ type: [LanguageOfferResponse], description: '[]: only the default language, no choice' })
  languages: LanguageOfferResponse[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { MX: 'es-MX' } })
  languageByCountry: Record<string, string>;
  @ApiProperty({
    type: 'object',
    example: TRANSLATIONS_EXAMPLE,
    additionalProperties: {
      type: 'object',
      properties: {
        greeting: { type: 'string' },
        prompts: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    description: 'Only the texts translated, by language code: the others fall back to the default language',
  })
  translations: SettingsTranslations;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Also sent as the ETag header' }) version: number;

  static from(settings: Settings): SettingsResponse {
    return {
      minConfidence: settings.minConfidence,
      maxAttempts: settings.maxAttempts,
      operatorNumber: settings.operatorNumber,
      voice: settings.voice,
      language: settings.language,
      gatherTimeoutSeconds: settings.gatherTimeoutSeconds,
      dialTimeoutSeconds: settings.dialTimeoutSeconds,
      greeting: settings.greeting,
      transcribeVoicemail: settings.transcribeVoicemail,
      prompts: effectivePrompts(settings.prompts),
      languages: (settings.languages ?? []).map((offer) => LanguageOfferResponse.from(offer)),
      languageByCountry: settings.languageByCountry ?? {},
      translations: settings.translations ?? {},
      updatedAt: settings.updatedAt.toISOString(),
      version: settings.version,
    };
  }
}
