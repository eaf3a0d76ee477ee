import { Controller, Get, Logger } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { IVR_TABLES } from '../database/ivr-schema.js';
import { LifecycleState } from './lifecycle-state.js';

const EXPECTED_MIGRATIONS = migrations.map((migration) => migration.name);

/** Liveness (the process answers) and readiness (database reachable, schema migrated, not shutting down). */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly lifecycle: LifecycleState,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.lifecycleCheck(), () => this.databaseCheck(), () => this.migrationsCheck()]);
  }

  private lifecycleCheck(): HealthIndicatorResult {
    const indicator = this.indicators.check('lifecycle');
    return this.lifecycle.shuttingDown ? indicator.down({ message: 'shutting down' }) : indicator.up();
  }

  /**
   * Whether the database answers. Anyone who can reach the port may ask: why it does not (addresses,
   * user names in driver errors) goes to the log, not into the answer.
   */
  private async databaseCheck(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('database');
    let result: HealthIndicatorResult;
    try {
      result = await this.database.pingCheck('database', { timeout: 1000 });
    } catch (error) {
      result = { database: { status: 'down', message: error instanceof Error ? error.message : 'unknown' } };
    }
    const database = result.database as { status?: string; message?: unknown } | undefined;
    if (database?.status === 'up') return indicator.up();
    this.logger.warn({ event: 'health.database_down', reason: database?.message ?? 'unknown' });
    return indicator.down();
  }

  private async migrationsCheck(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('migrations');
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
