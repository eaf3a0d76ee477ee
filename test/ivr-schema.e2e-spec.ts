import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { inject } from 'vitest';
import { migrations } from '../migrations/index.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import {
  ensureIvrSchema,
  IvrSchemaBehindError,
  ivrMigrationStatus,
  revertLastIvrMigration,
  runIvrMigrations,
} from '../src/database/migrate.js';
import {
  BEFORE_IVR_SCHEMA,
  IVR_TABLE_NAMES,
  TABLES_SINCE_MOVE,
  migrateAsEarlierVersion,
  PENDING_BEFORE_IVR_SCHEMA,
  tablesIn,
  useEmptyDatabase,
} from './helpers/migrations.js';
import { withClient } from './helpers/test-database.js';

const ALL = migrations.map((migration) => migration.name);
const ivrOf = (url: string) => new DataSource(dataSourceOptions(url));

/** A host's own migration: its table in public, with a row, and a `settings` table of its own (the IVR has one too). */
class CreateOrders1700000000000 implements MigrationInterface {
  name = 'CreateOrders1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE orders (id serial PRIMARY KEY, total integer NOT NULL)`);
    await queryRunner.query(`INSERT INTO orders (total) VALUES (42), (7)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE orders`);
  }
}

class CreateHostSettings1700000000001 implements MigrationInterface {
  name = 'CreateHostSettings1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL)`);
    await queryRunner.query(`INSERT INTO settings VALUES ('theme', 'dark')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE settings`);
  }
}

/** Runs a host's own migrations the way a host's TypeORM DataSource does: history in public.migrations. */
async function migrateHost(url: string, list: (new () => MigrationInterface)[]): Promise<void> {
  const host = await new DataSource({ type: 'postgres', url, migrations: list }).initialize();
  try {
    await host.runMigrations({ transaction: 'each' });
  } finally {
    await host.destroy();
  }
}

/** Every row of every table in public, as JSON text: what the host owns. */
async function publicRows(url: string): Promise<Record<string, string[]>> {
  const tables = await tablesIn(url, 'public');
  return withClient(url, async (client) => {
    const entries: [string, string[]][] = [];
    for (const table of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM public.${table} t`);
      entries.push([table, rows.map((row) => row.row).sort()]);
    }
    return Object.fromEntries(entries);
  });
}

/** Reverts the IVR's migrations one by one until none is left; their names, last first. */
async function revertAll(url: string): Promise<string[]> {
  const reverted: string[] = [];
  for (let name = await revertLastIvrMigration(ivrOf(url)); name; name = await revertLastIvrMigration(ivrOf(url))) {
    reverted.push(name);
  }
  return reverted;
}

async function historyIn(url: string, table: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM ${table} ORDER BY id`);
    return rows.map((row) => row.name);
  });
}

async function functionsIn(url: string, schema: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT proname AS name FROM pg_proc WHERE pronamespace = to_regnamespace($1) ORDER BY proname`,
      [schema],
    );
    return rows.map((row) => row.name);
  });
}

describe('the schema ivr (e2e)', () => {
  const serverUrl = inject('testServerUrl');

  describe('on a new database', () => {
    const database = useEmptyDatabase(serverUrl, 'fresh');

    it('creates every table and trigger function in ivr, none in public, with the history in ivr.migrations', async () => {
      await expect(runIvrMigrations(ivrOf(database.url))).resolves.toEqual(ALL);

      expect(await tablesIn(database.url, 'public')).toEqual([]);
      expect(await functionsIn(database.url, 'public')).toEqual([]);
      expect(await tablesIn(database.url, 'ivr')).toEqual(
        [...IVR_TABLE_NAMES, ...TABLES_SINCE_MOVE, 'migrations'].sort(),
      );
      expect(await functionsIn(database.url, 'ivr')).toEqual(['audit_log_reject_change', 'notify_routing_changed']);
      expect(await historyIn(database.url, 'ivr.migrations')).toEqual(ALL);
    });

    it('maps every entity to a table in ivr', async () => {
      const dataSource = await ivrOf(database.url).initialize();
      try {
        const paths = dataSource.entityMetadatas.map((metadata) => metadata.tablePath);
        expect(paths.length).toBeGreaterThan(0);
        expect(paths.filter((path) => !path.startsWith('ivr.'))).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    });

    it('passes verify once up to date', async () => {
      await expect(ensureIvrSchema(ivrOf(database.url), 'verify')).resolves.toEqual([]);
    });
  });

  describe('in a host database', () => {
    const database = useEmptyDatabase(serverUrl, 'host');

    it("leaves the host's tables and migration history alone, running and reverting the IVR's migrations", async () => {
      await migrateHost(database.url, [CreateOrders1700000000000]);
      const host = await publicRows(database.url);
      expect(Object.keys(host)).toEqual(['migrations', 'orders']);

      await runIvrMigrations(ivrOf(database.url));
      expect(await publicRows(database.url)).toEqual(host);

      expect(await revertAll(database.url)).toEqual([...ALL].reverse());
      expect(await publicRows(database.url)).toEqual(host);
      expect(await tablesIn(database.url, 'ivr')).toEqual(['migrations']);
      expect(await historyIn(database.url, 'ivr.migrations')).toEqual([]);
    });
  });

  describe('in a host database with a table of the same name', () => {
    const database = useEmptyDatabase(serverUrl, 'clash');

    it("installs beside the host's public.settings, and reverts, without touching it", async () => {
      await migrateHost(database.url, [CreateHostSettings1700000000001]);
      const host = await publicRows(database.url);

      await runIvrMigrations(ivrOf(database.url));

      expect(await publicRows(database.url)).toEqual(host);
      expect(await historyIn(database.url, 'ivr.migrations')).toEqual(ALL);
      const [settings] = await withClient(database.url, async (client) => {
        return (await client.query<{ id: number }>('SELECT id FROM ivr.settings')).rows;
      });
      expect(settings).toEqual({ id: 1 });

      expect(await revertAll(database.url)).toEqual([...ALL].reverse());
      expect(await publicRows(database.url)).toEqual(host);
      expect(await tablesIn(database.url, 'ivr')).toEqual(['migrations']);
    });
  });

  describe("sharing typeorm_migrations with the host's own history", () => {
    const database = useEmptyDatabase(serverUrl, 'shared');

    it("adopts the IVR's rows only and deletes none", async () => {
      await migrateAsEarlierVersion(database.url, BEFORE_IVR_SCHEMA);
      await withClient(database.url, (client) =>
        client.query(
          `INSERT INTO public.typeorm_migrations ("timestamp", name) VALUES (1700000000000, 'HostOwn1700000000000')`,
        ),
      );
      const legacy = await historyIn(database.url, 'public.typeorm_migrations');

      await expect(runIvrMigrations(ivrOf(database.url))).resolves.toEqual(PENDING_BEFORE_IVR_SCHEMA);

      expect(await historyIn(database.url, 'ivr.migrations')).toEqual(ALL);
      expect(await historyIn(database.url, 'public.typeorm_migrations')).toEqual(legacy);
      expect(legacy).toContain('HostOwn1700000000000');
    });
  });

  describe('verify', () => {
    const database = useEmptyDatabase(serverUrl, 'verify');

    it('refuses a new database with one line naming the command, and changes nothing', async () => {
      const refused = ensureIvrSchema(ivrOf(database.url), 'verify');

      await expect(refused).rejects.toThrow(IvrSchemaBehindError);
      await expect(refused).rejects.toThrow(
        `The IVR's database schema is behind (${migrations.length} migrations pending: CreateRouting1795800000000, CreateCallSessions1795800100000, CreateAuditLog1795800200000 and ${migrations.length - 3} more): run \`npx ivr-migrate up\``,
      );
      expect(await tablesIn(database.url, 'ivr')).toEqual([]);
      expect(await tablesIn(database.url, 'public')).toEqual([]);
    });

    it('counts an earlier version as behind by the move and what came after, its history still in public', async () => {
      await migrateAsEarlierVersion(database.url, BEFORE_IVR_SCHEMA);

      await expect(ensureIvrSchema(ivrOf(database.url), 'verify')).rejects.toThrow(
        `The IVR's database schema is behind (${PENDING_BEFORE_IVR_SCHEMA.length} migrations pending: ` +
          'MoveTablesToIvrSchema1795801000000, ',
      );
      await expect(ivrMigrationStatus(ivrOf(database.url))).resolves.toEqual({
        applied: BEFORE_IVR_SCHEMA.map((migration) => migration.name),
        pending: PENDING_BEFORE_IVR_SCHEMA,
      });
      expect(await tablesIn(database.url, 'ivr')).toEqual([]);
    });
  });

  describe('two instances starting at once', () => {
    const fresh = useEmptyDatabase(serverUrl, 'race');
    const earlier = useEmptyDatabase(serverUrl, 'race_upgrade');

    it('apply each migration once on a new database', async () => {
      const [first, second] = await Promise.all([
        runIvrMigrations(ivrOf(fresh.url)),
        runIvrMigrations(ivrOf(fresh.url)),
      ]);

      expect([...first, ...second].sort()).toEqual([...ALL].sort());
      expect(await historyIn(fresh.url, 'ivr.migrations')).toEqual(ALL);
    });

    it('adopt the history and move the tables once on an earlier version', async () => {
      await migrateAsEarlierVersion(earlier.url, BEFORE_IVR_SCHEMA);

      const [first, second] = await Promise.all([
        runIvrMigrations(ivrOf(earlier.url)),
        runIvrMigrations(ivrOf(earlier.url)),
      ]);

      expect([...first, ...second]).toEqual(PENDING_BEFORE_IVR_SCHEMA);
      expect(await historyIn(earlier.url, 'ivr.migrations')).toEqual(ALL);
    });
  });
});
