import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ADMIN_ROLES, type AdminRole } from '../config/admin-tokens.js';
import { AdminApi } from './admin-auth.decorators.js';
import type { AdminRequest } from './admin-auth.guard.js';

export class AdminSessionResponse {
  @ApiProperty({ description: 'The token name, JWT subject or host user id, as the audit log records it' })
  readonly id: string;
  @ApiProperty()
  readonly name: string;
  @ApiProperty({ enum: ADMIN_ROLES, description: 'viewer: reads only, caller numbers masked' })
  readonly role: AdminRole;
}

/** Who the request authenticates as: how the console (or any client) learns the role before it offers an edit. */
@ApiTags('session')
@AdminApi()
@Controller('me')
export class AdminSessionController {
  @Get()
  @ApiOkResponse({ type: AdminSessionResponse })
  me(@Req() request: AdminRequest): AdminSessionResponse {
    // AdminAuthGuard lets no request through without its principal.
    const { id, name, role } = request.adminPrincipal!;
    return { id, name, role };
  }
}
