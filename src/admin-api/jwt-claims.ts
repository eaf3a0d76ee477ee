import type { JWTPayload } from 'jose';
import type { AdminRole } from '../config/admin-tokens.js';
import { type AdminActor, MAX_ACTOR_FIELD_LENGTH } from './admin-actor.js';

/** What a verified token's claims say: an actor, or a user the token names without an admin API role. */
export type ClaimsVerdict =
  | { readonly kind: 'actor'; readonly actor: AdminActor }
  | { readonly kind: 'no_role'; readonly name: string }
  | { readonly kind: 'no_subject' };

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `admin` or `viewer`, or an array holding them (`roles` claims): admin wins; anything else is no role. */
export function roleFromClaim(value: unknown): AdminRole | undefined {
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (values.includes('admin')) return 'admin';
  if (values.includes('viewer')) return 'viewer';
  return undefined;
}

/** The actor of a verified token: id from `sub`, name from `name`, `preferred_username` or `sub`. */
export function actorFromClaims(claims: JWTPayload, roleClaim: string): ClaimsVerdict {
  const id = nonEmpty(claims.sub);
  if (!id || id.length > MAX_ACTOR_FIELD_LENGTH) return { kind: 'no_subject' };
  const name = (nonEmpty(claims.name) ?? nonEmpty(claims.preferred_username) ?? id).slice(0, MAX_ACTOR_FIELD_LENGTH);
  const role = roleFromClaim(claims[roleClaim]);
  return role ? { kind: 'actor', actor: { id, name, role } } : { kind: 'no_role', name };
}
