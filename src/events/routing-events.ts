import type { AuditActor, AuditChange } from '../audit/audit.service.js';
import type { NewIvrEvent } from './ivr-event.js';

/** The `routing.changed` event of an admin change: what its audit entry says, the actor included. */
export function routingChangedEvent(actor: AuditActor, change: AuditChange, occurredAt: Date): NewIvrEvent {
  return {
    type: 'routing.changed',
    occurredAt,
    data: {
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      actor: { id: actor.id ?? null, name: actor.name, role: actor.role },
      before: change.before,
      after: change.after,
    },
  };
}
