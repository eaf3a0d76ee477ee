import { Module } from '@nestjs/common';
import { IvrConfig } from '../ivr-options.js';
import type { ReportPoolLimits } from '../database/data-source-options.js';
import { CallSessionReportRepository } from './call-session-report.repository.js';
import { CallSessionReportService } from './call-session-report.service.js';
import { CallSessionsReportController } from './call-sessions-report.controller.js';
import { MenuReportRepository } from './menu-report.repository.js';
import { MenuReportService } from './menu-report.service.js';
import { REPORT_POOL_LIMITS, ReportDatabase } from './report-database.js';
import { ReportRepository } from './report.repository.js';
import { ReportService } from './report.service.js';
import { ReportsController } from './reports.controller.js';

/** Read-only reports over the call sessions and attempts, under /admin (any admin API token), on a pool of their own. */
@Module({
  controllers: [CallSessionsReportController, ReportsController],
  providers: [
    {
      provide: REPORT_POOL_LIMITS,
      inject: [IvrConfig],
      useFactory: (config: IvrConfig): ReportPoolLimits => ({
        connections: config.reportPoolSize,
        statementTimeoutMs: config.reportTimeoutMs,
      }),
    },
    ReportDatabase,
    CallSessionReportRepository,
    CallSessionReportService,
    ReportRepository,
    MenuReportRepository,
    MenuReportService,
    ReportService,
  ],
})
export class ReportingModule {}
