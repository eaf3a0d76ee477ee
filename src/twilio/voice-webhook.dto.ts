import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  CALL_STATUSES,
  DIAL_STATUSES,
  TRANSCRIPTION_STATUSES,
  type CallStatus,
  type DialCallStatus,
  type TranscriptionStatus,
} from './twilio-statuses.js';

// Twilio adds parameters over time: these DTOs name what the flow uses and let the rest pass.

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Blank means absent (Twilio may send "Confidence="); only a plain decimal is a number, anything else NaN (refused). */
const toOptionalNumber = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
};

// Integer columns hold at most 2^31-1; no real duration comes near.
const MAX_SECONDS = 10_000_000;
// A call sends a handful of status callbacks; anything near the column's limit is not Twilio.
const MAX_SEQUENCE_NUMBER = 1_000_000;
/** Twilio transcribes recordings of at most two minutes (a few thousand characters): far more is not Twilio. */
export const MAX_TRANSCRIPTION_LENGTH = 20_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// The submenus below the root: at most four (five levels with the root).
const MAX_MENU_PATH = 4;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

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

/** A call's first webhook: Twilio's guess of the caller's country may pick the menu's language. */
export class IncomingWebhookDto extends VoiceWebhookDto {
  // Only a plain ISO 3166 code counts; anything else is ignored rather than refused (never a reason to drop a call).
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[A-Za-z]{2}$/.test(value.trim()) ? value.trim().toUpperCase() : undefined,
  )
  @IsOptional()
  @IsString()
  FromCountry?: string;
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

  @Transform(toOptionalNumber)
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'Confidence must be a number between 0 and 1' })
  @Min(0, { message: 'Confidence must be a number between 0 and 1' })
  @Max(1, { message: 'Confidence must be a number between 0 and 1' })
  Confidence?: number;
}

export class GatherQueryDto {
  @Transform(toOptionalNumber)
  @IsOptional()
  @IsInt({ message: 'round must be a menu round between 1 and 1000' })
  @Min(1, { message: 'round must be a menu round between 1 and 1000' })
  @Max(1000, { message: 'round must be a menu round between 1 and 1000' })
  round?: number;

  // Where the caller was, for answering from the cached menu while the database is away (the session says it
  // otherwise): anything but what our own TwiML writes is ignored, never a reason to refuse a call's answer.
  @Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return undefined;
    const path = value.split(',');
    return path.length <= MAX_MENU_PATH && path.every((id) => UUID.test(id)) ? path : undefined;
  })
  @IsOptional()
  menu?: string[];

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && LANGUAGE_TAG.test(value) ? value : undefined,
  )
  @IsOptional()
  language?: string;
}

export class DialStatusWebhookDto extends VoiceWebhookDto {
  @IsIn(DIAL_STATUSES, { message: `DialCallStatus must be one of ${DIAL_STATUSES.join(', ')}` })
  DialCallStatus: DialCallStatus;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  DialCallSid?: string;

  @Transform(toOptionalNumber)
  @IsOptional()
  @IsInt({ message: 'DialCallDuration must be a whole number of seconds' })
  @Min(0)
  @Max(MAX_SECONDS)
  DialCallDuration?: number;
}

export class RecordingWebhookDto extends VoiceWebhookDto {
  @Matches(/^[A-Za-z0-9]{2,64}$/, { message: 'RecordingSid is required and must be a Twilio recording SID' })
  RecordingSid: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  RecordingUrl?: string;

  @Transform(toOptionalNumber)
  @IsOptional()
  @IsInt({ message: 'RecordingDuration must be a whole number of seconds' })
  @Min(0)
  @Max(MAX_SECONDS)
  RecordingDuration?: number;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  RecordingStatus?: string;
}

/** The `<Record>`'s transcribeCallback. */
export class TranscriptionWebhookDto extends VoiceWebhookDto {
  @Matches(/^[A-Za-z0-9]{2,64}$/, { message: 'TranscriptionSid is required and must be a Twilio transcription SID' })
  TranscriptionSid: string;

  @IsIn(TRANSCRIPTION_STATUSES, {
    message: `TranscriptionStatus must be one of ${TRANSCRIPTION_STATUSES.join(', ')}`,
  })
  TranscriptionStatus: TranscriptionStatus;

  // Kept as sent, even empty: a completed transcription of a message with no words in it.
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TRANSCRIPTION_LENGTH, {
    message: `TranscriptionText must be at most ${MAX_TRANSCRIPTION_LENGTH} characters`,
  })
  TranscriptionText?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  TranscriptionUrl?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{2,64}$/, { message: 'RecordingSid must be a Twilio recording SID' })
  RecordingSid?: string;
}

export class StatusWebhookDto extends VoiceWebhookDto {
  @IsIn(CALL_STATUSES, { message: `CallStatus must be one of ${CALL_STATUSES.join(', ')}` })
  CallStatus: CallStatus;

  @Transform(toOptionalNumber)
  @IsOptional()
  @IsInt({ message: 'CallDuration must be a whole number of seconds' })
  @Min(0)
  @Max(MAX_SECONDS)
  CallDuration?: number;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  Timestamp?: string;

  @Transform(toOptionalNumber)
  @IsOptional()
  @IsInt({ message: 'SequenceNumber must be a whole number' })
  @Min(0, { message: 'SequenceNumber must be a whole number' })
  @Max(MAX_SEQUENCE_NUMBER, { message: 'SequenceNumber must be a whole number' })
  SequenceNumber?: number;
}

/** Twilio's fallback URL request: the usual call parameters plus why the primary URL failed. */
export class FallbackWebhookDto extends VoiceWebhookDto {
  @IsOptional()
  @Matches(/^\d{1,8}$/, { message: 'ErrorCode must be a Twilio error number such as 11200' })
  ErrorCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  ErrorUrl?: string;
}
