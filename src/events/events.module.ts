import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { CallerLookupService } from './caller-lookup.service.js';
import { EventDeliveryRepository } from './event-delivery.repository.js';
import { EventDispatcher } from './event-dispatcher.service.js';
import { IvrEventHandlers } from './ivr-event-handlers.js';
import { WebhookSender } from './webhook-sender.js';

/**
 * The IVR's events: the outbox the call flow and the admin API write to, their delivery (at least once, in order per
 * call) to the host's `@OnIvrEvent` handlers and to signed webhook endpoints, the endpoints' admin API, and the
 * caller hook.
 */
@Module({
  imports: [AuditModule, DiscoveryModule],
  controllers: [],
  providers: [EventDeliveryRepository, IvrEventHandlers, WebhookSender, EventDispatcher, CallerLookupService],
  exports: [EventDeliveryRepository, CallerLookupService],
})
export class EventsModule {}
