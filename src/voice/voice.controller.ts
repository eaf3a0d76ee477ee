import { Controller, Header, HttpCode, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { requestIdOf } from '../common/request-id.js';
import { TwilioSignatureGuard } from '../twilio/twilio-signature.guard.js';
import { TwilioParams } from '../twilio/webhook-params.decorator.js';
import {
  DialStatusWebhookDto,
  FallbackWebhookDto,
  GatherQueryDto,
  GatherWebhookDto,
  RecordingWebhookDto,
  StatusWebhookDto,
  VoiceWebhookDto,
} from '../twilio/voice-webhook.dto.js';
import type { WebhookContext } from './call-flow.service.js';
import { ResilientCallFlow } from './resilient-call-flow.service.js';
import { VoiceExceptionFilter } from './voice-exception.filter.js';

const MAX_TOKEN_LENGTH = 255;

/** Twilio's token as given; an absurdly long one is replaced by its digest so it still dedupes and fits its column. */
function idempotencyTokenOf(request: Request): string | undefined {
  const token = request.header('i-twilio-idempotency-token');
  if (!token) return undefined;
  return token.length <= MAX_TOKEN_LENGTH ? token : `sha256:${createHash('sha256').update(token).digest('hex')}`;
}

function webhookContext(request: Request, endpoint: string, body: VoiceWebhookDto): WebhookContext {
  return {
    endpoint,
    idempotencyToken: idempotencyTokenOf(request),
    requestId: requestIdOf(request),
    call: { callSid: body.CallSid, accountSid: body.AccountSid, from: body.From, to: body.To, receivedAt: new Date() },
  };
}

/** Twilio's voice webhooks: form-encoded in, TwiML out. Decisions live in CallFlowService. */
@Controller('voice')
@UseGuards(TwilioSignatureGuard)
@UseFilters(VoiceExceptionFilter)
export class VoiceController {
  constructor(private readonly callFlow: ResilientCallFlow) {}

  @Post('incoming')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  incoming(@Req() request: Request, @TwilioParams() body: VoiceWebhookDto): Promise<string> {
    return this.callFlow.incoming(webhookContext(request, 'incoming', body));
  }

  @Post('gather')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  gather(
    @Req() request: Request,
    @TwilioParams() body: GatherWebhookDto,
    @Query() query: GatherQueryDto,
  ): Promise<string> {
    return this.callFlow.gather(webhookContext(request, 'gather', body), {
      round: query.round,
      digits: body.Digits,
      speechResult: body.SpeechResult,
      confidence: body.Confidence,
    });
  }

  @Post('dial-status')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  dialStatus(@Req() request: Request, @TwilioParams() body: DialStatusWebhookDto): Promise<string> {
    return this.callFlow.dialStatus(webhookContext(request, 'dial-status', body), {
      status: body.DialCallStatus,
      dialCallSid: body.DialCallSid,
      durationSeconds: body.DialCallDuration,
    });
  }

  @Post('voicemail')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  voicemail(@Req() request: Request, @TwilioParams() body: VoiceWebhookDto): Promise<string> {
    return this.callFlow.voicemailRecorded(webhookContext(request, 'voicemail', body));
  }

  @Post('recording')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  recording(@Req() request: Request, @TwilioParams() body: RecordingWebhookDto): Promise<string> {
    return this.callFlow.recording(webhookContext(request, 'recording', body), {
      recordingSid: body.RecordingSid,
      recordingUrl: body.RecordingUrl,
      durationSeconds: body.RecordingDuration,
      status: body.RecordingStatus,
    });
  }

  @Post('status')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  status(@Req() request: Request, @TwilioParams() body: StatusWebhookDto): Promise<string> {
    return this.callFlow.status(webhookContext(request, 'status', body), {
      status: body.CallStatus,
      durationSeconds: body.CallDuration,
      timestamp: body.Timestamp,
    });
  }

  /** The number's "primary handler fails" URL: answered without the database. */
  @Post('fallback')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  fallback(@Req() request: Request, @TwilioParams() body: FallbackWebhookDto): string {
    return this.callFlow.fallback(webhookContext(request, 'fallback', body), {
      errorCode: body.ErrorCode,
      errorUrl: body.ErrorUrl,
    });
  }
}
