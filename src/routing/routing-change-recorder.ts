import { Injectable } from '@nestjs/common';
import { v7 as timeOrderedUuid } from 'uuid';
import type { EntityManager } from 'typeorm';
import { type AuditActor, type AuditChange, AuditService } from '../audit/audit.service.js';
import { EventDeliveryRepository } from '../events/event-delivery.repository.js';
import { routingChangedEvent } from '../events/routing-events.js';

/**
 * A menu change's two records, inside the change's own transaction: its audit entry and its `routing.changed`
 * event. The three commit or fail together.
 */
@Injectable()
export class RoutingChangeRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventDeliveryRepository,
  ) {}

  async record(manager: EntityManager, actor: AuditActor, change: AuditChange, occurredAt = new Date()): Promise<void> {
    await this.audit.append(manager, actor, change, occurredAt);
    await this.events.append(manager, [{ id: timeOrderedUuid(), ...routingChangedEvent(actor, change, occurredAt) }]);
  }
}
