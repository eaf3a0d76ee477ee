import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { IvrConfig } from '../ivr-options.js';
import type { AttemptDecision } from '../call-sessions/call-attempt.entity.js';
import type { CallOutcome } from '../call-sessions/call-session.entity.js';
import { IVR_TABLES } from '../database/ivr-schema.js';

interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/** Calls still open after this long are stale rows (a lost status callback), not active calls. */
const ACTIVE_CALL_WINDOW = '4 hours';

/**
 * Prometheus metrics of this instance. A registry of its own (not prom-client's global one), so
 * several app instances can live in one process, as in the tests.
 */
/** Holds the registry before MetricsService's fields, which register into it, are initialised. */
abstract class RegistryHolder {
  constructor(readonly registry: Registry) {}
}

@Injectable()
export class MetricsService extends RegistryHolder {
  readonly webhookDuration = new Histogram({
    name: 'ivr_webhook_duration_seconds',
    help: 'Time to answer a Twilio webhook, by route and HTTP status',
    labelNames: ['route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [this.registry],
  });

  readonly decisions = new Counter({
    name: 'ivr_menu_decisions_total',
    help: 'Answered menu rounds, by decision',
    labelNames: ['decision'] as const,
    registers: [this.registry],
  });

  readonly outcomes = new Counter({
    name: 'ivr_call_outcomes_total',
    help: 'Calls reaching an outcome (or changing it, when a late webhook upgrades abandoned)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly signatureRejections = new Counter({
    name: 'ivr_signature_rejections_total',
    help: 'Webhooks refused for a missing or invalid X-Twilio-Signature',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly spooledWebhooks = new Counter({
    name: 'ivr_spooled_webhooks_total',
    help: 'Webhooks answered from the cached menu while the database was unreachable, kept to be written later',
    labelNames: ['endpoint'] as const,
    registers: [this.registry],
  });

  readonly eventDeliveries = new Counter({
    name: 'ivr_event_deliveries_total',
    help: 'Event delivery attempts to handlers and webhook endpoints, by subscriber kind and result',
    labelNames: ['subscriber', 'result'] as const,
    registers: [this.registry],
  });

  readonly callerHookFailures = new Counter({
    name: 'ivr_caller_hook_failures_total',
    help: 'Calls that went on with the normal menu because the caller hook timed out, failed or named an unknown department',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly spoolBacklog = new Gauge({
    name: 'ivr_spool_backlog',
    help: 'Spooled webhooks not yet written to the database',
    registers: [this.registry],
  });

  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    config: IvrConfig,
  ) {
    // The host's registry when it gave one, else one of the IVR's own.
    super(config.metricsRegistry ?? new Registry());
    // Process metrics only in a registry of its own: a host's registry may have them already.
    if (!config.metricsRegistry) collectDefaultMetrics({ register: this.registry });
    const pool = (): PgPool | undefined => (this.dataSource.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'ivr_db_pool_connections',
      help: 'Database pool connections, by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'in_use' }, current.totalCount - current.idleCount);
        this.set({ state: 'idle' }, current.idleCount);
        this.set({ state: 'waiting' }, current.waitingCount);
      },
    });
    const dataSourceRef = this.dataSource;
    new Gauge({
      name: 'ivr_active_calls',
      help: `Calls started in the last ${ACTIVE_CALL_WINDOW} that have not ended`,
      registers: [this.registry],
      async collect() {
        const rows: { n: number }[] = await dataSourceRef.query(
          `SELECT count(*)::int AS n FROM ${IVR_TABLES.callSessions} WHERE ended_at IS NULL AND started_at > now() - interval '${ACTIVE_CALL_WINDOW}'`,
        );
        this.set(rows[0]?.n ?? 0);
      },
    });
  }

  countDecision(decision: AttemptDecision): void {
    this.decisions.inc({ decision });
  }

  /** Counts an outcome when a webhook changed it. */
  countOutcome(previous: CallOutcome | null, next: CallOutcome | null): void {
    if (next !== null && next !== previous) this.outcomes.inc({ outcome: next });
  }
}
