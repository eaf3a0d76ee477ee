// `npm run bench:reports`: the reporting queries against a million calls, through the real services.
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ConfigurationError, validateEnvironment } from '../../config/environment.js';
import { dataSourceOptions } from '../../database/data-source-options.js';
import { EmbeddedPostgresServer } from '../../database/embedded-postgres.server.js';
import { runMigrations } from '../../database/migrate.js';
import { CallSessionReportRepository } from '../call-session-report.repository.js';
import { CallSessionReportService } from '../call-session-report.service.js';
import { parseInstant } from '../instant.js';
import { ReportRepository } from '../report.repository.js';
import { ReportService } from '../report.service.js';
import { fillBenchData } from './bench-data.js';
import { assertBenchDatabase, summarizeTimings, type Timing, withDatabaseName } from './bench-target.js';

const DAY = 86_400_000;
const TARGETS = { report: 1000, page: 100 } as const;

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
  const { server, url } = await EmbeddedPostgresServer.start(dataDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE DATABASE ivr_bench').finally(() => client.end());
  return {
    url: withDatabaseName(url, 'ivr_bench'),
    close: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
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

function printTiming(label: string, timing: Timing, target: number | null): void {
  const verdict = target === null ? '' : timing.max < target ? `ok (< ${target} ms)` : `SLOW (target ${target} ms)`;
  console.log(`${label.padEnd(52)}${ms(timing.median)}${ms(timing.max)}${ms(timing.first)}   ${verdict}`);
}

const instant = (date: Date): string => parseInstant(date.toISOString()) ?? '';

async function bench(dataSource: DataSource, sessions: number, runs: number): Promise<void> {
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const queryRunner = dataSource.createQueryRunner();
  const loadStart = performance.now();
  try {
    await fillBenchData(queryRunner, sessions, end.toISOString());
  } finally {
    await queryRunner.release();
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const [{ version }] = await dataSource.query<{ version: string }[]>(
    `SELECT current_setting('server_version') AS version`,
  );
  const [counts] = await dataSource.query<{ sessions: number; attempts: number }[]>(
    `SELECT (SELECT count(*) FROM call_sessions)::int AS sessions, (SELECT count(*) FROM call_attempts)::int AS attempts`,
  );
  console.log(
    `\n${counts.sessions.toLocaleString('en-US')} call sessions and ${counts.attempts.toLocaleString('en-US')} attempts over 365 days, ` +
      `filled in ${loadSeconds.toFixed(1)} s (VACUUM ANALYZE included). PostgreSQL ${version}, ${cpus().length} CPUs, ` +
      `load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}.\n`,
  );

  const reports = new ReportService(new ReportRepository(dataSource));
  const sessionRepository = new CallSessionReportRepository(dataSource);
  const calls = new CallSessionReportService(sessionRepository);
  const last30Days = { from: instant(new Date(end.getTime() - 30 * DAY)), to: instant(end) };
  const wholeYear = { from: instant(new Date(end.getTime() - 365 * DAY)), to: instant(end) };
  const [newest] = await sessionRepository.findPage({}, null, 1);
  const [halfYearAgo] = await sessionRepository.findPage({ to: instant(new Date(end.getTime() - 182 * DAY)) }, null, 1);
  const [department] = await dataSource.query<{ id: string }[]>(`SELECT id FROM departments ORDER BY position LIMIT 1`);
  const page =
    (filter: object, after: { startedAt: string; callSid: string } | null = null) =>
    () =>
      calls.page({ filter, after, limit: 50 }, 'whole');

  console.log(
    `${''.padEnd(52)}${'median'.padStart(11)}${'max'.padStart(11)}${'first run'.padStart(11)}   (${runs} runs after the first)`,
  );
  printTiming('summary, last 30 days', await time(runs, () => reports.summary(last30Days)), TARGETS.report);
  printTiming(
    'timeseries, last 30 days by day',
    await time(runs, () => reports.timeseries(last30Days, 'day')),
    TARGETS.report,
  );
  printTiming(
    'timeseries, last 30 days by hour',
    await time(runs, () => reports.timeseries(last30Days, 'hour')),
    TARGETS.report,
  );
  printTiming('page of 50 sessions, newest', await time(runs, page({})), TARGETS.page);
  printTiming(
    'page of 50 sessions, cursor 6 months back',
    await time(runs, page({}, { startedAt: halfYearAgo.startedAtKey, callSid: halfYearAgo.callSid })),
    TARGETS.page,
  );
  printTiming('page of 50, outcome=voicemail', await time(runs, page({ outcome: 'voicemail' })), TARGETS.page);
  printTiming('page of 50, departmentId', await time(runs, page({ departmentId: department.id })), TARGETS.page);
  printTiming('page of 50, caller', await time(runs, page({ caller: newest.from ?? '' })), TARGETS.page);
  printTiming(
    'page of 50, last 30 days, voicemail + department',
    await time(runs, page({ ...last30Days, outcome: 'voicemail', departmentId: department.id })),
    TARGETS.page,
  );
  printTiming(
    `summary, whole year (${counts.sessions.toLocaleString('en-US')} calls; no target)`,
    await time(Math.min(runs, 3), () => reports.summary(wholeYear)),
    null,
  );

  const exportStart = performance.now();
  let lines = 0;
  for await (const chunk of await calls.exportCsv(last30Days, 'masked')) lines += chunk.split('\r\n').length - 1;
  const exportSeconds = (performance.now() - exportStart) / 1000;
  console.log(
    `\nCSV export, last 30 days: ${(lines - 1).toLocaleString('en-US')} rows in ${exportSeconds.toFixed(2)} s ` +
      `(${Math.round((lines - 1) / exportSeconds).toLocaleString('en-US')} rows/s)`,
  );
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
      await runMigrations(dataSource);
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
