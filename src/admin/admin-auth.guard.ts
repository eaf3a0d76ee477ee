import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { normalizeIp, ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { maskPhoneNumbersInUrl } from '../common/mask.js';
import { bearerSecret, secretsMatch } from '../common/secrets.js';
import type { AdminToken } from '../config/admin-tokens.js';
import { IvrConfig } from '../ivr-options.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';

export type AdminPrincipal = Pick<AdminToken, 'name' | 'role'>;

export interface AdminRequest extends Request {
  adminPrincipal?: AdminPrincipal;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token whose secret matches, comparing every secret in constant time (no early exit). */
export function findAdminToken(tokens: readonly AdminToken[], presented: string): AdminToken | null {
  let found: AdminToken | null = null;
  for (const token of tokens) {
    if (secretsMatch(token.secret, presented)) found = token;
  }
  return found;
}

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
 * Bearer tokens from ADMIN_TOKENS: any token reads, only an admin token writes. A client address
 * that failed ADMIN_AUTH_FAILURE_LIMIT times in its minute gets 429 for every request until the
 * minute ends, before its token is even looked at (see blockedForSeconds for why a valid one too).
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly logger = new Logger(AdminAuthGuard.name);

  constructor(
    private readonly config: IvrConfig,
    private readonly failures: AuthFailureLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<AdminRequest>();
    const response = http.getResponse<Response>();
    const address = clientAddress(request);
    const blockedFor = this.failures.blockedForSeconds(address);
    if (blockedFor > 0) {
      response.setHeader('Retry-After', String(blockedFor));
      throw new ThrottlerException(
        `Too many failed authentication attempts from your address: try again in ${blockedFor} s`,
      );
    }
    const presented = bearerSecret(request.header('authorization'));
    const token = presented ? findAdminToken(this.config.adminTokens, presented) : null;
    if (!token) {
      const line = this.failures.recordFailure(address);
      if (line) this.logger.warn({ ...line, address, ...loggedTarget(request), presented: presented !== null });
      response.setHeader('WWW-Authenticate', 'Bearer realm="admin"');
      throw new UnauthorizedException(
        presented ? 'Unknown admin token' : 'Missing bearer token: send Authorization: Bearer <token>',
      );
    }
    if (!READ_METHODS.has(request.method) && token.role !== 'admin') {
      this.logger.warn({ event: 'admin.forbidden', actor: token.name, ...loggedTarget(request) });
      throw new ForbiddenException(`Token "${token.name}" has the ${token.role} role, which can only read`);
    }
    request.adminPrincipal = { name: token.name, role: token.role };
    return true;
  }
}
