import type { CallSession } from './call-session.entity.js';

/** The session columns a webhook may set; the rest are the key or kept by the table and the write itself. */
export type SessionFields = Omit<CallSession, 'callSid' | 'createdAt' | 'updatedAt' | 'version'>;

/**
 * What one webhook changes on its call's session: the one type from decide() to the SQL that writes
 * it. A property left out (or undefined) stays as it is.
 */
export type SessionChange = { readonly [P in keyof SessionFields]?: SessionFields[P] };

function sameValue(left: unknown, right: unknown): boolean {
  if (left instanceof Date && right instanceof Date) return left.getTime() === right.getTime();
  if (Array.isArray(left) && Array.isArray(right))
    return left.length === right.length && left.every((item, index) => item === right[index]);
  return left === right;
}

/**
 * The part of a change that would change the session: a webhook that changes nothing (a replay, a
 * late progress callback) writes nothing, so a captured request replayed with fresh idempotency
 * tokens cannot make rows or versions grow.
 */
export function changedFields(session: SessionFields, change: SessionChange): SessionChange {
  return Object.fromEntries(
    Object.entries(change).filter(
      ([field, value]) => value !== undefined && !sameValue(value, session[field as keyof SessionFields]),
    ),
  );
}
