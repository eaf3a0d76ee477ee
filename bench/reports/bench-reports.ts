// `npm run bench:reports`: the reporting queries against a million calls, through the real services.
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ConfigurationError, validateEnvironment } from '../../src/config/environment.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { EmbeddedPostgresServer } from '../../src/database/embedded-postgres.server.js';
import { ensureIvrSchema } from '../../src/database/migrate.js';
import { CallSessionReportRepository, type SessionFilter } from '../../src/reporting/call-session-report.repository.js';
import { CallSessionReportService } from '../../src/reporting/call-session-report.service.js';
import { parseInstant } from '../../src/reporting/instant.js';
import { ReportAggregatesService } from '../../src/reporting/aggregates/report-aggregates.service.js';
import { ReportDatabase } from '../../src/reporting/report-database.js';
import { ReportRepository } from '../../src/reporting/report.repository.js';
import { ReportService } from '../../src/reporting/report.service.js';
import type { SessionKey } from '../../src/reporting/session-cursor.js';
import { fillBenchData } from './bench-data.js';
import { assertBenchDatabase, summarizeTimings, type Timing, withDatabaseName } from './bench-target.js';
import { IVR_TABLES } from '../../src/database/ivr-schema.js';

const DAY = 86_400_000;
const TARGETS = { report: 1000, page: 100, yearFromAggregates: 300 } as const;

interface BenchDatabase {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** DATABASE_URL when set (its name must say bench or test), else a scratch embedded PostgreSQL removed afterwards. */
async function openDatabase(): Promise<BenchDatabase> {
  const configured = validateEnvironment(process.env).DATABASE_URL;
  if (configured) {
    assertBenchDatabase(configured);
    return { url: configured, close: () => Promise.resolve() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'ivr-bench-'));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  const { server, url } = await EmbeddedPostgresServer.start(dataDir).catch(async (error: unknown) => {
    await removeDataDir();
    throw error;
  });
  const close = async (): Promise<void> => {
    await server.stop();
    await removeDataDir();
  };
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('CREATE DATABASE ivr_bench');
  } catch (error) {
    await close();
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { url: withDatabaseName(url, 'ivr_bench'), close };
}

async function time(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  const milliseconds: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const start = performance.now();
    await work();
    milliseconds.push(performance.now() - start);
  }
  return summarizeTimings(milliseconds);
}

const ms = (value: number): string => `${value.toFixed(1)} ms`.padStart(11);
const count = (value: number): string => value.toLocaleString('en-US');
const instant = (date: Date): string => parseInstant(date.toISOString()) ?? '';
const daysBefore = (end: Date, days: number): string => instant(new Date(end.getTime() - days * DAY));

interface Measurement {
  readonly label: string;
  readonly runs: number;
  /** Milliseconds the slowest run must stay under, or null for a figure given for information. */
  readonly target: number | null;
  readonly work: () => Promise<unknown>;
}

async function fill(dataSource: DataSource, sessions: number, end: Date): Promise<{ sessions: number }> {
  const queryRunner = dataSource.createQueryRunner();
  const start = performance.now();
  try {
    await fillBenchData(queryRunner, sessions, end.toISOString());
  } finally {
    await queryRunner.release();
  }
  const seconds = (performance.now() - start) / 1000;
  const [stats] = await dataSource.query<{ version: string; sessions: number; attempts: number }[]>(
    `SELECT current_setting('server_version') AS version, (SELECT count(*) FROM ${IVR_TABLES.callSessions})::int AS sessions,
       (SELECT count(*) FROM ${IVR_TABLES.callAttempts})::int AS attempts`,
  );
  const load = loadavg().map((average) => average.toFixed(2));
  console.log(
    `\n${count(stats.sessions)} call sessions and ${count(stats.attempts)} attempts over 365 days, filled in ` +
      `${seconds.toFixed(1)} s (VACUUM ANALYZE included). PostgreSQL ${stats.version}, ${cpus().length} CPUs, ` +
      `load average ${load.join(' ')}.\n`,
  );
  return stats;
}

/** What the reporting API answers most: the summary and time series of a month, and pages of sessions. */
async function measurements(
  dataSource: DataSource,
  reportDatabase: ReportDatabase,
  end: Date,
  runs: number,
  total: number,
): Promise<Measurement[]> {
  const reports = new ReportService(new ReportRepository(reportDatabase));
  const sessions = new CallSessionReportRepository(reportDatabase);
  const calls = new CallSessionReportService(sessions);
  const lastMonth = { from: daysBefore(end, 30), to: instant(end) };
  const [newest] = await sessions.findPage({}, null, 1);
  const [halfYearAgo] = await sessions.findPage({ to: daysBefore(end, 182) }, null, 1);
  const [department] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM ${IVR_TABLES.departments} ORDER BY position LIMIT 1`,
  );
  const report = (label: string, work: () => Promise<unknown>): Measurement => ({
    label,
    runs,
    target: TARGETS.report,
    work,
  });
  const page = (label: string, filter: SessionFilter, after: SessionKey | null = null): Measurement => ({
    label: `page of 50 sessions, ${label}`,
    runs,
    target: TARGETS.page,
    work: () => calls.page({ filter, after, limit: 50 }, 'whole'),
  });
  return [
    report('summary, last 30 days', () => reports.summary(lastMonth)),
    report('timeseries, last 30 days by day', () => reports.timeseries(lastMonth, 'day')),
    report('timeseries, last 30 days by hour', () => reports.timeseries(lastMonth, 'hour')),
    page('newest', {}),
    page('cursor 6 months back', {}, { startedAt: halfYearAgo.startedAtKey, callSid: halfYearAgo.callSid }),
    page('outcome=voicemail', { outcome: 'voicemail' }),
    page('departmentId', { departmentId: department.id }),
    page('caller', { caller: newest.from ?? '' }),
    page('30 days, voicemail, department', { ...lastMonth, outcome: 'voicemail', departmentId: department.id }),
    ...yearFigures(reports, end, runs, total),
  ];
}

/**
 * The dashboard's long ranges, read raw (final_through ignored: how every report read before the aggregates) and
 * through the aggregates (rolled up after the fill).
 */
function yearFigures(reports: ReportService, end: Date, runs: number, total: number): Measurement[] {
  const year = { from: daysBefore(end, 365), to: instant(end) };
  const month = { from: daysBefore(end, 30), to: instant(end) };
  const raw = { aggregates: false } as const;
  const pair = (label: string, work: (options: { aggregates?: boolean }) => Promise<unknown>): Measurement[] => [
    { label: `${label}, raw`, runs: Math.min(runs, 3), target: null, work: () => work(raw) },
    { label: `${label}, aggregates`, runs, target: TARGETS.yearFromAggregates, work: () => work({}) },
  ];
  return [
    ...pair(`summary, whole year (${count(total)} calls)`, (options) => reports.summary(year, options)),
    ...pair('timeseries by day, whole year', (options) => reports.timeseries(year, 'day', options)),
    ...pair('busiest hours, whole year', (options) => reports.busiestHours(year, 'America/New_York', options)),
    ...pair('summary, last 30 days', (options) => reports.summary(month, options)),
    ...pair('busiest hours, last 30 days', (options) => reports.busiestHours(month, 'America/New_York', options)),
  ];
}

/** The aggregates of the filled year, as a first start (or `npm run reports:rebuild`) computes them. */
async function rollUp(dataSource: DataSource, end: Date): Promise<void> {
  const start = performance.now();
  const { finalThrough } = await new ReportAggregatesService(dataSource).rollUp(end);
  const seconds = (performance.now() - start) / 1000;
  const [rows] = await dataSource.query<{ days: number; quarterHours: number }[]>(
    `SELECT (SELECT count(*) FROM ${IVR_TABLES.reportDayCalls})::int AS days,
       (SELECT count(*) FROM ${IVR_TABLES.reportQuarterHourCalls})::int AS "quarterHours"`,
  );
  await dataSource.query(`ANALYZE ${IVR_TABLES.reportDayCalls}, ${IVR_TABLES.reportDayDurations},
    ${IVR_TABLES.reportDayAttempts}, ${IVR_TABLES.reportDayClosed}, ${IVR_TABLES.reportQuarterHourCalls}`);
  console.log(
    `Rolled up the aggregates through ${finalThrough?.toISOString() ?? '(nothing)'} in ${seconds.toFixed(1)} s ` +
      `(${count(rows.days)} day rows, ${count(rows.quarterHours)} quarter-hour rows).\n`,
  );
}

async function measure(all: readonly Measurement[]): Promise<void> {
  const columns = ['median', 'max', 'first run'].map((title) => title.padStart(11)).join('');
  console.log(`${''.padEnd(52)}${columns}   (runs after the first: ${all[0]?.runs ?? 0})`);
  for (const { label, runs, target, work } of all) {
    const timing = await time(runs, work);
    const verdict =
      target === null ? 'no target' : timing.max < target ? `ok (< ${target} ms)` : `SLOW (> ${target} ms)`;
    console.log(`${label.padEnd(52)}${ms(timing.median)}${ms(timing.max)}${ms(timing.first)}   ${verdict}`);
  }
}

async function measureExport(reportDatabase: ReportDatabase, end: Date): Promise<void> {
  const calls = new CallSessionReportService(new CallSessionReportRepository(reportDatabase));
  const start = performance.now();
  let lines = 0;
  for await (const chunk of await calls.exportCsv({ from: daysBefore(end, 30), to: instant(end) }, 'masked')) {
    lines += chunk.split('\r\n').length - 1;
  }
  const seconds = (performance.now() - start) / 1000;
  const rows = lines - 1;
  console.log(
    `\nCSV export, last 30 days: ${count(rows)} rows in ${seconds.toFixed(2)} s (${count(Math.round(rows / seconds))} rows/s)`,
  );
}

/** The reports read through their own pool and gate, with the limits the server would use. */
async function bench(dataSource: DataSource, sessions: number, runs: number): Promise<void> {
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const filled = await fill(dataSource, sessions, end);
  await rollUp(dataSource, end);
  const environment = validateEnvironment(process.env);
  const reportDatabase = new ReportDatabase(dataSource, {
    connections: environment.REPORT_POOL_SIZE,
    statementTimeoutMs: environment.REPORT_TIMEOUT_MS,
  });
  await reportDatabase.onModuleInit();
  try {
    await measure(await measurements(dataSource, reportDatabase, end, runs, filled.sessions));
    await measureExport(reportDatabase, end);
  } finally {
    await reportDatabase.onApplicationShutdown();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sessions: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '7' } },
  });
  const sessions = Number(values.sessions);
  const runs = Number(values.runs);
  if (!Number.isInteger(sessions) || sessions < 1000)
    throw new ConfigurationError('--sessions must be an integer of at least 1000');
  if (!Number.isInteger(runs) || runs < 1) throw new ConfigurationError('--runs must be a positive integer');

  const database = await openDatabase();
  try {
    const dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await ensureIvrSchema(dataSource, 'run');
      await bench(dataSource, sessions, runs);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigurationError ? error.message : error);
    process.exit(1);
  },
);
