import type { Request } from 'express';
import { ADMIN_ROLES, type AdminRole, isAdminRole } from '../config/admin-tokens.js';

/** Who calls the admin API: `id` is stable (the audit log and the rate limit key on it), `name` is for people. */
export interface AdminActor {
  readonly id: string;
  readonly name: string;
  readonly role: AdminRole;
}

/**
 * Answers who sent an admin request, or undefined (401). It may throw an HttpException to answer
 * otherwise (403 for a known user without an admin role, 503 when its identity source is down);
 * any other throw is a 500. Only an undefined answer counts as a failed attempt of the address.
 */
export type AdminActorResolver = (request: Request) => AdminActor | undefined | Promise<AdminActor | undefined>;

/**
 * Provide an AdminActorResolver under this token (from a global module, or the library's options) to
 * authenticate admin requests your way; when nothing is provided, the built-in one decides.
 */
export const ADMIN_ACTOR_RESOLVER = Symbol('ADMIN_ACTOR_RESOLVER');

/** The standalone server's resolver (ADMIN_TOKENS, the identity provider's JWTs); internal. */
export const BUILT_IN_ADMIN_ACTOR_RESOLVER = Symbol('BUILT_IN_ADMIN_ACTOR_RESOLVER');

/** What the audit log can hold (varchar 255). */
export const MAX_ACTOR_FIELD_LENGTH = 255;

const isField = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ACTOR_FIELD_LENGTH;

/**
 * A resolver's answer checked before anything trusts it (a host may write plain JavaScript): null or
 * undefined is no actor; anything else must be a whole actor, or the resolver has a bug.
 */
export function checkedAdminActor(value: unknown): AdminActor | undefined {
  if (value === undefined || value === null) return undefined;
  const { id, name, role } = value as Partial<Record<keyof AdminActor, unknown>>;
  if (!isField(id) || !isField(name) || !isAdminRole(role)) {
    throw new Error(
      `The admin actor resolver answered something else than { id, name, role }: id and name must be non-empty strings of at most ${MAX_ACTOR_FIELD_LENGTH} characters, role ${ADMIN_ROLES.join(' or ')}`,
    );
  }
  return { id, name, role };
}
