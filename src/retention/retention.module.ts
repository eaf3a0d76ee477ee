import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ReportAggregatesModule } from '../reporting/aggregates/report-aggregates.module.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [AuditModule, ReportAggregatesModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
