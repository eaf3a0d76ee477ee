import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MoveTablesToIvrSchema1795801000000 } from '../../migrations/1795801000000-move-tables-to-ivr-schema.js';
import { migrations } from '../../migrations/index.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { dropDatabase, withClient, withDatabase } from './test-database.js';

/** The migrations that landed before the schema ivr: their tables in `public`, their history in typeorm_migrations. */
export const BEFORE_IVR_SCHEMA = migrations.slice(0, migrations.indexOf(MoveTablesToIvrSchema1795801000000));

/** What a database of a version before the schema ivr has pending: the move, and every migration since. */
export const PENDING_BEFORE_IVR_SCHEMA: readonly string[] = migrations
  .slice(BEFORE_IVR_SCHEMA.length)
  .map((migration) => migration.name);

/** Every IVR table, as the move migration knows them. */
export const IVR_TABLE_NAMES = [
  'departments',
  'settings',
  'call_sessions',
  'call_attempts',
  'webhook_receipts',
  'audit_log',
  'department_schedules',
  'company_holidays',
] as const;

/** The tables migrations after the move created (in ivr, from the start). */
export const TABLES_SINCE_MOVE = [
  'outbox',
  'outbox_fan_out',
  'webhook_endpoints',
  'event_deliveries',
  'event_delivery_attempts',
  'menus',
  'menu_options',
  'report_day_calls',
  'report_day_durations',
  'report_day_attempts',
  'report_day_closed',
  'report_quarter_hour_calls',
  'report_aggregate_state',
] as const;

/**
 * Runs `list` as a version before the schema ivr did: through its own DataSource, history in
 * public.typeorm_migrations, unqualified names landing in `public`.
 */
export async function migrateAsEarlierVersion(url: string, list: typeof migrations): Promise<void> {
  const old = await new DataSource({
    ...dataSourceOptions(url),
    migrations: list,
    migrationsTableName: 'typeorm_migrations',
  }).initialize();
  try {
    await old.runMigrations({ transaction: 'each' });
  } finally {
    await old.destroy();
  }
}

/** The tables of `schema`, by name. */
export async function tablesIn(url: string, schema: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    return rows.map((row) => row.name);
  });
}

/** An empty database of the file's own (created before all, dropped after all), for migrations to run on. */
export function useEmptyDatabase(serverUrl: string, prefix: string): { readonly url: string } {
  const url = withDatabase(serverUrl, `ivr_test_${prefix}_${randomBytes(5).toString('hex')}`);
  beforeAll(async () => {
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${new URL(url).pathname.slice(1)}`));
  });
  afterAll(async () => {
    await dropDatabase(serverUrl, url);
  });
  return { url };
}
