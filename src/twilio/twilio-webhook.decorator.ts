import {
  createParamDecorator,
  type ExecutionContext,
  NotFoundException,
  type PipeTransform,
  type Type,
  ValidationPipe,
} from '@nestjs/common';
import type { Request } from 'express';
import { validationException } from '../common/validation.js';
import {
  DialStatusWebhookDto,
  FallbackWebhookDto,
  GatherQueryDto,
  GatherWebhookDto,
  IncomingWebhookDto,
  RecordingWebhookDto,
  StatusWebhookDto,
  TranscriptionWebhookDto,
  VoiceWebhookDto,
} from './voice-webhook.dto.js';
import { isWebhookKind, type WebhookCall, type WebhookInput, type WebhookKind } from './webhook-event.js';

/** What the form (and, for some kinds, the query) of a webhook says: its event without the delivery's facts. */
export type ParsedWebhook = WebhookCall & WebhookInput;

/** How a kind's request becomes its event: the DTOs that validate it, then the mapping to the event's fields. */
interface WebhookRequest<K extends WebhookKind> {
  readonly body: Type<VoiceWebhookDto>;
  readonly query?: Type<object>;
  // Method syntax: each entry narrows the parameters to its own DTOs.
  input(body: VoiceWebhookDto, query: object): Extract<WebhookInput, { readonly kind: K }>;
}

const WEBHOOK_REQUESTS: { readonly [K in WebhookKind]: WebhookRequest<K> } = {
  incoming: {
    body: IncomingWebhookDto,
    input: (body: IncomingWebhookDto) => ({ kind: 'incoming', fromCountry: body.FromCountry }),
  },
  gather: {
    body: GatherWebhookDto,
    query: GatherQueryDto,
    input: (body: GatherWebhookDto, query: GatherQueryDto) => ({
      kind: 'gather',
      round: query.round,
      menuPath: query.menu,
      language: query.language,
      digits: body.Digits,
      speechResult: body.SpeechResult,
      confidence: body.Confidence,
    }),
  },
  'dial-status': {
    body: DialStatusWebhookDto,
    input: (body: DialStatusWebhookDto) => ({
      kind: 'dial-status',
      status: body.DialCallStatus,
      dialCallSid: body.DialCallSid,
      durationSeconds: body.DialCallDuration,
    }),
  },
  voicemail: { body: VoiceWebhookDto, input: () => ({ kind: 'voicemail' }) },
  recording: {
    body: RecordingWebhookDto,
    input: (body: RecordingWebhookDto) => ({
      kind: 'recording',
      recordingSid: body.RecordingSid,
      recordingUrl: body.RecordingUrl,
      durationSeconds: body.RecordingDuration,
      status: body.RecordingStatus,
    }),
  },
  transcription: {
    body: TranscriptionWebhookDto,
    input: (body: TranscriptionWebhookDto) => ({
      kind: 'transcription',
      transcriptionSid: body.TranscriptionSid,
      status: body.TranscriptionStatus,
      text: body.TranscriptionText,
      transcriptionUrl: body.TranscriptionUrl,
      recordingSid: body.RecordingSid,
    }),
  },
  status: {
    body: StatusWebhookDto,
    input: (body: StatusWebhookDto) => ({
      kind: 'status',
      status: body.CallStatus,
      durationSeconds: body.CallDuration,
      timestamp: body.Timestamp,
      sequenceNumber: body.SequenceNumber,
    }),
  },
  fallback: {
    body: FallbackWebhookDto,
    input: (body: FallbackWebhookDto) => ({ kind: 'fallback', errorCode: body.ErrorCode, errorUrl: body.ErrorUrl }),
  },
};

// Postgres text cannot hold NUL characters: drop them rather than fail the call.
const withoutNul = (value: unknown): unknown =>
  typeof value === 'string' ? value.replaceAll('\0', '') : Array.isArray(value) ? value.map(withoutNul) : value;

// Twilio adds parameters over time: the ones a DTO does not name are dropped, never refused.
const formPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: false,
  transform: true,
  validateCustomDecorators: true,
  exceptionFactory: validationException,
});
// The query is ours (the round in a Gather action URL): anything else there was not written by us.
const queryPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationException,
});

export interface WebhookRequestParts {
  readonly kind: WebhookKind;
  readonly body: unknown;
  readonly query: unknown;
}

/** The kind is the last segment of the matched route (one route per kind, whatever prefix the app adds). */
function kindOf(request: Request): WebhookKind {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  const kind = typeof path === 'string' ? path.slice(path.lastIndexOf('/') + 1) : undefined;
  if (!isWebhookKind(kind)) throw new NotFoundException('Not a Twilio webhook route');
  return kind;
}

const webhookRequest = createParamDecorator((_data: unknown, context: ExecutionContext): WebhookRequestParts => {
  const request = context.switchToHttp().getRequest<Request>();
  const body: unknown = request.body;
  const form =
    body !== null && typeof body === 'object'
      ? Object.fromEntries(Object.entries(body).map(([name, value]) => [name, withoutNul(value)]))
      : body;
  return { kind: kindOf(request), body: form, query: request.query };
});

/** A kind's form (and query) validated against its DTOs and mapped to its event; 400 when invalid. */
export class ParseWebhookPipe implements PipeTransform<WebhookRequestParts, Promise<ParsedWebhook>> {
  async transform({ kind, body, query }: WebhookRequestParts): Promise<ParsedWebhook> {
    const parts = WEBHOOK_REQUESTS[kind];
    const form = (await formPipe.transform(body, { type: 'custom', metatype: parts.body })) as VoiceWebhookDto;
    const params = parts.query
      ? ((await queryPipe.transform(query, { type: 'query', metatype: parts.query })) as object)
      : {};
    return {
      callSid: form.CallSid,
      accountSid: form.AccountSid,
      from: form.From,
      to: form.To,
      ...parts.input(form, params),
    };
  }
}

/**
 * The webhook of the matched route, validated against its kind's DTOs (Twilio's extra fields pass)
 * and mapped to its event. A custom decorator, so the app's global pipe leaves it to these.
 */
export const TwilioWebhook = (): ParameterDecorator => webhookRequest(new ParseWebhookPipe());
