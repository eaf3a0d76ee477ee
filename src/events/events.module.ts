import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { adminJsonBody } from '../common/body-parsers.js';
import { CallerLookupService } from './caller-lookup.service.js';
import { EndpointDeliveryRepository } from './endpoint-delivery.repository.js';
import { EventDeliveryRepository } from './event-delivery.repository.js';
import { EventDispatcher } from './event-dispatcher.service.js';
import { IvrEventHandlers } from './ivr-event-handlers.js';
import { WebhookEndpointsAdminService } from './webhook-endpoints-admin.service.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookSender } from './webhook-sender.js';

/**
 * The IVR's events: the outbox the call flow and the admin API write to, their delivery (at least once, in order per
 * call) to the host's `@OnIvrEvent` handlers and to signed webhook endpoints, the endpoints' admin API, and the
 * caller hook.
 */
@Module({
  imports: [AuditModule, DiscoveryModule],
  controllers: [WebhookEndpointsController],
  providers: [
    EventDeliveryRepository,
    EndpointDeliveryRepository,
    IvrEventHandlers,
    WebhookSender,
    EventDispatcher,
    CallerLookupService,
    WebhookEndpointsAdminService,
  ],
  exports: [EventDeliveryRepository, CallerLookupService],
})
export class EventsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(adminJsonBody).forRoutes(WebhookEndpointsController);
  }
}
