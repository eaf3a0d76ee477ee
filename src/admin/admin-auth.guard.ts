import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerSecret, secretsMatch } from '../common/secrets.js';
import type { AdminToken } from '../config/admin-tokens.js';
import { AppConfig } from '../config/app-config.js';

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

/** Bearer tokens from ADMIN_TOKENS: any token reads, only an admin token writes. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly logger = new Logger(AdminAuthGuard.name);

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<AdminRequest>();
    const presented = bearerSecret(request.header('authorization'));
    const token = presented ? findAdminToken(this.config.adminTokens, presented) : null;
    if (!token) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="admin"');
      this.logger.warn({
        event: 'admin.unauthenticated',
        method: request.method,
        path: request.path,
        presented: presented !== null,
      });
      throw new UnauthorizedException(
        presented ? 'Unknown admin token' : 'Missing bearer token: send Authorization: Bearer <token>',
      );
    }
    if (!READ_METHODS.has(request.method) && token.role !== 'admin') {
      this.logger.warn({ event: 'admin.forbidden', actor: token.name, method: request.method, path: request.path });
      throw new ForbiddenException(`Token "${token.name}" has the ${token.role} role, which can only read`);
    }
    request.adminPrincipal = { name: token.name, role: token.role };
    return true;
  }
}
