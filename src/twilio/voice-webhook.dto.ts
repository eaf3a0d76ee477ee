import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CALL_STATUSES, DIAL_STATUSES, type CallStatus, type DialCallStatus } from '../voice/decide.js';

// Twilio adds parameters over time: these DTOs name what the flow uses and let the rest pass.

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Parameters Twilio sends with every voice webhook. */
export class VoiceWebhookDto {
  @Matches(/^[A-Za-z0-9]{2,64}$/, { message: 'CallSid is required and must be a Twilio call SID' })
  CallSid: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  AccountSid?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  From?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  To?: string;
}

export class GatherWebhookDto extends VoiceWebhookDto {
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[0-9*#]{1,32}$/, { message: 'Digits must be keypad digits' })
  Digits?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  SpeechResult?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'Confidence must be a number between 0 and 1' })
  @Min(0, { message: 'Confidence must be a number between 0 and 1' })
  @Max(1, { message: 'Confidence must be a number between 0 and 1' })
  Confidence?: number;
}

export class GatherQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'round must be a positive integer' })
  @Min(1, { message: 'round must be a positive integer' })
  round?: number;
}

export class DialStatusWebhookDto extends VoiceWebhookDto {
  @IsIn(DIAL_STATUSES, { message: `DialCallStatus must be one of ${DIAL_STATUSES.join(', ')}` })
  DialCallStatus: DialCallStatus;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  DialCallSid?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DialCallDuration must be a whole number of seconds' })
  @Min(0)
  DialCallDuration?: number;
}

export class RecordingWebhookDto extends VoiceWebhookDto {
  @Matches(/^[A-Za-z0-9]{2,64}$/, { message: 'RecordingSid is required and must be a Twilio recording SID' })
  RecordingSid: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  RecordingUrl?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'RecordingDuration must be a whole number of seconds' })
  @Min(0)
  RecordingDuration?: number;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  RecordingStatus?: string;
}

export class StatusWebhookDto extends VoiceWebhookDto {
  @IsIn(CALL_STATUSES, { message: `CallStatus must be one of ${CALL_STATUSES.join(', ')}` })
  CallStatus: CallStatus;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'CallDuration must be a whole number of seconds' })
  @Min(0)
  CallDuration?: number;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  Timestamp?: string;
}
