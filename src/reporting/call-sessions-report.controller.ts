import { Controller, Get, Header, Logger, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Actor, AdminApi } from '../admin-api/admin-auth.decorators.js';
import type { AuditActor } from '../audit/audit.service.js';
import { callSessionCsvFileName } from './call-session-csv.js';
import { CallSessionReportService } from './call-session-report.service.js';
import { CallSidPipe } from './call-sid.pipe.js';
import { assertCallerFilterAllowed, type NumberView, numberViewFor, presentNumber } from './caller-number.js';
import { CallSessionQueryDto } from './dto/call-session-query.dto.js';
import { CallSessionDetail, CallSessionPage } from './dto/call-session.response.js';
import { ReportApi } from './report-exception.filter.js';
import { toExportFilter, toPageRequest } from './session-query.js';

@ApiTags('call sessions')
@AdminApi()
@ReportApi()
@Controller('call-sessions')
export class CallSessionsReportController {
  private readonly logger = new Logger(CallSessionsReportController.name);

  constructor(private readonly sessions: CallSessionReportService) {}

  /** Newest first; pass nextCursor back as cursor for older calls. format=csv streams every matching call. */
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CallSessionPage })
  async list(
    @Query() query: CallSessionQueryDto,
    @Actor() actor: AuditActor,
  ): Promise<CallSessionPage | StreamableFile> {
    const view = numberViewFor(actor.role);
    assertCallerFilterAllowed(query.caller, view, actor.role);
    if (query.format === 'csv') return this.exportCsv(query, actor, view);
    return this.sessions.page(toPageRequest(query), view);
  }

  private async exportCsv(query: CallSessionQueryDto, actor: AuditActor, view: NumberView): Promise<StreamableFile> {
    const filter = toExportFilter(query);
    const chunks = await this.sessions.exportCsv(filter, view);
    // An export of personal data: who took it, and what it covered (the caller filter is personal data too).
    this.logger.log({
      event: 'report.csv_export',
      actor: actor.name,
      role: actor.role,
      requestId: actor.requestId,
      filter: { ...filter, caller: filter.caller && presentNumber(filter.caller, 'masked') },
    });
    return new StreamableFile(Readable.from(chunks, { highWaterMark: 1 }), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${callSessionCsvFileName(new Date())}"`,
    });
  }

  @Get(':callSid')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: CallSessionDetail })
  @ApiNotFoundResponse()
  async detail(@Param('callSid', CallSidPipe) callSid: string, @Actor() actor: AuditActor): Promise<CallSessionDetail> {
    return this.sessions.detail(callSid, numberViewFor(actor.role));
  }
}
