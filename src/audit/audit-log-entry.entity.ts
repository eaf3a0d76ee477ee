import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A value exactly as jsonb will hold it (dates as ISO strings, undefined fields dropped). */
export function toJsonValue(value: object): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** One admin change. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained. */
@Entity({ schema: IVR_SCHEMA, name: 'audit_log', synchronize: false })
export class AuditLogEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** The actor's display name (an admin token's name, a user's name). */
  @Column({ type: 'varchar', length: 255 })
  actor: string;

  /** The actor's stable id (a token's name, an identity provider's `sub`); null on entries written before it was kept. */
  @Column({ name: 'actor_id', type: 'varchar', length: 255, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: JsonValue | null;

  @Column({ type: 'jsonb', nullable: true })
  after: JsonValue | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
