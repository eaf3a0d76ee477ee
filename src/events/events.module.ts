import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { adminJsonBody } from '../common/body-parsers.js';
import { EndpointDeliveryRepository } from './endpoint-delivery.repository.js';
import { WebhookEndpointsAdminService } from './webhook-endpoints-admin.service.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';

/**
 * The IVR's events: the outbox the call flow and the admin API write to, their delivery (at least once, in order per
 * call) to the host's `@OnIvrEvent` handlers and to signed webhook endpoints, the endpoints' admin API, and the
 * caller hook.
 */
@Module({
  imports: [AuditModule],
  controllers: [WebhookEndpointsController],
  providers: [WebhookEndpointsAdminService, EndpointDeliveryRepository],
  exports: [],
})
export class EventsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(adminJsonBody).forRoutes(WebhookEndpointsController);
  }
}
