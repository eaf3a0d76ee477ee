import { createHash } from 'node:crypto';
import type { JsonValue } from './audit-log-entry.entity.js';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: everything it says, not its id (the chain itself fixes the order). */
export interface AuditContent {
  readonly occurredAt: Date;
  readonly actor: string;
  /** Null on entries written before actor ids were kept. */
  readonly actorId: string | null;
  readonly role: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: JsonValue | null;
  readonly after: JsonValue | null;
  readonly requestId: string | null;
}

export interface ChainedEntry extends AuditContent {
  readonly id: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(content: AuditContent, prevHash: string): string {
  const body = canonicalJson({
    occurredAt: content.occurredAt.toISOString(),
    actor: content.actor,
    // Only when kept, so that an entry written before the column existed hashes as it did then.
    ...(content.actorId === null ? {} : { actorId: content.actorId }),
    role: content.role,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    before: content.before,
    after: content.after,
    requestId: content.requestId,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainBreak = { readonly id: string; readonly reason: 'hash_mismatch' | 'prev_hash_mismatch' };

/** Checks entries in id order, one batch at a time; remembers where the previous batch ended. */
export class ChainVerifier {
  private expectedPrevHash = GENESIS_HASH;
  private checked = 0;

  /** Returns the first break in `entries`, or null when they continue the chain. */
  check(entries: readonly ChainedEntry[]): ChainBreak | null {
    for (const entry of entries) {
      this.checked += 1;
      if (entry.prevHash !== this.expectedPrevHash) return { id: entry.id, reason: 'prev_hash_mismatch' };
      if (auditHash(entry, entry.prevHash) !== entry.hash) return { id: entry.id, reason: 'hash_mismatch' };
      this.expectedPrevHash = entry.hash;
    }
    return null;
  }

  get entries(): number {
    return this.checked;
  }
}
