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
import type { Settings } from '../settings.entity.js';
import { ApiCallerPrompts, CallerPromptsDto } from './caller-prompts.dto.js';
import { IsDiallable, IsOmittable, Trim } from './validators.js';

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
  @Matches(/^[A-Za-z0-9][\w.-]{0,63}$/, { message: 'voice must be a Twilio voice name such as Polly.Joanna' })
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
      updatedAt: settings.updatedAt.toISOString(),
      version: settings.version,
    };
  }
}
