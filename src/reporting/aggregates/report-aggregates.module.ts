import { Module } from '@nestjs/common';
import { ReportAggregatesService } from './report-aggregates.service.js';
import { ReportRollupScheduler } from './report-rollup.scheduler.js';

/** The report aggregates' upkeep: the rollup, and the reopening the spool's replay and retention's purge call. */
@Module({
  providers: [ReportAggregatesService, ReportRollupScheduler],
  exports: [ReportAggregatesService],
})
export class ReportAggregatesModule {}
