import { ForbiddenException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AdminJwtConfig } from '../config/admin-jwt.js';
import type { AdminActor } from './admin-actor.js';
import { actorFromClaims } from './jwt-claims.js';

/** Asymmetric only: with HS256 allowed, the identity provider's public key would sign tokens for anyone. */
export const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** Room for the clocks of the identity provider and this server to differ. */
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;

const JWKS_TIMEOUT_MS = 5_000;

/** The codes of errors that say the token is bad (401), as opposed to the keys being unreadable (503). */
const TOKEN_FAULTS: ReadonlySet<string> = new Set([
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JWTInvalid.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTExpired.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

export function isTokenFault(error: unknown): boolean {
  return error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code);
}

/** Verifies the identity provider's JWTs against its published keys (fetched once, then cached by jose). */
export class JwtActorVerifier {
  private readonly logger = new Logger(JwtActorVerifier.name);

  constructor(
    private readonly config: AdminJwtConfig,
    private readonly keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl), {
      timeoutDuration: JWKS_TIMEOUT_MS,
    }),
  ) {}

  /** The token's actor; undefined for a token that is not valid here; 403 for a valid one without a role. */
  async actorOf(token: string): Promise<AdminActor | undefined> {
    const claims = await this.verifiedClaims(token);
    if (!claims) return undefined;
    const verdict = actorFromClaims(claims, this.config.roleClaim);
    switch (verdict.kind) {
      case 'actor':
        return verdict.actor;
      case 'no_subject':
        return undefined;
      case 'no_role':
        throw new ForbiddenException(
          `"${verdict.name}" has no admin API role: the token's ${this.config.roleClaim} claim must be admin or viewer`,
        );
      default: {
        const unknown: never = verdict;
        throw new Error(`Unknown claims verdict ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async verifiedClaims(token: string) {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: JWT_ALGORITHMS,
        clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (error) {
      if (isTokenFault(error)) {
        this.logger.debug({ event: 'admin.jwt_rejected', code: (error as errors.JOSEError).code });
        return undefined;
      }
      // Never the token: the error is about the key set, from jose or fetch.
      this.logger.warn({ event: 'admin.jwks_unavailable', jwksUrl: this.config.jwksUrl, error: String(error) });
      throw new ServiceUnavailableException("The identity provider's keys cannot be read now: try again later");
    }
  }
}
