import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain events and their delivery. `outbox` holds each event, inserted in the same statement or transaction as the
 * change it describes; `outbox_fan_out` how far it has been fanned out; `webhook_endpoints` the HTTP receivers; `event_deliveries` one row per event and subscriber
 * (an endpoint, or a host's in-process handler), made when the dispatcher fans an event out; `event_delivery_attempts`
 * each try. Call sessions count their events, so each event of a call gets the next number in the same write.
 */
export class EventOutbox1795801200000 implements MigrationInterface {
  name = 'EventOutbox1795801200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ivr.call_sessions ADD COLUMN event_count integer NOT NULL DEFAULT 0`);
    // `xid`: the writing transaction, for the dispatcher's cursor (see EventDeliveryRepository.fanOut). An event is
    // written once and never updated, and indexed only as read: by its id (time-ordered UUIDv7s) and in commit order.
    // A call's numbering needs no index of its own: the session's version check already makes it unique.
    await queryRunner.query(`
      CREATE TABLE ivr.outbox (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        type varchar(64) NOT NULL,
        call_sid varchar(64) NULL,
        sequence integer NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outbox_call_sequence CHECK ((call_sid IS NULL) = (sequence IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX outbox_commit_order_idx ON ivr.outbox (xid, position)`);
    // Rows arrive in time order: a block range index finds a week's old events for the retention job at no cost to writes.
    await queryRunner.query(`CREATE INDEX outbox_created_idx ON ivr.outbox USING brin (created_at)`);
    // How far the dispatchers have fanned the outbox out: one row, the last (xid, position) done.
    await queryRunner.query(`
      CREATE TABLE ivr.outbox_fan_out (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        xid xid8 NOT NULL,
        position bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO ivr.outbox_fan_out (xid, position) VALUES ('0', 0)`);
    await queryRunner.query(`
      CREATE TABLE ivr.webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        description varchar(255) NULL,
        event_types text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        secret varchar(128) NOT NULL,
        previous_secret varchar(128) NULL,
        previous_secret_until timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT webhook_endpoints_event_types CHECK (cardinality(event_types) > 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE ivr.event_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES ivr.outbox (id) ON DELETE CASCADE,
        subscriber varchar(255) NOT NULL,
        endpoint_id uuid NULL REFERENCES ivr.webhook_endpoints (id) ON DELETE CASCADE,
        order_key varchar(64) NOT NULL,
        event_position bigint NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz NULL,
        first_attempt_at timestamptz NULL,
        last_attempt_at timestamptz NULL,
        last_status_code integer NULL,
        last_error text NULL,
        delivered_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed')),
        CONSTRAINT event_deliveries_once UNIQUE (event_id, subscriber)
      )`);
    // The dispatcher's two questions: what is each subscriber's oldest due, and is an earlier event of the same call
    // still on its way.
    await queryRunner.query(
      `CREATE INDEX event_deliveries_due_idx ON ivr.event_deliveries (subscriber, event_position) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX event_deliveries_queue_idx ON ivr.event_deliveries (subscriber, order_key, event_position)
        WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX event_deliveries_endpoint_idx ON ivr.event_deliveries (endpoint_id, id)`);
    await queryRunner.query(`
      CREATE TABLE ivr.event_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES ivr.event_deliveries (id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        status_code integer NULL,
        latency_ms integer NOT NULL,
        error text NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX event_delivery_attempts_delivery_idx ON ivr.event_delivery_attempts (delivery_id, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ivr.event_delivery_attempts`);
    await queryRunner.query(`DROP TABLE ivr.event_deliveries`);
    await queryRunner.query(`DROP TABLE ivr.webhook_endpoints`);
    await queryRunner.query(`DROP TABLE ivr.outbox_fan_out`);
    await queryRunner.query(`DROP TABLE ivr.outbox`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions DROP COLUMN event_count`);
  }
}
