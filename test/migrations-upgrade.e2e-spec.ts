import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { StatusSequence1795800900000 } from '../migrations/1795800900000-status-sequence.js';
import { migrations } from '../migrations/index.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase, withClient, withDatabase } from './helpers/test-database.js';

const TABLES = [
  'departments',
  'settings',
  'call_sessions',
  'call_attempts',
  'webhook_receipts',
  'audit_log',
  'department_schedules',
  'company_holidays',
];

/** A database as the last landed version left it, with a row in every table. */
async function seedEveryTable(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO departments (id, name, digit, keywords, phone_number, position)
     VALUES ('00000000-0000-4000-8000-000000000001', 'Sales', '1', '{sales}', '+15555550101', 1)`,
  );
  await dataSource.query(`UPDATE settings SET greeting = 'Hello from before.', operator_number = '+15555550100'`);
  await dataSource.query(
    `INSERT INTO call_sessions (call_sid, from_number, started_at, ended_at, call_status, outcome, version) VALUES
       ('CA-ended-early', '+15551230123', '2026-12-01T09:30:10.436Z', '2026-12-01T09:30:10.000Z', 'completed', 'abandoned', 3),
       ('CA-ended-later', '+15551230124', '2026-12-01T09:30:10.436Z', '2026-12-01T09:31:00.000Z', 'completed', 'connected', 4),
       ('CA-in-progress', '+15551230125', '2026-12-01T09:32:00.000Z', NULL, 'in-progress', NULL, 1)`,
  );
  await dataSource.query(
    `INSERT INTO call_attempts (call_sid, round, input_kind, digits, decision, response_twiml)
     VALUES ('CA-ended-later', 1, 'dtmf', '1', 'route', '<Response/>')`,
  );
  await dataSource.query(
    `INSERT INTO webhook_receipts (call_sid, endpoint, idempotency_token, response_twiml)
     VALUES ('CA-ended-later', 'dial-status', 'token-1', '<Response/>')`,
  );
  await dataSource.query(
    `INSERT INTO audit_log (occurred_at, actor, role, action, entity_type, entity_id, prev_hash, hash)
     VALUES (now(), 'alice', 'admin', 'create', 'department', 'x', repeat('0', 64), repeat('a', 64))`,
  );
  await dataSource.query(
    `INSERT INTO department_schedules (department_id, time_zone, weekly)
     VALUES ('00000000-0000-4000-8000-000000000001', 'America/New_York', '{}')`,
  );
  await dataSource.query(`INSERT INTO company_holidays (date, name) VALUES ('2026-12-25', 'Christmas')`);
}

async function counts(dataSource: DataSource): Promise<Record<string, number>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const [{ n }] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
      return [table, n] as const;
    }),
  );
  return Object.fromEntries(entries);
}

describe('upgrading a database of the last landed version (e2e)', () => {
  const serverUrl = inject('testServerUrl');
  const url = withDatabase(serverUrl, `ivr_test_upgrade_${randomBytes(5).toString('hex')}`);
  const landed = migrations.slice(0, migrations.indexOf(StatusSequence1795800900000));

  beforeAll(async () => {
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${new URL(url).pathname.slice(1)}`));
  });

  afterAll(async () => {
    await dropDatabase(serverUrl, url);
  });

  it('keeps every row of every table, and moves an end that came before its start to the start', async () => {
    const old = await new DataSource({ ...dataSourceOptions(url), migrations: landed }).initialize();
    await old.runMigrations({ transaction: 'each' });
    await seedEveryTable(old);
    const before = await counts(old);
    await old.destroy();

    const current = await new DataSource({ ...dataSourceOptions(url), migrations }).initialize();
    try {
      await current.runMigrations({ transaction: 'each' });
      expect(await counts(current)).toEqual(before);
      expect(Object.values(before).every((n) => n > 0)).toBe(true);
      const sessions = await current.query<{ callSid: string; endedAt: Date | null; statusSequence: number | null }[]>(
        `SELECT call_sid AS "callSid", ended_at AS "endedAt", status_sequence AS "statusSequence"
           FROM call_sessions ORDER BY call_sid`,
      );
      expect(sessions).toEqual([
        { callSid: 'CA-ended-early', endedAt: new Date('2026-12-01T09:30:10.436Z'), statusSequence: null },
        { callSid: 'CA-ended-later', endedAt: new Date('2026-12-01T09:31:00.000Z'), statusSequence: null },
        { callSid: 'CA-in-progress', endedAt: null, statusSequence: null },
      ]);
      const [settings] = await current.query<{ greeting: string; prompts: object }[]>(
        'SELECT greeting, prompts FROM settings',
      );
      expect(settings).toEqual({ greeting: 'Hello from before.', prompts: {} });
      const audit = await current.query<{ actor: string; actorId: string | null }[]>(
        'SELECT actor, actor_id AS "actorId" FROM audit_log',
      );
      expect(audit).toEqual([{ actor: 'alice', actorId: null }]);
    } finally {
      await current.destroy();
    }
  });
});
