import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CallSessionsModule } from '../call-sessions/call-sessions.module.js';
import { EventsModule } from '../events/events.module.js';
import { ReportAggregatesModule } from '../reporting/aggregates/report-aggregates.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { TwilioModule } from '../twilio/twilio.module.js';
import { CallFlowService } from './call-flow.service.js';
import { ResilientCallFlow } from './resilient-call-flow.service.js';
import { SpoolReplayer } from './spool-replayer.js';
import { WebhookSpool } from './webhook-spool.js';
import { VoiceController } from './voice.controller.js';
import { WebhookRequestMiddleware } from './webhook-request.middleware.js';
import { twilioFormBody } from '../common/body-parsers.js';

@Module({
  imports: [TwilioModule, RoutingModule, CallSessionsModule, EventsModule, ReportAggregatesModule],
  controllers: [VoiceController],
  providers: [CallFlowService, ResilientCallFlow, WebhookSpool, SpoolReplayer],
})
export class VoiceModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebhookRequestMiddleware, twilioFormBody).forRoutes(VoiceController);
  }
}
