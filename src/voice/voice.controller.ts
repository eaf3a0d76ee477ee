import {
  Body,
  Controller,
  Header,
  HttpCode,
  Post,
  Query,
  Req,
  UseFilters,
  UseGuards,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from '../common/request-id.middleware.js';
import { TwilioSignatureGuard } from '../twilio/twilio-signature.guard.js';
import {
  DialStatusWebhookDto,
  GatherQueryDto,
  GatherWebhookDto,
  RecordingWebhookDto,
  StatusWebhookDto,
  VoiceWebhookDto,
} from '../twilio/voice-webhook.dto.js';
import { CallFlowService, type WebhookContext } from './call-flow.service.js';
import { VoiceExceptionFilter } from './voice-exception.filter.js';

function webhookContext(request: Request, endpoint: string, body: VoiceWebhookDto): WebhookContext {
  return {
    endpoint,
    idempotencyToken: request.header('i-twilio-idempotency-token') || undefined,
    requestId: requestIdOf(request),
    call: { callSid: body.CallSid, accountSid: body.AccountSid, from: body.From, to: body.To, receivedAt: new Date() },
  };
}

/** Twilio's voice webhooks: form-encoded in, TwiML out. Decisions live in CallFlowService. */
@Controller('voice')
@UseGuards(TwilioSignatureGuard)
@UseFilters(VoiceExceptionFilter)
// Twilio adds parameters over time: unknown ones are dropped, never rejected.
@UsePipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: false }))
export class VoiceController {
  constructor(private readonly callFlow: CallFlowService) {}

  @Post('incoming')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  incoming(@Req() request: Request, @Body() body: VoiceWebhookDto): Promise<string> {
    return this.callFlow.incoming(webhookContext(request, 'incoming', body));
  }

  @Post('gather')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  gather(@Req() request: Request, @Body() body: GatherWebhookDto, @Query() query: GatherQueryDto): Promise<string> {
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
  dialStatus(@Req() request: Request, @Body() body: DialStatusWebhookDto): Promise<string> {
    return this.callFlow.dialStatus(webhookContext(request, 'dial-status', body), {
      status: body.DialCallStatus,
      dialCallSid: body.DialCallSid,
      durationSeconds: body.DialCallDuration,
    });
  }

  @Post('voicemail')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  voicemail(@Req() request: Request, @Body() body: VoiceWebhookDto): Promise<string> {
    return this.callFlow.voicemailRecorded(webhookContext(request, 'voicemail', body));
  }

  @Post('recording')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  recording(@Req() request: Request, @Body() body: RecordingWebhookDto): Promise<string> {
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
  status(@Req() request: Request, @Body() body: StatusWebhookDto): Promise<string> {
    return this.callFlow.status(webhookContext(request, 'status', body), {
      status: body.CallStatus,
      durationSeconds: body.CallDuration,
      timestamp: body.Timestamp,
    });
  }
}
