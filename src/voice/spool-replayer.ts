import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service.js';
import { ReportAggregatesService } from '../reporting/aggregates/report-aggregates.service.js';
import { isDatabaseUnavailable } from './database-outage.js';
import { CallFlowService } from './call-flow.service.js';
import { WebhookSpool } from './webhook-spool.js';

const RETRY_EVERY_MS = 500;

/** Handles spooled webhooks through the normal call flow, oldest first, as soon as the database answers again. */
@Injectable()
export class SpoolReplayer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SpoolReplayer.name);
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly spool: WebhookSpool,
    private readonly callFlow: CallFlowService,
    private readonly metrics: MetricsService,
    private readonly aggregates: ReportAggregatesService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.drain(), RETRY_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining;
    await this.spool.flushed();
  }

  /** Replays until the spool is empty or the database fails again; one drain at a time. */
  drain(): Promise<void> {
    this.draining ??= this.replayAll().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async replayAll(): Promise<void> {
    let replayed = 0;
    let oldest: Date | null = null;
    for (let event = this.spool.peek(); event; event = this.spool.peek()) {
      if (oldest === null || event.receivedAt < oldest) oldest = event.receivedAt;
      try {
        await this.callFlow.handle(event);
      } catch (error) {
        if (isDatabaseUnavailable(error)) break;
        // A webhook the database refuses for good (bad data) must not block the ones behind it.
        this.logger.error({
          event: 'spool.replay_failed',
          callSid: event.callSid,
          kind: event.kind,
          error: error instanceof Error ? error.message : 'unknown',
        });
      }
      this.spool.shift();
      replayed += 1;
    }
    this.metrics.spoolBacklog.set(this.spool.size);
    if (replayed > 0) this.logger.log({ event: 'spool.replayed', webhooks: replayed, waiting: this.spool.size });
    if (oldest) await this.recountReports(oldest);
  }

  /** Webhooks written long after they came may change periods the report aggregates hold as final. */
  private async recountReports(oldestReceivedAt: Date): Promise<void> {
    try {
      await this.aggregates.replayed(oldestReceivedAt);
    } catch (error) {
      // The next replay or a rebuild counts them; the calls themselves are written.
      this.logger.error({
        event: 'spool.report_recount_failed',
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
}
