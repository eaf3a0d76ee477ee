import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { IVR_TABLES } from '../database/ivr-schema.js';
import type { IvrEvent, IvrEventType, NewIvrEvent } from './ivr-event.js';

const { outbox, outboxFanOut, eventDeliveries, eventDeliveryAttempts, webhookEndpoints } = IVR_TABLES;

/** A subscriber of this instance's own: a host's `@OnIvrEvent` handler, named `handler:Class.method`. */
export interface HandlerSubscription {
  readonly subscriber: string;
  readonly types: readonly IvrEventType[];
}

/** A delivery this instance took (leased): one event, for one subscriber. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly subscriber: string;
  readonly endpointId: string | null;
  /** The call's SID (or '' outside a call): deliveries with the same subscriber and key go in order. */
  readonly orderKey: string;
  readonly attempts: number;
  readonly firstAttemptAt: Date | null;
  readonly event: IvrEvent;
}

/** What became of one try: recorded as an attempt, and as the delivery's new state. */
export interface DeliveryResult {
  readonly id: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  /** When to try again (status pending). */
  readonly nextAttemptAt: Date | null;
  readonly attemptedAt: Date;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

/** An endpoint as the sender needs it: where, and the secrets to sign with. */
export interface EndpointTarget {
  readonly id: string;
  readonly url: string;
  readonly secrets: readonly string[];
}

// The claim's returned row: the delivery with its event.
interface ClaimedRow {
  id: string;
  subscriber: string;
  endpointId: string | null;
  orderKey: string;
  attempts: number;
  firstAttemptAt: Date | null;
  eventId: string;
  type: IvrEventType;
  occurredAt: Date;
  callSid: string | null;
  sequence: number | null;
  data: unknown;
  position: string;
}

function claimedDelivery(row: ClaimedRow): ClaimedDelivery {
  return {
    id: String(row.id),
    subscriber: row.subscriber,
    endpointId: row.endpointId,
    orderKey: row.orderKey,
    attempts: row.attempts,
    firstAttemptAt: row.firstAttemptAt,
    // The row holds what the write stored for this type: the union cannot be checked again here.
    event: {
      id: row.eventId,
      type: row.type,
      occurredAt: row.occurredAt.toISOString(),
      callSid: row.callSid,
      sequence: row.sequence,
      data: row.data,
    } as IvrEvent,
  };
}

/** What a claim may take. */
export interface ClaimRequest {
  readonly limit: number;
  readonly leaseMs: number;
  /** This instance's handler subscribers (another instance's handlers are its to deliver). */
  readonly handlers: readonly string[];
  /** At most this many of one subscriber's deliveries per claim, so a slow endpoint cannot take every slot. */
  readonly perSubscriber: number;
  /** Subscribers with as many deliveries in flight here as they may have: none of theirs this time. */
  readonly busy: readonly string[];
}

/**
 * The outbox and its deliveries, in SQL of its own (batches of rows per statement: delivery throughput is bound by
 * round trips). Fan-out and claims take turns across instances on advisory locks (see ADVISORY_LOCKS); a delivery
 * is leased, not locked, while it is being sent, so no transaction stays open across a slow endpoint.
 */
@Injectable()
export class EventDeliveryRepository {
  constructor(@InjectIvrDataSource() private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** Stores events inside the caller's transaction, beside the change they describe (events outside a call). */
  async append(manager: EntityManager, events: readonly (NewIvrEvent & { readonly id: string })[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO ${outbox} (id, type, occurred_at, data)
        SELECT e.id, e.type, e."occurredAt", e.data
        FROM jsonb_to_recordset($1::jsonb) AS e (id uuid, type varchar, "occurredAt" timestamptz, data jsonb)`,
      [JSON.stringify(events)],
    );
  }

  /**
   * Makes one delivery per new event and subscriber (active endpoints taking its type, and this instance's
   * handlers), in the order the events were committed; returns how many events it went through, 0 when another
   * instance is at it.
   *
   * The outbox is read from a cursor, not by marking rows (an update per event would double the webhook's cost):
   * events in the order of their transaction ids, only those of transactions that have all ended (below the oldest
   * one still running), so no event can become visible behind the cursor later. A call's events keep their order:
   * each of its writes begins after the one before committed.
   */
  fanOut(handlers: readonly HandlerSubscription[], batchSize: number): Promise<number> {
    return this.inTurn(ADVISORY_LOCKS.eventFanOut, 'try', async (client) => {
      const { rows } = await client.query<{ fanned: number }>({
        name: 'events-fan-out',
        // The cursor as a subquery: a row comparison with its values is an index condition (a join would filter).
        text: `WITH batch AS (
            SELECT o.id, o.xid, o.position, o.type, o.call_sid FROM ${outbox} o
            WHERE (o.xid, o.position) > (SELECT xid, position FROM ${outboxFanOut} WHERE id = 1)
              AND o.xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY o.xid, o.position LIMIT $1
          ), subscribers AS (
            SELECT 'endpoint:' || e.id AS subscriber, e.id AS endpoint_id, e.event_types AS types
              FROM ${webhookEndpoints} e WHERE e.active
            UNION ALL
            SELECT h.subscriber, NULL::uuid, h.types FROM jsonb_to_recordset($2::jsonb) AS h (subscriber text, types text[])
          ), fanned AS (
            INSERT INTO ${eventDeliveries} (event_id, subscriber, endpoint_id, order_key, event_position)
            SELECT b.id, s.subscriber, s.endpoint_id, coalesce(b.call_sid, ''), b.position
              FROM batch b JOIN subscribers s ON b.type = ANY (s.types)
            ON CONFLICT (event_id, subscriber) DO NOTHING
          ), moved AS (
            UPDATE ${outboxFanOut} SET (xid, position) = (
              SELECT xid, position FROM batch ORDER BY xid DESC, position DESC LIMIT 1)
            WHERE id = 1 AND EXISTS (SELECT 1 FROM batch)
          )
          SELECT count(*)::int AS fanned FROM batch`,
        values: [batchSize, JSON.stringify(handlers)],
      });
      return rows[0].fanned;
    });
  }

  /**
   * Leases up to `limit` due deliveries for `leaseMs`, oldest events first, for endpoints that are active and
   * handlers this instance has. A delivery whose subscriber still has an earlier event of the same call on its way
   * (leased) or waiting for a retry is left: it follows that one.
   */
  claim(request: ClaimRequest): Promise<ClaimedDelivery[]> {
    return this.inTurn(ADVISORY_LOCKS.eventClaim, 'wait', async (client) => {
      const { rows } = await client.query<ClaimedRow>({
        name: 'events-claim',
        // Subscriber by subscriber (endpoints that are active, this instance's handlers, none that is busy here), each
        // one's oldest due deliveries from its own index: a busy or backlogged subscriber costs the others nothing.
        text: `WITH open AS (
            SELECT subscriber FROM (
              SELECT 'endpoint:' || e.id AS subscriber FROM ${webhookEndpoints} e WHERE e.active
              UNION ALL
              SELECT unnest($3::text[])
            ) known
            WHERE subscriber <> ALL ($5::text[])
          ), due AS (
            SELECT next.id, next.event_position FROM open, LATERAL (
              SELECT d.id, d.event_position FROM ${eventDeliveries} d
              WHERE d.subscriber = open.subscriber AND d.status = 'pending' AND d.next_attempt_at <= now()
                AND (d.leased_until IS NULL OR d.leased_until < now())
                -- A scalar subquery, looked up per candidate in the queue index (as NOT EXISTS, the planner may hash
                -- every pending delivery first).
                AND NOT (SELECT EXISTS (
                  SELECT 1 FROM ${eventDeliveries} earlier
                  WHERE earlier.status = 'pending' AND earlier.subscriber = d.subscriber
                    AND earlier.order_key = d.order_key AND earlier.event_position < d.event_position
                    AND (earlier.next_attempt_at > now() OR earlier.leased_until >= now())))
              ORDER BY d.event_position LIMIT $4
            ) next
          ), claimable AS (
            SELECT id FROM due ORDER BY event_position LIMIT $1
          )
          UPDATE ${eventDeliveries} d SET leased_until = now() + $2 * interval '1 millisecond'
          FROM claimable, ${outbox} o
          WHERE d.id = claimable.id AND o.id = d.event_id
          RETURNING d.id, d.subscriber, d.endpoint_id AS "endpointId", d.order_key AS "orderKey", d.attempts,
            d.first_attempt_at AS "firstAttemptAt", o.id AS "eventId", o.type, o.occurred_at AS "occurredAt",
            o.call_sid AS "callSid", o.sequence, o.data, d.event_position AS position`,
        values: [request.limit, request.leaseMs, request.handlers, request.perSubscriber, request.busy],
      });
      // UPDATE … RETURNING keeps no order: the oldest event first, as each call's deliveries must go.
      return rows.sort((left, right) => Number(left.position) - Number(right.position)).map(claimedDelivery);
    });
  }

  /** Records each try and the delivery's new state, in one statement; the lease ends. */
  async complete(results: readonly DeliveryResult[]): Promise<void> {
    if (results.length === 0) return;
    await this.pool.query({
      name: 'events-complete',
      text: `WITH result AS (
          SELECT * FROM jsonb_to_recordset($1::jsonb) AS r (id bigint, status varchar, "nextAttemptAt" timestamptz,
            "attemptedAt" timestamptz, "statusCode" integer, "latencyMs" integer, error text)
        ), updated AS (
          UPDATE ${eventDeliveries} d SET status = r.status, attempts = d.attempts + 1,
            next_attempt_at = coalesce(r."nextAttemptAt", d.next_attempt_at), leased_until = NULL,
            first_attempt_at = coalesce(d.first_attempt_at, r."attemptedAt"), last_attempt_at = r."attemptedAt",
            last_status_code = r."statusCode", last_error = r.error,
            delivered_at = CASE WHEN r.status = 'delivered' THEN r."attemptedAt" END
          FROM result r WHERE d.id = r.id
          RETURNING d.id
        )
        INSERT INTO ${eventDeliveryAttempts} (delivery_id, attempted_at, status_code, latency_ms, error)
        SELECT r.id, r."attemptedAt", r."statusCode", r."latencyMs", r.error FROM result r JOIN updated USING (id)`,
      values: [JSON.stringify(results)],
    });
  }

  /** Ends the lease of deliveries not tried (they follow an event of their call that must be retried first). */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query({
      name: 'events-release',
      text: `UPDATE ${eventDeliveries} SET leased_until = NULL WHERE id = ANY ($1::bigint[])`,
      values: [ids],
    });
  }

  /** The endpoints' URLs and the secrets to sign with now (a rotated-out one until its time is up). */
  async endpoints(ids: readonly string[]): Promise<Map<string, EndpointTarget>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; url: string; secrets: string[] }>({
      name: 'events-endpoints',
      text: `SELECT id, url, array_remove(ARRAY[secret,
          CASE WHEN previous_secret_until > now() THEN previous_secret END], NULL) AS secrets
        FROM ${webhookEndpoints} WHERE id = ANY ($1::uuid[])`,
      values: [ids],
    });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Runs `work` in a transaction holding `lock` (waiting for it, or skipping with 0/[] when another has it). */
  private async inTurn<T>(lock: number, mode: 'try' | 'wait', work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const locked =
          mode === 'wait'
            ? (await client.query('SELECT pg_advisory_xact_lock($1)', [lock]), true)
            : (await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [lock])).rows[0].got;
        const result = locked ? await work(client) : ((mode === 'try' ? 0 : []) as T);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }
}
