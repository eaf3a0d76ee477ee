import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DeliveryStillPendingError,
  InvalidWebhookUrlError,
  WebhookDeliveryNotFoundError,
  WebhookEndpointNotFoundError,
} from '../admin-api/admin-errors.js';
import { withoutUnchanged } from '../admin-api/changes.js';
import { assertIfMatch } from '../admin-api/etag.js';
import { type JsonValue, toJsonValue } from '../audit/audit-log-entry.entity.js';
import { type AuditActor, AuditService } from '../audit/audit.service.js';
import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { IvrConfig } from '../ivr-options.js';
import {
  type DeliveryQuery,
  type DeliveryRecord,
  type DeliveryWithAttempts,
  EndpointDeliveryRepository,
} from './endpoint-delivery.repository.js';
import {
  type CreateWebhookEndpointDto,
  type UpdateWebhookEndpointDto,
  WebhookEndpointResponse,
} from './dto/webhook-endpoint.dto.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { outboundUrlProblem } from './outbound/outbound-url.js';
import { generateWebhookSecret } from './outbound/standard-webhooks.js';

const AUDIT_ENTITY = 'webhook_endpoint';

/** After a rotation, how long requests are signed with the previous secret too, so receivers can switch over. */
const PREVIOUS_SECRET_KEPT = '24 hours';

// The audit log shows an endpoint as the API reads it: without its secrets.
const auditJson = (endpoint: WebhookEndpoint): JsonValue => toJsonValue(WebhookEndpointResponse.from(endpoint));

const deliveryAuditJson = (delivery: DeliveryRecord): JsonValue =>
  toJsonValue({
    delivery: {
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt,
    },
  });

/** The webhook endpoints and their deliveries: each change checked and audited in one transaction. */
@Injectable()
export class WebhookEndpointsAdminService {
  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly config: IvrConfig,
    private readonly audit: AuditService,
    private readonly deliveries: EndpointDeliveryRepository,
  ) {}

  /** Newest first. */
  async list(): Promise<WebhookEndpoint[]> {
    return this.dataSource.getRepository(WebhookEndpoint).find({ order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async get(id: string): Promise<WebhookEndpoint> {
    return this.found(this.dataSource.manager, id);
  }

  /** The created endpoint, its new secret included (the caller shows it this once). */
  async create(actor: AuditActor, dto: CreateWebhookEndpointDto): Promise<WebhookEndpoint> {
    this.assertUsableUrl(dto.url);
    return this.dataSource.transaction(async (manager) => {
      const { id } = await manager.save(
        WebhookEndpoint,
        manager.create(WebhookEndpoint, {
          url: dto.url,
          description: dto.description ?? null,
          eventTypes: dto.eventTypes,
          active: dto.active ?? true,
          secret: generateWebhookSecret(),
        }),
      );
      const created = await manager.findOneByOrFail(WebhookEndpoint, { id });
      await this.record(manager, actor, 'create', id, null, auditJson(created));
      return created;
    });
  }

  async update(
    actor: AuditActor,
    id: string,
    ifMatch: string | undefined,
    dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpoint> {
    if (dto.url !== undefined) this.assertUsableUrl(dto.url);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockForEdit(manager, id, ifMatch);
      const changes = withoutUnchanged(current, dto);
      if (Object.keys(changes).length === 0) return current;
      const before = auditJson(current);
      await manager.save(WebhookEndpoint, Object.assign(current, changes));
      const updated = await manager.findOneByOrFail(WebhookEndpoint, { id });
      const action = changes.active === false ? 'deactivate' : changes.active === true ? 'reactivate' : 'update';
      await this.record(manager, actor, action, id, before, auditJson(updated));
      return updated;
    });
  }

  /** Its deliveries and their attempts go with it (the foreign keys cascade). */
  async delete(actor: AuditActor, id: string, ifMatch: string | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockForEdit(manager, id, ifMatch);
      await manager.delete(WebhookEndpoint, { id });
      await this.record(manager, actor, 'delete', id, auditJson(current), null);
    });
  }

  /** A new secret; the one it replaces still signs (beside it) for PREVIOUS_SECRET_KEPT. */
  async rotateSecret(actor: AuditActor, id: string, ifMatch: string | undefined): Promise<WebhookEndpoint> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockForEdit(manager, id, ifMatch);
      await manager
        .createQueryBuilder()
        .update(WebhookEndpoint)
        .set({
          secret: generateWebhookSecret(),
          previousSecret: () => 'secret',
          previousSecretUntil: () => `now() + interval '${PREVIOUS_SECRET_KEPT}'`,
        })
        .where('id = :id', { id })
        .execute();
      const rotated = await manager.findOneByOrFail(WebhookEndpoint, { id });
      await this.record(manager, actor, 'rotate_secret', id, auditJson(current), auditJson(rotated));
      return rotated;
    });
  }

  /** Newest first, at most `limit` + 1 (the extra one tells whether another page exists). */
  async listDeliveries(query: DeliveryQuery): Promise<DeliveryWithAttempts[]> {
    const manager = this.dataSource.manager;
    await this.found(manager, query.endpointId);
    return this.deliveries.list(manager, query);
  }

  /** Queues a delivered or failed delivery again, due now; a pending one is the dispatcher's and is left alone. */
  async resend(actor: AuditActor, endpointId: string, deliveryId: string): Promise<DeliveryWithAttempts> {
    return this.dataSource.transaction(async (manager) => {
      await this.found(manager, endpointId);
      const current = await this.deliveries.findForUpdate(manager, endpointId, deliveryId);
      if (!current) throw new WebhookDeliveryNotFoundError(deliveryId, endpointId);
      if (current.status === 'pending') throw new DeliveryStillPendingError(deliveryId, current.nextAttemptAt);
      await this.deliveries.requeue(manager, deliveryId);
      const queued = await this.deliveries.find(manager, endpointId, deliveryId);
      if (!queued) throw new Error(`Delivery ${deliveryId} vanished in its own transaction`);
      const [before, after] = [deliveryAuditJson(current), deliveryAuditJson(queued)];
      await this.record(manager, actor, 'resend_delivery', endpointId, before, after);
      return queued;
    });
  }

  private assertUsableUrl(url: string): void {
    const problem = outboundUrlProblem(url, { allowHttp: this.config.events.allowHttp });
    if (problem) throw new InvalidWebhookUrlError(problem);
  }

  private async found(manager: EntityManager, id: string): Promise<WebhookEndpoint> {
    const endpoint = await manager.findOneBy(WebhookEndpoint, { id });
    if (!endpoint) throw new WebhookEndpointNotFoundError(id);
    return endpoint;
  }

  private async lockForEdit(manager: EntityManager, id: string, ifMatch: string | undefined): Promise<WebhookEndpoint> {
    const current = await manager.findOne(WebhookEndpoint, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw new WebhookEndpointNotFoundError(id);
    assertIfMatch(ifMatch, current.version);
    return current;
  }

  private async record(
    manager: EntityManager,
    actor: AuditActor,
    action: string,
    entityId: string,
    before: JsonValue | null,
    after: JsonValue | null,
  ): Promise<void> {
    await this.audit.append(manager, actor, { action, entityType: AUDIT_ENTITY, entityId, before, after });
  }
}
