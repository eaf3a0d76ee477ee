import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from './audit.service.js';
import { InvalidRequestError } from '../admin-api/admin-errors.js';
import { AdminApi } from '../admin-api/admin-auth.decorators.js';
import { AuditLogEntryResponse, type AuditLogPage, AuditLogQueryDto, AuditVerification } from './dto/audit-log.dto.js';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('audit log')
@AdminApi()
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first; pass nextCursor back as cursor for older entries. */
  @Get()
  @ApiOkResponse({ description: 'A page of entries, newest first' })
  async list(@Query() query: AuditLogQueryDto): Promise<AuditLogPage> {
    if (query.from && query.to && query.from > query.to) throw new InvalidRequestError('from must not be after to');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.audit.list({
      entityType: query.entity,
      entityId: query.entityId,
      actor: query.actor,
      from: query.from,
      to: query.to,
      beforeId: query.cursor,
      limit,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((entry) => AuditLogEntryResponse.from(entry)),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  @Get('verify')
  @ApiOkResponse({ type: AuditVerification })
  async verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
