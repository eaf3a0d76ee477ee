import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { IvrConfig } from '../ivr-options.js';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { IVR_TABLES } from '../database/ivr-schema.js';
import { ReportAggregatesService } from '../reporting/aggregates/report-aggregates.service.js';

const BATCH_SIZE = 1000;
// A retried webhook arrives within hours; a week of receipts is plenty.
const RECEIPT_RETENTION_DAYS = 7;
// Delivered (or given up) events stay a week for the deliveries listing and a re-send, then go.
const EVENT_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

export interface PurgeResult {
  readonly ran: boolean;
  readonly sessions: number;
  readonly receipts: number;
  readonly events: number;
  readonly cutoff: Date;
}

/**
 * Deletes call sessions (their attempts go with them) older than RETENTION_DAYS, idempotency receipts older than a
 * week, and events delivered (or given up on) over a week ago, in batches so no long lock is held. Each purge that deletes sessions
 * is written to the audit log, which itself is kept.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  // Its own timer (cron, the library @nestjs/schedule uses), not ScheduleModule.forRoot(): a host that has its
  // own ScheduleModule would otherwise get a second explorer over all its providers.
  private readonly daily = CronJob.from({ cronTime: '17 3 * * *', onTick: () => this.runDaily(), start: false });

  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: IvrConfig,
    private readonly aggregates: ReportAggregatesService,
  ) {}

  onApplicationBootstrap(): void {
    this.daily.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.daily.stop();
  }

  async runDaily(): Promise<void> {
    try {
      await this.purge();
    } catch (error) {
      this.logger.error({ event: 'retention.failed', error: error instanceof Error ? error.message : 'unknown' });
    }
  }

  async purge(now: Date = new Date()): Promise<PurgeResult> {
    const cutoff = new Date(now.getTime() - this.config.retentionDays * DAY_MS);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        ADVISORY_LOCKS.retention,
      ])) as {
        locked: boolean;
      }[];
      if (!locked) return { ran: false, sessions: 0, receipts: 0, events: 0, cutoff };
      try {
        const sessions = await this.deleteInBatches(
          `DELETE FROM ${IVR_TABLES.callSessions} WHERE call_sid IN (SELECT call_sid FROM ${IVR_TABLES.callSessions} WHERE started_at < $1 LIMIT ${BATCH_SIZE})`,
          cutoff,
        );
        const receiptCutoff = new Date(now.getTime() - RECEIPT_RETENTION_DAYS * DAY_MS);
        const receipts = await this.deleteInBatches(
          `DELETE FROM ${IVR_TABLES.webhookReceipts} WHERE ctid IN (SELECT ctid FROM ${IVR_TABLES.webhookReceipts} WHERE created_at < $1 LIMIT ${BATCH_SIZE})`,
          receiptCutoff,
        );
        // An event not yet fanned out, or still on its way to a subscriber, is kept however old; its deliveries and
        // attempts go with it.
        const events = await this.deleteInBatches(
          `DELETE FROM ${IVR_TABLES.outbox} WHERE id IN (
            SELECT o.id FROM ${IVR_TABLES.outbox} o
            WHERE o.created_at < $1
              AND (o.xid, o.position) <= (SELECT xid, position FROM ${IVR_TABLES.outboxFanOut})
              AND NOT EXISTS (SELECT 1 FROM ${IVR_TABLES.eventDeliveries} d WHERE d.event_id = o.id AND d.status = 'pending')
            LIMIT ${BATCH_SIZE})`,
          new Date(now.getTime() - EVENT_RETENTION_DAYS * DAY_MS),
        );
        if (sessions > 0) {
          // The reports' aggregates follow: they count the same calls as the tables.
          await this.aggregates.purged(cutoff);
          await this.dataSource.transaction((manager) =>
            this.audit.append(
              manager,
              { name: 'retention', role: 'system', requestId: null },
              {
                action: 'purge',
                entityType: 'call_session',
                entityId: `before ${cutoff.toISOString()}`,
                before: null,
                after: {
                  deletedSessions: sessions,
                  cutoff: cutoff.toISOString(),
                  retentionDays: this.config.retentionDays,
                },
              },
            ),
          );
        }
        this.logger.log({ event: 'retention.purged', sessions, receipts, events, cutoff: cutoff.toISOString() });
        return { ran: true, sessions, receipts, events, cutoff };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.retention]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Runs a bounded DELETE until it deletes nothing; each batch commits on its own. */
  private async deleteInBatches(sql: string, before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [, affected] = await this.dataSource.query<[unknown[], number]>(sql, [before]);
      total += affected;
      if (affected < BATCH_SIZE) return total;
    }
  }
}
