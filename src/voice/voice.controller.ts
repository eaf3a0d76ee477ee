import { Controller, Header, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock.js';
import { requestIdOf } from '../common/request-id.js';
import { TwilioSignatureGuard } from '../twilio/twilio-signature.guard.js';
import { type ParsedWebhook, TwilioWebhook } from '../twilio/twilio-webhook.decorator.js';
import { voicePathOf, WEBHOOK_KINDS } from '../twilio/webhook-event.js';
import { ResilientCallFlow } from './resilient-call-flow.service.js';
import { VoiceExceptionFilter } from './voice-exception.filter.js';

const MAX_TOKEN_LENGTH = 255;

/** Twilio's token as given; an absurdly long one is replaced by its digest so it still dedupes and fits its column. */
function idempotencyTokenOf(request: Request): string | undefined {
  const token = request.header('i-twilio-idempotency-token');
  if (!token) return undefined;
  return token.length <= MAX_TOKEN_LENGTH ? token : `sha256:${createHash('sha256').update(token).digest('hex')}`;
}

/** Twilio's voice webhooks, one route per kind: form-encoded in, TwiML out. Decisions live in the call flow. */
@Controller()
@UseGuards(TwilioSignatureGuard)
@UseFilters(VoiceExceptionFilter)
export class VoiceController {
  constructor(
    private readonly callFlow: ResilientCallFlow,
    private readonly clock: Clock,
  ) {}

  @Post([...WEBHOOK_KINDS])
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  handle(@Req() request: Request, @TwilioWebhook() webhook: ParsedWebhook): Promise<string> {
    return this.callFlow.handle({
      ...webhook,
      receivedAt: this.clock.now(),
      idempotencyToken: idempotencyTokenOf(request),
      requestId: requestIdOf(request),
      voicePath: voicePathOf(request.originalUrl),
    });
  }
}
