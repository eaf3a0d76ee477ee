import { bearerSecret, secretsMatch } from '../common/secrets.js';
import { looksLikeJwt } from '../config/admin-jwt.js';
import type { AdminToken } from '../config/admin-tokens.js';
import type { AdminActorResolver } from './admin-actor.js';
import type { JwtActorVerifier } from './jwt-actor-verifier.js';

/** The token whose secret matches, comparing every secret in constant time (no early exit). */
export function findAdminToken(tokens: readonly AdminToken[], presented: string): AdminToken | null {
  let found: AdminToken | null = null;
  for (const token of tokens) {
    if (secretsMatch(token.secret, presented)) found = token;
  }
  return found;
}

/**
 * The standalone server's own admin auth: a bearer JWT from the identity provider (when one is
 * configured), else one of the static ADMIN_TOKENS: its name is the actor's name, `token:<name>` its id, so that
 * a JWT whose `sub` happens to be a token's name is never the same actor (audit filter, rate limit).
 */
export function builtInActorResolver(tokens: readonly AdminToken[], jwt?: JwtActorVerifier): AdminActorResolver {
  return async (request) => {
    const presented = bearerSecret(request.header('authorization'));
    if (!presented) return undefined;
    if (jwt && looksLikeJwt(presented)) return jwt.actorOf(presented);
    const token = findAdminToken(tokens, presented);
    return token ? { id: `token:${token.name}`, name: token.name, role: token.role } : undefined;
  };
}
