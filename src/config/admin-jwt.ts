/** The identity provider whose JWTs the admin API accepts beside the static tokens. */
import type { AdminToken } from './admin-tokens.js';

export interface AdminJwtConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  /** The claim holding `admin` or `viewer` (a string, or an array of strings such as `roles`). */
  readonly roleClaim: string;
}

/**
 * A bearer value in JWS compact form whose header is JSON as every JWT library writes it (`{"` is `eyJ`):
 * such a value goes to the JWT check, anything else to the static tokens.
 */
export function looksLikeJwt(bearer: string): boolean {
  return /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(bearer);
}

/** With JWTs on, a static token whose secret looks like a JWT would be checked as one, never as a token. */
export function tokenShapedLikeJwt(tokens: readonly AdminToken[]): AdminToken | undefined {
  return tokens.find((token) => looksLikeJwt(token.secret));
}
