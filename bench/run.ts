// npm run bench: the app and a minimal signature-checking handler under the same simulated Twilio load.
// Usage and options: tsx bench/run.ts --help. Everything it starts, it stops; everything it creates, it removes.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type MetricSamples, handlerMeanMs, poolConnections, scrapeMetrics } from './app-metrics.js';
import { type BenchMenu, planCall, seededRandom } from './call-flow.js';
import { type DatabaseCounters, DatabaseProbe, type RowCounts, databaseWork } from './database-stats.js';
import { WebhookClient } from './http-client.js';
import { LoadDriver, type PhaseLimits, type PhaseResult } from './load-driver.js';
import { type BenchOptions, type TargetName, USAGE, parseOptions } from './options.js';
import { RssSampler, cpuSeconds, loadAverage, toMiB } from './proc-stats.js';
import {
  type DatabaseReport,
  type RssCheckpoint,
  type RunReport,
  type TargetReport,
  formatReport,
  isMemoryFlat,
} from './report.js';
import {
  BenchSetupError,
  type DatabaseChoice,
  type RunningTarget,
  chooseDatabase,
  databaseUrlOf,
  removeEmbeddedDatabase,
  seedExternalDatabase,
  startApp,
  startMinimal,
} from './targets.js';

/** The demo menu, for a run against the minimal handler alone (no database to read the menu from). */
const DEMO_MENU: BenchMenu = {
  digits: ['1', '2', '3'],
  keywords: ['sales', 'support', 'billing', 'pricing', 'help', 'invoice'],
  minRoutingConfidence: 0.6,
};
const CHECKPOINTS = [10, 50] as const;

const progress = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

interface TargetUnderTest {
  readonly name: TargetName;
  readonly running: RunningTarget;
  /** The app's database, for its counters (null for the minimal handler). */
  readonly probe: DatabaseProbe | null;
  readonly embeddedDatabase: boolean;
}

/** The measured part of one target's run, plus the readings taken around it. */
interface Measurement {
  readonly warmup: PhaseResult;
  readonly measured: PhaseResult;
  readonly drain: PhaseResult;
  readonly checkpoints: RssCheckpoint[];
  /** Database counters after the warm-up (the app only). */
  readonly countersBefore?: DatabaseCounters;
  readonly cpu: TargetReport['cpu'];
  readonly metrics: { readonly before: MetricSamples; readonly after: MetricSamples; readonly midRun: MetricSamples };
}

class BenchSession {
  private database?: DatabaseChoice;
  private app?: RunningTarget;
  private minimal?: RunningTarget;
  private probe?: DatabaseProbe;
  private readonly random: () => number;

  constructor(
    private readonly options: BenchOptions,
    private readonly signal: AbortSignal,
  ) {
    this.random = seededRandom(options.seed);
  }

  async run(): Promise<TargetReport[]> {
    const menu = this.options.targets.includes('app') ? await this.prepareApp() : DEMO_MENU;
    const reports: TargetReport[] = [];
    // The minimal handler first: the app's database is idle then, never still busy (autovacuum) from the app's run.
    for (const name of this.options.targets) {
      if (name === 'minimal') {
        progress('starting the minimal handler');
        this.minimal = await startMinimal();
        reports.push(
          await this.benchTarget({ name, running: this.minimal, probe: null, embeddedDatabase: false }, menu),
        );
        await this.minimal.process.stop(10_000);
      } else if (this.app) {
        const embeddedDatabase = this.database?.kind === 'embedded';
        reports.push(
          await this.benchTarget({ name, running: this.app, probe: this.probe ?? null, embeddedDatabase }, menu),
        );
      }
    }
    return reports;
  }

  get databaseSource(): RunReport['databaseSource'] {
    return this.database?.kind === 'external' ? 'DATABASE_URL' : 'embedded';
  }

  /** Stops what we started and removes the embedded database's folder, whatever state the run ended in. */
  async cleanup(): Promise<void> {
    await this.probe?.close().catch(() => undefined);
    await this.minimal?.process.stop(10_000);
    if (this.app) {
      const code = await this.app.process.stop(30_000);
      if (code !== 0) progress(`the app exited with ${String(code)} on SIGTERM`);
    }
    if (this.database) await removeEmbeddedDatabase(this.database);
  }

  private async prepareApp(): Promise<BenchMenu> {
    this.database = await chooseDatabase(process.env.DATABASE_URL);
    await seedExternalDatabase(this.database);
    progress(
      `starting the app (${this.database.kind === 'embedded' ? `embedded database in ${this.database.dataDir}` : 'DATABASE_URL'})`,
    );
    this.app = await startApp(this.database, this.options.cpuProfileDir);
    this.probe = await DatabaseProbe.connect(databaseUrlOf(this.database));
    if (
      this.options.countStatements &&
      !(await this.probe.enableStatementCounts()) &&
      this.database.kind === 'embedded'
    ) {
      // Our own throwaway server: load pg_stat_statements (needs a restart) so statements can be counted.
      progress('restarting the app once so its embedded PostgreSQL loads pg_stat_statements');
      await this.probe.preloadStatementCounts();
      await this.probe.close();
      this.probe = undefined;
      await this.app.process.stop(30_000);
      this.app = await startApp(this.database, this.options.cpuProfileDir);
      this.probe = await DatabaseProbe.connect(databaseUrlOf(this.database));
      await this.probe.enableStatementCounts();
    }
    if (!this.probe.hasStatementCounts)
      progress('pg_stat_statements unavailable: counting transactions, not statements');
    if (this.options.menuDepth > 1) {
      progress(`putting the departments ${this.options.menuDepth} menu levels down`);
      return this.probe.nestDepartments(this.options.menuDepth);
    }
    return this.probe.menu();
  }

  private async benchTarget(target: TargetUnderTest, menu: BenchMenu): Promise<TargetReport> {
    const sampler = new RssSampler(target.running.process.pid).start();
    const driver = new LoadDriver({
      concurrency: this.options.concurrency,
      thinkMs: this.options.thinkMs,
      checkAnswers: target.name === 'app',
      nextPlan: () => planCall(menu, this.options, this.random),
      random: this.random,
    });
    // A target that dies mid-run stops its phases at once instead of piling up connection errors.
    const died = new AbortController();
    void target.running.process.exited.then((code) => died.abort(new Error(`${target.name} exited (${String(code)})`)));
    const signal = AbortSignal.any([this.signal, died.signal]);
    const rowsBefore = await target.probe?.rowCounts();
    const measurement = await this.measure(target, driver, sampler, signal);
    sampler.stop();
    let database: DatabaseReport | null = null;
    if (target.probe && rowsBefore) database = await this.databaseReport(target.probe, measurement, driver, rowsBefore);
    return this.targetReport(target, measurement, sampler, database);
  }

  /** Warm-up, then the measured phase (by time or by calls), then a drain that lets every call started finish. */
  private async measure(
    target: TargetUnderTest,
    driver: LoadDriver,
    sampler: RssSampler,
    signal: AbortSignal,
  ): Promise<Measurement> {
    const { options } = this;
    const phase = async (limits: Omit<PhaseLimits, 'signal'>): Promise<PhaseResult> => {
      const client = new WebhookClient(target.running.port, options.concurrency, options.requestTimeoutMs);
      try {
        const result = await driver.run(client, { ...limits, signal });
        if (signal.aborted) throw signal.reason;
        return result;
      } finally {
        client.close();
      }
    };
    progress(`${target.name}: warm-up ${options.warmupSeconds} s`);
    const warmup = await phase({ mode: 'load', deadline: performance.now() + options.warmupSeconds * 1000 });
    const countersBefore = await target.probe?.settledCounters();
    const metricsBefore = target.name === 'app' ? await scrapeMetrics(target.running.port) : new Map<string, number>();

    const checkpoints: RssCheckpoint[] = [];
    let midRun: Promise<MetricSamples> = Promise.resolve(new Map());
    const checkpoint = (percent: number): void => {
      checkpoints.push({ percent, rssMiB: toMiB(sampler.current()) });
      if (percent === 50 && target.name === 'app') midRun = scrapeMetrics(target.running.port);
    };
    const cpuBefore = cpuSeconds(target.running.process.pid);
    const generatorBefore = process.cpuUsage();
    const measured = await this.measuredPhase(target.name, driver, phase, checkpoint);
    const cpuAfter = cpuSeconds(target.running.process.pid);
    const generatorCpu = process.cpuUsage(generatorBefore);
    const drain = await phase({ mode: 'drain' });
    // By calls, 100% is when the last call has ended; by time, when the measured phase has.
    if (options.calls !== null) checkpoint(100);
    const seconds = measured.elapsedSeconds;
    return {
      warmup,
      measured,
      drain,
      checkpoints,
      countersBefore,
      cpu: {
        server: (cpuAfter.self - cpuBefore.self) / seconds,
        database: target.embeddedDatabase ? (cpuAfter.descendants - cpuBefore.descendants) / seconds : null,
        loadGenerator: (generatorCpu.user + generatorCpu.system) / 1e6 / seconds,
      },
      metrics: {
        before: metricsBefore,
        midRun: await midRun,
        after: target.name === 'app' ? await scrapeMetrics(target.running.port) : new Map<string, number>(),
      },
    };
  }

  /** By calls: until N more calls have started, with RSS at 10% and 50% of them; else for --seconds. */
  private async measuredPhase(
    name: TargetName,
    driver: LoadDriver,
    phase: (limits: Omit<PhaseLimits, 'signal'>) => Promise<PhaseResult>,
    checkpoint: (percent: number) => void,
  ): Promise<PhaseResult> {
    const { options } = this;
    if (options.calls !== null) {
      const calls = options.calls;
      progress(`${name}: ${calls} calls at concurrency ${options.concurrency}`);
      const completedBefore = driver.callsCompleted;
      const pending: number[] = [...CHECKPOINTS];
      return phase({
        mode: 'load',
        maxCallsStarted: driver.callsStarted + calls,
        onCallCompleted: (completed) => {
          while (pending.length > 0 && completed - completedBefore >= (pending[0] / 100) * calls)
            checkpoint(pending.shift() ?? 0);
        },
      });
    }
    progress(`${name}: ${options.seconds} s at concurrency ${options.concurrency}`);
    const timers = CHECKPOINTS.map((percent) =>
      setTimeout(() => checkpoint(percent), (percent / 100) * options.seconds * 1000),
    );
    const measured = await phase({ mode: 'load', deadline: performance.now() + options.seconds * 1000 });
    timers.forEach(clearTimeout);
    checkpoint(100);
    return measured;
  }

  private async databaseReport(
    probe: DatabaseProbe,
    measurement: Measurement,
    driver: LoadDriver,
    rowsBefore: RowCounts,
  ): Promise<DatabaseReport | null> {
    if (!measurement.countersBefore) return null;
    const work = databaseWork(measurement.countersBefore, await probe.settledCounters());
    const rowsAfter = await probe.rowCounts();
    // The counters span the measured phase and the drain, which completes its calls.
    const webhooks = Math.max(1, measurement.measured.webhooks + measurement.drain.webhooks);
    return {
      webhooks,
      statementsPerWebhook: work.statements === null ? null : work.statements / webhooks,
      transactionsPerWebhook: work.transactions / webhooks,
      rowsWrittenPerWebhook: work.rowsWritten / webhooks,
      topStatements: work.topStatements,
      persisted: {
        added: {
          sessions: rowsAfter.sessions - rowsBefore.sessions,
          endedSessions: rowsAfter.endedSessions - rowsBefore.endedSessions,
          attempts: rowsAfter.attempts - rowsBefore.attempts,
          receipts: rowsAfter.receipts - rowsBefore.receipts,
        },
        // Every call started was driven to its end: one session, ended, one menu attempt, one receipt per 2xx webhook
        // that changed something (a webhook that changes nothing writes nothing).
        expected: {
          sessions: driver.callsStarted,
          endedSessions: driver.callsStarted,
          // One answered round per menu level.
          attempts: driver.callsStarted * this.options.menuDepth,
          receipts: driver.webhooksWriting2xx,
        },
      },
    };
  }

  private targetReport(
    target: TargetUnderTest,
    measurement: Measurement,
    sampler: RssSampler,
    database: DatabaseReport | null,
  ): TargetReport {
    const { measured, warmup, drain } = measurement;
    const log = target.running.process.log;
    return {
      target: target.name,
      measuredSeconds: measured.elapsedSeconds,
      webhooks: measured.webhooks,
      calls: measured.callsCompleted,
      webhooksPerSecond: measured.webhooksPerSecond,
      latency: measured.latency.summary(),
      latencyByRoute: Object.fromEntries(
        [...measured.latencyByRoute].map(([route, histogram]) => [route, histogram.summary()]),
      ),
      errors: measured.errorCount,
      errorKinds: Object.fromEntries(measured.errors),
      errorsOutsideMeasurement: warmup.errorCount + drain.errorCount,
      unexpectedAnswers: warmup.unexpectedAnswers + measured.unexpectedAnswers + drain.unexpectedAnswers,
      peakRssMiB: toMiB(sampler.peak),
      rssCheckpoints: measurement.checkpoints,
      // Only a run by calls is long and even enough to call memory flat or growing.
      memoryFlat: this.options.calls === null ? null : isMemoryFlat(measurement.checkpoints),
      cpu: measurement.cpu,
      handlerMeanMs: handlerMeanMs(measurement.metrics.before, measurement.metrics.after),
      poolMidRun: poolConnections(measurement.metrics.midRun),
      database,
      serverLog: {
        errors: log.errors,
        warnings: log.warnings,
        other: log.other,
        messages: Object.fromEntries(log.messages),
      },
      samples: [...warmup.samples, ...measured.samples, ...drain.samples].slice(0, 5),
    };
  }
}

function ratio(reports: readonly TargetReport[]): number | null {
  const app = reports.find((report) => report.target === 'app');
  const minimal = reports.find((report) => report.target === 'minimal');
  return app && minimal && minimal.webhooksPerSecond > 0 ? app.webhooksPerSecond / minimal.webhooksPerSecond : null;
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const startedAt = new Date().toISOString();
  const loadAverageBefore = loadAverage();
  progress(`load average before: ${loadAverageBefore}`);
  // Bounded whatever happens: a hard deadline, and Ctrl-C, both end the phases and run the cleanup.
  const abort = new AbortController();
  const deadline = setTimeout(
    () => abort.abort(new Error(`--max-seconds ${options.maxSeconds} reached`)),
    options.maxSeconds * 1000,
  );
  const interrupt = (): void => abort.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);

  const session = new BenchSession(options, abort.signal);
  let exitCode = 0;
  try {
    const targets = await session.run();
    const report: RunReport = {
      startedAt,
      options: { ...options },
      databaseSource: session.databaseSource,
      machine: { cpus: availableParallelism(), node: process.version },
      loadAverageBefore,
      loadAverageAfter: loadAverage(),
      targets,
      appToMinimalRatio: ratio(targets),
    };
    console.log(formatReport(report));
  } catch (error) {
    const detail = error instanceof BenchSetupError ? error.message : error instanceof Error ? error.stack : error;
    console.error(`bench failed: ${String(detail)}`);
    exitCode = 1;
  } finally {
    clearTimeout(deadline);
    await session.cleanup();
    progress(`load average after: ${loadAverage()}`);
  }
  return exitCode;
}

process.exitCode = await main();
