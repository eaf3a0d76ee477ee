import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IVR_TABLES } from '../database/ivr-schema.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** How many of a delivery's attempts its listing shows: the latest ones. */
export const ATTEMPTS_SHOWN = 10;

export interface DeliveryAttemptRecord {
  readonly attemptedAt: Date;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

/** One delivery of an event to an endpoint, with the event it carries. */
export interface DeliveryRecord {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly callSid: string | null;
  readonly sequence: number | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

export interface DeliveryWithAttempts extends DeliveryRecord {
  /** The latest ATTEMPTS_SHOWN attempts, in the order they were made. */
  readonly attemptsLog: readonly DeliveryAttemptRecord[];
}

export interface DeliveryQuery {
  readonly endpointId: string;
  readonly status?: DeliveryStatus;
  /** Deliveries with an id below this one (the cursor of the previous page). */
  readonly beforeId?: string;
  readonly limit: number;
}

const DELIVERY_COLUMNS = `
  d.id::text AS "id", d.event_id AS "eventId", o.type AS "eventType", o.call_sid AS "callSid",
  o.sequence AS "sequence", d.status AS "status", d.attempts AS "attempts", d.next_attempt_at AS "nextAttemptAt",
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.delivered_at AS "deliveredAt",
  d.created_at AS "createdAt"`;

/** An endpoint's deliveries as the admin API shows and re-queues them; sending them is the dispatcher's. */
@Injectable()
export class EndpointDeliveryRepository {
  /** Newest first, at most `limit` + 1 rows (the extra one tells whether another page exists). */
  async list(manager: EntityManager, query: DeliveryQuery): Promise<DeliveryWithAttempts[]> {
    const rows = await manager.query<DeliveryRecord[]>(
      `SELECT ${DELIVERY_COLUMNS}
         FROM ${IVR_TABLES.eventDeliveries} d JOIN ${IVR_TABLES.outbox} o ON o.id = d.event_id
        WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.id < $3)
        ORDER BY d.id DESC
        LIMIT $4`,
      [query.endpointId, query.status ?? null, query.beforeId ?? null, query.limit + 1],
    );
    return this.withAttempts(manager, rows);
  }

  async find(manager: EntityManager, endpointId: string, id: string): Promise<DeliveryWithAttempts | undefined> {
    const [row] = await this.withAttempts(manager, await this.select(manager, endpointId, id, false));
    return row;
  }

  /** The delivery, locked until the transaction ends (the dispatcher's update of it waits meanwhile). */
  async findForUpdate(manager: EntityManager, endpointId: string, id: string): Promise<DeliveryRecord | undefined> {
    const [row] = await this.select(manager, endpointId, id, true);
    return row;
  }

  /**
   * Pending again, due now and free to take, with a fresh retry window and backoff (the give-up time counts from
   * the first attempt, the wait doubles with each): `attempts` counts again from 0, the attempt log keeps them all.
   */
  async requeue(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE ${IVR_TABLES.eventDeliveries}
          SET status = 'pending', next_attempt_at = now(), leased_until = NULL, first_attempt_at = NULL, attempts = 0,
              delivered_at = NULL
        WHERE id = $1`,
      [id],
    );
  }

  private async select(
    manager: EntityManager,
    endpointId: string,
    id: string,
    forUpdate: boolean,
  ): Promise<DeliveryRecord[]> {
    return manager.query<DeliveryRecord[]>(
      `SELECT ${DELIVERY_COLUMNS}
         FROM ${IVR_TABLES.eventDeliveries} d JOIN ${IVR_TABLES.outbox} o ON o.id = d.event_id
        WHERE d.endpoint_id = $1 AND d.id = $2
        ${forUpdate ? 'FOR UPDATE OF d' : ''}`,
      [endpointId, id],
    );
  }

  private async withAttempts(
    manager: EntityManager,
    deliveries: readonly DeliveryRecord[],
  ): Promise<DeliveryWithAttempts[]> {
    if (deliveries.length === 0) return [];
    const attempts = await manager.query<(DeliveryAttemptRecord & { deliveryId: string })[]>(
      `SELECT delivery.id::text AS "deliveryId", a.attempted_at AS "attemptedAt", a.status_code AS "statusCode",
              a.latency_ms AS "latencyMs", a.error AS "error"
         FROM unnest($1::bigint[]) AS delivery (id)
        CROSS JOIN LATERAL (
              SELECT * FROM ${IVR_TABLES.eventDeliveryAttempts} attempt
               WHERE attempt.delivery_id = delivery.id
               ORDER BY attempt.id DESC
               LIMIT ${ATTEMPTS_SHOWN}) a
        ORDER BY a.id`,
      [deliveries.map((delivery) => delivery.id)],
    );
    return deliveries.map((delivery) => ({
      ...delivery,
      attemptsLog: attempts
        .filter((attempt) => attempt.deliveryId === delivery.id)
        .map(({ attemptedAt, statusCode, latencyMs, error }) => ({ attemptedAt, statusCode, latencyMs, error })),
    }));
  }
}
