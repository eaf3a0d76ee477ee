import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { AuditLogEntry, type JsonValue } from './audit-log-entry.entity.js';
import { auditHash, type ChainBreak, ChainVerifier, GENESIS_HASH } from './hash-chain.js';

const VERIFY_BATCH_SIZE = 1000;

export interface AuditActor {
  /** Stable (a token's name, a user's id); absent for the system's own jobs (retention), whose name is fixed. */
  readonly id?: string;
  /** For people reading the log. */
  readonly name: string;
  readonly role: string;
  readonly requestId: string | null;
}

export interface AuditChange {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: JsonValue | null;
  readonly after: JsonValue | null;
}

export interface AuditQuery {
  readonly entityType?: string;
  readonly entityId?: string;
  /** An actor's name or id. */
  readonly actor?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Entries with an id below this one (the cursor of the previous page). */
  readonly beforeId?: string;
  readonly limit: number;
}

export type VerifyResult =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenAt: ChainBreak };

@Injectable()
export class AuditService {
  private readonly entries: Repository<AuditLogEntry>;

  constructor(@InjectIvrDataSource() dataSource: DataSource) {
    this.entries = dataSource.getRepository(AuditLogEntry);
  }

  /** Appends an entry inside the caller's transaction: the change and its record commit or fail together. */
  async append(manager: EntityManager, actor: AuditActor, change: AuditChange, occurredAt = new Date()): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.auditChain]);
    const [last] = await manager.find(AuditLogEntry, { select: { hash: true }, order: { id: 'DESC' }, take: 1 });
    const prevHash = last?.hash ?? GENESIS_HASH;
    const content = {
      occurredAt,
      actor: actor.name,
      actorId: actor.id ?? null,
      role: actor.role,
      requestId: actor.requestId,
      ...change,
    };
    const entry = Object.assign(new AuditLogEntry(), content, { prevHash, hash: auditHash(content, prevHash) });
    await manager.save(entry);
  }

  /** Newest first, at most `limit` + 1 rows (the extra one tells whether another page exists). */
  async list(query: AuditQuery): Promise<AuditLogEntry[]> {
    const builder = this.entries
      .createQueryBuilder('entry')
      .orderBy('entry.id', 'DESC')
      .limit(query.limit + 1);
    if (query.entityType) builder.andWhere('entry.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.actor) {
      builder.andWhere('(entry.actor = :actor OR entry.actorId = :actor)', { actor: query.actor });
    }
    if (query.from) builder.andWhere('entry.occurredAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('entry.occurredAt < :to', { to: query.to });
    if (query.beforeId) builder.andWhere('entry.id < :beforeId', { beforeId: query.beforeId });
    return builder.getMany();
  }

  /** Recomputes the whole chain, in batches, and reports the first entry where it breaks. */
  async verify(): Promise<VerifyResult> {
    const verifier = new ChainVerifier();
    let afterId = '0';
    for (;;) {
      const batch = await this.entries
        .createQueryBuilder('entry')
        .where('entry.id > :afterId', { afterId })
        .orderBy('entry.id', 'ASC')
        .limit(VERIFY_BATCH_SIZE)
        .getMany();
      const broken = verifier.check(batch);
      if (broken) return { ok: false, entries: verifier.entries, brokenAt: broken };
      if (batch.length < VERIFY_BATCH_SIZE) return { ok: true, entries: verifier.entries };
      afterId = batch[batch.length - 1].id;
    }
  }
}
