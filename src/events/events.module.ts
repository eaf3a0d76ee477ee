import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';

/**
 * The IVR's events: the outbox the call flow and the admin API write to, their delivery (at least once, in order per
 * call) to the host's `@OnIvrEvent` handlers and to signed webhook endpoints, the endpoints' admin API, and the
 * caller hook.
 */
@Module({
  imports: [AuditModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class EventsModule {}
