import type { DatabaseWork, RowCounts } from './database-stats.js';
import type { LatencySummary } from './histogram.js';
import type { TargetName } from './options.js';

export interface RssCheckpoint {
  /** Progress through the measured part: share of the calls (--calls) or of the time. */
  readonly percent: number;
  readonly rssMiB: number;
}

export interface DatabaseReport {
  /** Webhooks sent while the database counters were compared (measured phase plus drain). */
  readonly webhooks: number;
  /** Named after what was counted: statements need pg_stat_statements. */
  readonly statementsPerWebhook: number | null;
  readonly transactionsPerWebhook: number;
  readonly rowsWrittenPerWebhook: number;
  readonly topStatements: DatabaseWork['topStatements'];
  /** Rows the app's phases added, against what every persisted event implies. */
  readonly persisted: { readonly added: RowCounts; readonly expected: RowCounts };
}

export interface TargetReport {
  readonly target: TargetName;
  readonly measuredSeconds: number;
  readonly webhooks: number;
  readonly calls: number;
  readonly webhooksPerSecond: number;
  readonly latency: LatencySummary;
  readonly latencyByRoute: Record<string, LatencySummary>;
  /** Non-2xx answers and network errors in the measured phase, by kind. */
  readonly errors: number;
  readonly errorKinds: Record<string, number>;
  /** Errors during warm-up and drain, not part of the figures above but still errors. */
  readonly errorsOutsideMeasurement: number;
  readonly unexpectedAnswers: number;
  readonly peakRssMiB: number;
  readonly rssCheckpoints: readonly RssCheckpoint[];
  readonly memoryFlat: boolean | null;
  /** CPU cores busy on average during the measured phase. */
  readonly cpu: { readonly server: number; readonly database: number | null; readonly loadGenerator: number };
  readonly handlerMeanMs: Record<string, number>;
  readonly poolMidRun: Record<string, number>;
  readonly database: DatabaseReport | null;
  readonly serverLog: {
    readonly errors: number;
    readonly warnings: number;
    readonly other: number;
    readonly messages: Record<string, number>;
  };
  readonly samples: readonly string[];
}

export interface RunReport {
  readonly startedAt: string;
  readonly options: Record<string, unknown>;
  readonly databaseSource: 'embedded' | 'DATABASE_URL';
  readonly machine: { readonly cpus: number; readonly node: string };
  readonly loadAverageBefore: string;
  readonly loadAverageAfter: string;
  readonly targets: readonly TargetReport[];
  /** app webhooks/s ÷ minimal webhooks/s. */
  readonly appToMinimalRatio: number | null;
}

// RSS may still grow while the heap settles; growth after the halfway point is what a leak looks like.
const FLAT_TOLERANCE_MIB = 16;
const FLAT_TOLERANCE_SHARE = 0.1;

/** Flat when RSS at 100% exceeds RSS at 50% by less than max(16 MiB, 10%). */
export function isMemoryFlat(checkpoints: readonly RssCheckpoint[]): boolean | null {
  const half = checkpoints.find((checkpoint) => checkpoint.percent === 50);
  const end = checkpoints.find((checkpoint) => checkpoint.percent === 100);
  if (!half || !end) return null;
  return end.rssMiB - half.rssMiB < Math.max(FLAT_TOLERANCE_MIB, half.rssMiB * FLAT_TOLERANCE_SHARE);
}

const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const pad = (text: string, width: number): string => text.padStart(width);

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0]) : pad(cell, widths[index]))).join('  ');
}

function mainTable(report: RunReport): string[] {
  const widths = [8, 10, 7, 7, 7, 7, 6, 9, 8, 8, 8];
  const lines = [
    row(
      [
        'target',
        'webhook/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'errors',
        'peak RSS',
        'srv CPU',
        'db CPU',
        'gen CPU',
      ],
      widths,
    ),
  ];
  for (const target of report.targets) {
    lines.push(
      row(
        [
          target.target,
          fixed(target.webhooksPerSecond),
          fixed(target.latency.p50Ms, 2),
          fixed(target.latency.p95Ms, 2),
          fixed(target.latency.p99Ms, 2),
          fixed(target.latency.maxMs, 1),
          String(target.errors),
          `${fixed(target.peakRssMiB)} MiB`,
          fixed(target.cpu.server, 2),
          target.cpu.database === null ? 'n/a' : fixed(target.cpu.database, 2),
          fixed(target.cpu.loadGenerator, 2),
        ],
        widths,
      ),
    );
  }
  return lines;
}

function routeTable(target: TargetReport): string[] {
  const widths = [20, 8, 8, 8, 8, 11];
  const lines = [row([`  ${target.target} route`, 'count', 'p50 ms', 'p99 ms', 'max ms', 'in-app mean'], widths)];
  for (const [route, latency] of Object.entries(target.latencyByRoute)) {
    const inApp = target.handlerMeanMs[route];
    lines.push(
      row(
        [
          `  ${route}`,
          String(latency.count),
          fixed(latency.p50Ms, 2),
          fixed(latency.p99Ms, 2),
          fixed(latency.maxMs, 1),
          inApp === undefined ? '' : `${fixed(inApp, 2)} ms`,
        ],
        widths,
      ),
    );
  }
  return lines;
}

function databaseLines(database: DatabaseReport): string[] {
  const { added, expected } = database.persisted;
  const statements =
    database.statementsPerWebhook === null
      ? 'statements/webhook: n/a (pg_stat_statements not loaded)'
      : `${fixed(database.statementsPerWebhook, 2)} statements/webhook (pg_stat_statements; BEGIN, SET, COMMIT included)`;
  const lines = [
    `  database per webhook, over ${database.webhooks} webhooks: ${statements}; ` +
      `${fixed(database.transactionsPerWebhook, 2)} transactions (pg_stat_database xact_commit+xact_rollback: the whole database, autovacuum and this probe included); ` +
      `${fixed(database.rowsWrittenPerWebhook, 2)} rows written (tup_inserted+updated+deleted)`,
    `  persisted: sessions +${added.sessions}/${expected.sessions}, ended +${added.endedSessions}/${expected.endedSessions}, ` +
      `attempts +${added.attempts}/${expected.attempts}, idempotency receipts +${added.receipts}/${expected.receipts} (added/expected)`,
  ];
  for (const statement of database.topStatements.slice(0, 8))
    lines.push(`    ${pad(String(statement.calls), 7)} × ${fixed(statement.meanMs, 3)} ms  ${statement.query}`);
  return lines;
}

function targetDetails(target: TargetReport): string[] {
  const lines = routeTable(target);
  if (target.unexpectedAnswers > 0) lines.push(`  unexpected TwiML (2xx but wrong step): ${target.unexpectedAnswers}`);
  if (target.errors > 0) lines.push(`  errors by kind: ${JSON.stringify(target.errorKinds)}`);
  if (target.errorsOutsideMeasurement > 0)
    lines.push(`  errors during warm-up/drain: ${target.errorsOutsideMeasurement}`);
  if (target.rssCheckpoints.length > 0) {
    const points = target.rssCheckpoints.map((point) => `${point.percent}%: ${fixed(point.rssMiB)} MiB`).join(', ');
    const verdict = target.memoryFlat === null ? '' : target.memoryFlat ? ' → flat' : ' → GROWING';
    lines.push(`  RSS at ${points}${verdict}`);
  }
  if (Object.keys(target.poolMidRun).length > 0)
    lines.push(`  database pool mid-run: ${JSON.stringify(target.poolMidRun)}`);
  if (target.database) lines.push(...databaseLines(target.database));
  const log = target.serverLog;
  lines.push(`  server log: ${log.errors} error, ${log.warnings} warn, ${log.other} non-JSON lines`);
  for (const [message, count] of Object.entries(log.messages)) lines.push(`    ${count} × ${message}`);
  for (const sample of target.samples) lines.push(`  sample: ${sample.replace(/\s+/g, ' ')}`);
  return lines;
}

/** The human table, then the same figures as one JSON line for scripts. */
export function formatReport(report: RunReport): string {
  const lines = [
    '',
    `Twilio IVR benchmark — ${report.startedAt}, ${report.machine.cpus} CPUs, Node ${report.machine.node}, database: ${report.databaseSource}`,
    `options: ${JSON.stringify(report.options)}`,
    ...mainTable(report),
  ];
  if (report.appToMinimalRatio !== null)
    lines.push(`app/minimal throughput: ${fixed(report.appToMinimalRatio * 100)}%`);
  lines.push(
    'CPU columns: cores busy on average (srv = server process, db = its embedded PostgreSQL, gen = this load generator)',
  );
  for (const target of report.targets) lines.push('', ...targetDetails(target));
  lines.push('', `load average before: ${report.loadAverageBefore}; after: ${report.loadAverageAfter}`);
  lines.push(`JSON ${JSON.stringify(report)}`);
  return lines.join('\n');
}
