import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';
import { IvrConfig } from '../../ivr-options.js';
import { ReportAggregatesService } from './report-aggregates.service.js';

/**
 * Rolls the report aggregates up on this instance at start and every five minutes (reportRollups, default on): with
 * several instances, each takes its turn under the lock and finds little or nothing left to do.
 */
@Injectable()
export class ReportRollupScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportRollupScheduler.name);
  // Its own timer, like retention's: no ScheduleModule to clash with a host's.
  private readonly job = CronJob.from({ cronTime: '*/5 * * * *', onTick: () => this.run(), start: false });
  private running: Promise<void> | null = null;

  constructor(
    private readonly aggregates: ReportAggregatesService,
    private readonly config: IvrConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reportRollups) return;
    this.job.start();
    // Not awaited: the first rollup of a large database takes a while, and the app serves meanwhile (raw reads).
    void this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
    await this.running;
  }

  /** One rollup at a time on this instance; a failure is logged and the next tick tries again. */
  run(): Promise<void> {
    this.running ??= this.aggregates
      .rollUp()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.logger.error({
          event: 'report_aggregates.failed',
          error: error instanceof Error ? error.message : 'unknown',
        });
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
