import { Module } from '@nestjs/common';
import { CallSessionReportRepository } from './call-session-report.repository.js';
import { CallSessionReportService } from './call-session-report.service.js';
import { CallSessionsReportController } from './call-sessions-report.controller.js';
import { ReportRepository } from './report.repository.js';
import { ReportService } from './report.service.js';
import { ReportsController } from './reports.controller.js';

/** Read-only reports over the call sessions and attempts, under /admin (any admin API token). */
@Module({
  controllers: [CallSessionsReportController, ReportsController],
  providers: [CallSessionReportRepository, CallSessionReportService, ReportRepository, ReportService],
})
export class ReportingModule {}
