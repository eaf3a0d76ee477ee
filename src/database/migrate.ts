import { postgresConnectionOf } from './postgres-connection.js';
import { DataSource, type DataSourceOptions, MigrationExecutor, type QueryRunner } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { ADVISORY_LOCKS } from './advisory-locks.js';
import { IVR_MIGRATIONS_TABLE, IVR_SCHEMA, IVR_TABLES } from './ivr-schema.js';
import { type MigrationStatus, pendingMigrations, schemaBehindMessage } from './migration-status.js';

/** What the runner needs of the host's DataSource: where it connects (it need not be initialised). */
export type IvrDatabase = Pick<DataSource, 'options'>;

/** Every IVR migration's name, in the order they run. */
export const IVR_MIGRATION_NAMES: readonly string[] = migrations.map((migration) => migration.name);

/** Where the IVR kept its history before it had a schema of its own (the standalone server's first versions). */
export const LEGACY_MIGRATIONS_TABLE = 'public.typeorm_migrations';

/**
 * What a host does with the IVR's schema at startup: `run` applies pending migrations (the standalone server);
 * `verify` refuses to start while any is pending, for hosts that migrate in a deploy step (`ivr-migrate up`).
 */
export type IvrSchemaMode = 'run' | 'verify';

/** The IVR's tables are older than this code; the message is the one line to show. */
export class IvrSchemaBehindError extends Error {
  constructor(readonly pending: readonly string[]) {
    super(schemaBehindMessage(pending));
    this.name = 'IvrSchemaBehindError';
    // A state to fix, not a bug to trace: a host's start-up log shows the one line, not a stack.
    this.stack = this.message;
  }
}

/**
 * Brings the IVR's schema up to date (`run`, returning the migrations applied) or checks that it is (`verify`,
 * throwing IvrSchemaBehindError otherwise), on the database `dataSource` connects to. The host's own
 * migrations, history and search_path are left alone.
 */
export async function ensureIvrSchema(dataSource: IvrDatabase, mode: IvrSchemaMode): Promise<string[]> {
  if (mode === 'run') return runIvrMigrations(dataSource);
  const { pending } = await ivrMigrationStatus(dataSource);
  if (pending.length > 0) throw new IvrSchemaBehindError(pending);
  return [];
}

/** Applies pending migrations, one instance at a time when several start at once; returns their names. */
export async function runIvrMigrations(dataSource: IvrDatabase): Promise<string[]> {
  return withMigrationRunner(dataSource, async (executor, runner) =>
    withMigrationLock(runner, async () => {
      await adoptLegacyHistory(runner);
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    }),
  );
}

/**
 * The migrations applied and pending. Reads only: a history still in the legacy table counts as it will be adopted
 * (a database of an earlier version is one migration behind, not all of them).
 */
export async function ivrMigrationStatus(dataSource: IvrDatabase): Promise<MigrationStatus> {
  return withMigrationRunner(dataSource, async (_executor, runner) => {
    const state = await historyState(runner);
    const source = state.hasHistory ? IVR_TABLES.migrations : state.hasLegacy ? LEGACY_MIGRATIONS_TABLE : null;
    const rows = source
      ? ((await runner.query(`SELECT name FROM ${source} WHERE name = ANY($1::text[]) ORDER BY id`, [
          IVR_MIGRATION_NAMES,
        ])) as { name: string }[])
      : [];
    const applied = rows.map((row) => row.name);
    return { applied, pending: pendingMigrations(IVR_MIGRATION_NAMES, applied) };
  });
}

/** Reverts the last applied migration (tests, and an operator undoing an upgrade); returns its name, if any. */
export async function revertLastIvrMigration(dataSource: IvrDatabase): Promise<string | null> {
  return withMigrationRunner(dataSource, async (executor, runner) =>
    withMigrationLock(runner, async () => {
      const [last] = await executor.getExecutedMigrations();
      if (!last) return null;
      await executor.undoLastMigration();
      return last.name;
    }),
  );
}

/**
 * The options of the IVR's own small DataSource: the database `main` connects to, with the migration history in
 * ivr.migrations whatever the host's own migrationsTableName, schema or migrations are.
 */
export function ivrMigrationDataSourceOptions(main: DataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    ...postgresConnectionOf(main),
    schema: IVR_SCHEMA,
    migrationsTableName: IVR_MIGRATIONS_TABLE,
    migrations,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    // One connection runs everything (it holds the lock); the second is for TypeORM's own checks.
    extra: { ...(main.extra as object | undefined), max: 2, application_name: 'twilio-ivr-migrations' },
  };
}

async function withMigrationRunner<T>(
  dataSource: IvrDatabase,
  work: (executor: MigrationExecutor, runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const own = await new DataSource(ivrMigrationDataSourceOptions(dataSource.options)).initialize();
  try {
    const runner = own.createQueryRunner();
    await runner.connect();
    try {
      // The migrations that landed before the schema ivr name their tables unqualified: on this connection those
      // names mean ivr first, so a new database gets its tables straight in ivr and never in the host's public.
      // public stays second for a database of an earlier version, whose tables are there until the move.
      await runner.query(`SET search_path TO ${IVR_SCHEMA}, public`);
      const executor = new MigrationExecutor(own, runner);
      executor.transaction = 'each';
      return await work(executor, runner);
    } finally {
      await runner.release();
    }
  } finally {
    await own.destroy();
  }
}

async function withMigrationLock<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  await runner.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migrations]);
  try {
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrations]).catch(() => undefined);
  }
}

/**
 * Creates ivr.migrations on first run, with the IVR's rows of the legacy history when a database of an earlier
 * version has one, so its applied migrations are not run again. The legacy table is left as it is: a host may
 * keep its own history there, and an earlier version started against the upgraded database then finds its
 * migrations applied and fails on the moved tables, instead of creating empty ones in `public`.
 */
async function adoptLegacyHistory(runner: QueryRunner): Promise<void> {
  const state = await historyState(runner);
  if (state.hasHistory) return;
  await runner.startTransaction();
  try {
    // Only when missing: CREATE SCHEMA needs the CREATE right on the database even with IF NOT EXISTS.
    if (!state.hasSchema) await runner.query(`CREATE SCHEMA IF NOT EXISTS ${IVR_SCHEMA}`);
    // The table TypeORM would create (id, timestamp, name), made here so the copy lands in the same transaction.
    await runner.query(
      `CREATE TABLE ${IVR_TABLES.migrations} (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL)`,
    );
    if (state.hasLegacy) {
      await runner.query(
        `INSERT INTO ${IVR_TABLES.migrations} ("timestamp", name)
         SELECT "timestamp", name FROM ${LEGACY_MIGRATIONS_TABLE} WHERE name = ANY($1::text[]) ORDER BY id`,
        [IVR_MIGRATION_NAMES],
      );
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}

interface HistoryState {
  readonly hasSchema: boolean;
  readonly hasHistory: boolean;
  readonly hasLegacy: boolean;
}

async function historyState(runner: QueryRunner): Promise<HistoryState> {
  const [state] = (await runner.query(
    `SELECT to_regnamespace($1) IS NOT NULL AS "hasSchema", to_regclass($2) IS NOT NULL AS "hasHistory",
            to_regclass($3) IS NOT NULL AS "hasLegacy"`,
    [IVR_SCHEMA, IVR_TABLES.migrations, LEGACY_MIGRATIONS_TABLE],
  )) as HistoryState[];
  return state;
}
