import { Injectable, Logger } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { IVR_TABLES } from '../database/ivr-schema.js';

const EXPECTED_MIGRATIONS = migrations.map((migration) => migration.name);

/**
 * The IVR's part of a readiness check, for the host's own terminus health endpoint:
 * `health.check([() => ivr.isHealthy('ivr')])`, or its two halves under keys of the host's choosing.
 */
@Injectable()
export class IvrHealthIndicator {
  private readonly logger = new Logger(IvrHealthIndicator.name);

  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
    private readonly typeOrm: TypeOrmHealthIndicator,
  ) {}

  /** The database answers and every IVR migration is applied. */
  async isHealthy<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const [database, schema] = await Promise.all([this.database(key), this.migrations(key)]);
    const indicator = this.indicators.check(key);
    // What the migrations check found (applied, pending), without its own status: terminus sets that.
    const { status: schemaStatus, ...details }: Record<string, unknown> = schema[key];
    return database[key].status === 'up' && schemaStatus === 'up' ? indicator.up(details) : indicator.down(details);
  }

  /**
   * Whether the database answers. Anyone who can reach the port may ask: why it does not (addresses,
   * user names in driver errors) goes to the log, not into the answer.
   */
  async database<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    let result: HealthIndicatorResult;
    try {
      result = await this.typeOrm.pingCheck(key, { timeout: 1000, connection: this.dataSource });
    } catch (error) {
      result = { [key]: { status: 'down', message: error instanceof Error ? error.message : 'unknown' } };
    }
    const outcome = result[key] as { status?: string; message?: unknown } | undefined;
    if (outcome?.status === 'up') return indicator.up();
    this.logger.warn({ event: 'health.database_down', reason: outcome?.message ?? 'unknown' });
    return indicator.down();
  }

  /** Whether every IVR migration is applied (how many are, and which are pending otherwise). */
  async migrations<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    try {
      const rows: { name: string }[] = await this.dataSource.query(
        `SELECT name FROM ${IVR_TABLES.migrations} ORDER BY id`,
      );
      const applied = rows.map((row) => row.name);
      const pending = EXPECTED_MIGRATIONS.filter((name) => !applied.includes(name));
      return pending.length === 0
        ? indicator.up({ applied: applied.length })
        : indicator.down({ applied: applied.length, pending });
    } catch (error) {
      this.logger.warn({
        event: 'health.migrations_unreadable',
        reason: error instanceof Error ? error.message : 'unknown',
      });
      return indicator.down();
    }
  }
}
