import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ReportPoolLimits, reportDataSourceOptions } from '../database/data-source-options.js';
import { reportErrorFor } from './report-errors.js';
import { ReportGate } from './report-gate.js';

export const REPORT_POOL_LIMITS = Symbol('REPORT_POOL_LIMITS');

// Reports that may wait for a turn, per connection, and for how long: past that a client is better
// told to come back (503) than kept waiting behind reports that may each run to the statement timeout.
const WAITING_PER_CONNECTION = 2;
const MAX_WAIT_MS = 5000;

export interface ReportTurn {
  /** The next batch of a report already under way: it waits its turn rather than being refused. */
  readonly continuing?: boolean;
}

/**
 * Where every report query runs: a pool of its own (a few connections, read-only, with a statement
 * timeout; see reportDataSourceOptions) behind a ReportGate of as many turns. However many reports
 * are asked for, the webhooks keep their own pool, and the database runs at most this many report
 * queries per instance. Saturation and timeouts come out as ReportErrors (503 with Retry-After).
 */
@Injectable()
export class ReportDatabase implements OnModuleInit, OnApplicationShutdown {
  private readonly dataSource: DataSource;
  private readonly gate: ReportGate;

  constructor(
    @InjectIvrDataSource() main: DataSource,
    @Inject(REPORT_POOL_LIMITS) private readonly limits: ReportPoolLimits,
  ) {
    this.dataSource = new DataSource(reportDataSourceOptions(main.options, limits));
    this.gate = new ReportGate({
      running: limits.connections,
      waiting: limits.connections * WAITING_PER_CONNECTION,
      maxWaitMs: MAX_WAIT_MS,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.dataSource.initialize();
  }

  // After the HTTP server has closed: the reports in flight have finished.
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** One statement. */
  async query<T>(sql: string, parameters: unknown[], turn: ReportTurn = {}): Promise<T> {
    return this.run(() => this.dataSource.query<T>(sql, parameters), turn);
  }

  /** Statements that read one snapshot (REPEATABLE READ; read-only like every report connection). */
  async snapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(() => this.dataSource.transaction('REPEATABLE READ', work), {});
  }

  /**
   * A read-only snapshot for an aggregate report (a summary, a time series, the menus). It runs on one core:
   * parallel workers would take the cores the live calls' webhooks need (and on a busy 2-core machine they cost
   * more than they save for a month of calls). A long range's sorts and hashes stay in memory.
   */
  async aggregate<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.snapshot(async (manager) => {
      await manager.query('SET LOCAL max_parallel_workers_per_gather = 0');
      await manager.query(`SET LOCAL work_mem = '32MB'`);
      return work(manager);
    });
  }

  private async run<T>(work: () => Promise<T>, turn: ReportTurn): Promise<T> {
    const endTurn = await this.gate.enter(turn.continuing);
    try {
      return await work();
    } catch (error) {
      throw reportErrorFor(error, this.limits.statementTimeoutMs) ?? error;
    } finally {
      endTurn();
    }
  }
}
