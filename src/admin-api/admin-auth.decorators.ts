import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  UseFilters,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { strictValidationPipe } from '../common/validation.js';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuditActor } from '../audit/audit.service.js';
import { requestIdOf } from '../common/request-id.js';
import { AdminAuthGuard, type AdminRequest } from './admin-auth.guard.js';
import { AdminExceptionFilter } from './admin-exception.filter.js';
import { AdminThrottlerGuard } from './admin-throttler.guard.js';
import { JsonBodyGuard } from './json-body.guard.js';

/**
 * Every admin controller: the actor's auth (read for any actor, write for admins), JSON bodies only,
 * strict validation and the admin error mapping.
 */
export const AdminApi = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    // Authentication first: only an accepted actor is counted in its budget.
    UseGuards(AdminAuthGuard, AdminThrottlerGuard, JsonBodyGuard),
    UseFilters(AdminExceptionFilter),
    // Its own pipe, not the host's global one (whose options may differ).
    UsePipes(strictValidationPipe()),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, unknown or invalid bearer token' }),
    ApiForbiddenResponse({ description: 'A viewer tried to write, or a JWT carries no admin API role' }),
    ApiTooManyRequestsResponse({
      description:
        'More than ADMIN_RATE_LIMIT requests in a minute by this actor, or ADMIN_AUTH_FAILURE_LIMIT failed ' +
        'attempts in a minute from this address (see Retry-After)',
    }),
  );

/** The authenticated actor, as the audit log records it. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): AuditActor => {
  const request = context.switchToHttp().getRequest<AdminRequest>();
  const principal = request.adminPrincipal;
  if (!principal) throw new Error('Actor used on a route without AdminAuthGuard');
  return { id: principal.id, name: principal.name, role: principal.role, requestId: requestIdOf(request) };
});
