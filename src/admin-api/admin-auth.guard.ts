import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { normalizeIp, ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { maskPhoneNumbersInUrl } from '../common/mask.js';
import { bearerSecret } from '../common/secrets.js';
import {
  ADMIN_ACTOR_RESOLVER,
  type AdminActor,
  type AdminActorResolver,
  BUILT_IN_ADMIN_ACTOR_RESOLVER,
  checkedAdminActor,
} from './admin-actor.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';

export interface AdminRequest extends Request {
  adminPrincipal?: AdminActor;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The client as Express sees it through TRUST_PROXY (`request.ip`); an IPv6 client by its /64, which
 * one subscriber usually holds whole.
 */
export function clientAddress(request: Pick<Request, 'ip'>): string {
  return request.ip ? normalizeIp(request.ip) : 'unknown';
}

/** What a warning says about the request: never its headers; a phone number in its path masked. */
const loggedTarget = (request: Request): { method: string; path: string } => ({
  method: request.method,
  path: maskPhoneNumbersInUrl(request.path),
});

/**
 * The actor from the host's ADMIN_ACTOR_RESOLVER when it provides one, else from the built-in one
 * (ADMIN_TOKENS and the identity provider's JWTs): any actor reads, only an admin writes. A client address that failed
 * ADMIN_AUTH_FAILURE_LIMIT times in its minute gets 429 for every request until the minute ends,
 * before the resolver is even asked (see blockedForSeconds for why a valid credential too).
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly logger = new Logger(AdminAuthGuard.name);
  private readonly resolveActor: AdminActorResolver;

  constructor(
    @Inject(BUILT_IN_ADMIN_ACTOR_RESOLVER) builtIn: AdminActorResolver,
    private readonly failures: AuthFailureLimiter,
    @Optional() @Inject(ADMIN_ACTOR_RESOLVER) host?: AdminActorResolver,
  ) {
    this.resolveActor = host ?? builtIn;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AdminRequest>();
    const response = http.getResponse<Response>();
    const address = clientAddress(request);
    this.refuseIfBlocked(address, response);
    // A resolver that throws (403, 503, a bug) has not been fooled: that is no failed attempt.
    const actor = checkedAdminActor(await this.resolveActor(request));
    // Again: requests from the address that were resolved meanwhile may have spent its budget, and
    // from then on no answer may tell a right guess from a wrong one.
    this.refuseIfBlocked(address, response);
    if (!actor) {
      const presented = bearerSecret(request.header('authorization'));
      const line = this.failures.recordFailure(address);
      if (line) this.logger.warn({ ...line, address, ...loggedTarget(request), presented: presented !== null });
      response.setHeader('WWW-Authenticate', 'Bearer realm="admin"');
      throw new UnauthorizedException(
        presented ? 'Unknown admin token' : 'Missing bearer token: send Authorization: Bearer <token>',
      );
    }
    if (!READ_METHODS.has(request.method) && actor.role !== 'admin') {
      this.logger.warn({ event: 'admin.forbidden', actor: actor.name, actorId: actor.id, ...loggedTarget(request) });
      throw new ForbiddenException(`"${actor.name}" has the ${actor.role} role, which can only read`);
    }
    request.adminPrincipal = actor;
    return true;
  }

  private refuseIfBlocked(address: string, response: Response): void {
    const blockedFor = this.failures.blockedForSeconds(address);
    if (blockedFor === 0) return;
    response.setHeader('Retry-After', String(blockedFor));
    throw new ThrottlerException(
      `Too many failed authentication attempts from your address: try again in ${blockedFor} s`,
    );
  }
}
