import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { StatusSequence1795800900000 } from '../migrations/1795800900000-status-sequence.js';
import { VoicemailTranscription1795801100000 } from '../migrations/1795801100000-voicemail-transcription.js';
import { MenusAndLanguages1795801400000 } from '../migrations/1795801400000-menus-and-languages.js';
import { ReportAggregates1795801500000 } from '../migrations/1795801500000-report-aggregates.js';
import { ReportAggregatesService } from '../src/reporting/aggregates/report-aggregates.service.js';
import { migrations } from '../migrations/index.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import {
  ivrMigrationDataSourceOptions,
  ivrMigrationStatus,
  revertLastIvrMigration,
  runIvrMigrations,
} from '../src/database/migrate.js';
import {
  BEFORE_IVR_SCHEMA,
  IVR_TABLE_NAMES,
  migrateAsEarlierVersion,
  PENDING_BEFORE_IVR_SCHEMA,
  tablesIn,
  useEmptyDatabase,
} from './helpers/migrations.js';
import { withClient } from './helpers/test-database.js';
import { answer, startCall } from './helpers/calls.js';
import { createTestApp } from './helpers/test-app.js';
import twimlBeforeMenus from './fixtures/twiml-before-menus.json' with { type: 'json' };

type Sql = (text: string) => Promise<unknown>;

/** A database as an earlier version left it (its tables in `schema`), with a row in every table. */
async function seedEveryTable(url: string, schema = 'public'): Promise<void> {
  await withClient(url, async (client) => {
    const sql: Sql = (text) => client.query(text.replaceAll('public.', `${schema}.`));
    await sql(
      `INSERT INTO public.departments (id, name, digit, keywords, phone_number, position)
       VALUES ('00000000-0000-4000-8000-000000000001', 'Sales', '1', '{sales}', '+15555550101', 1)`,
    );
    await sql(`UPDATE public.settings SET greeting = 'Hello from before.', operator_number = '+15555550100'`);
    await sql(
      `INSERT INTO public.call_sessions (call_sid, from_number, started_at, ended_at, call_status, outcome, version) VALUES
         ('CA-ended-early', '+15551230123', '2026-12-01T09:30:10.436Z', '2026-12-01T09:30:10.000Z', 'completed', 'abandoned', 3),
         ('CA-ended-later', '+15551230124', '2026-12-01T09:30:10.436Z', '2026-12-01T09:31:00.000Z', 'completed', 'connected', 4),
         ('CA-in-progress', '+15551230125', '2026-12-01T09:32:00.000Z', NULL, 'in-progress', NULL, 1)`,
    );
    await sql(
      `INSERT INTO public.call_attempts (call_sid, round, input_kind, digits, decision, response_twiml)
       VALUES ('CA-ended-later', 1, 'dtmf', '1', 'route', '<Response/>'), ('CA-ended-later', 2, 'dtmf', '1', 'route', '<Response/>')`,
    );
    await sql(
      `INSERT INTO public.webhook_receipts (call_sid, endpoint, idempotency_token, response_twiml)
       VALUES ('CA-ended-later', 'dial-status', 'token-1', '<Response/>')`,
    );
    await sql(
      `INSERT INTO public.audit_log (occurred_at, actor, role, action, entity_type, entity_id, prev_hash, hash)
       VALUES (now(), 'alice', 'admin', 'create', 'department', 'x', repeat('0', 64), repeat('a', 64)),
              (now(), 'alice', 'admin', 'update', 'department', 'x', repeat('a', 64), repeat('b', 64))`,
    );
    await sql(
      `INSERT INTO public.department_schedules (department_id, time_zone, weekly)
       VALUES ('00000000-0000-4000-8000-000000000001', 'America/New_York', '{}')`,
    );
    await sql(`INSERT INTO public.company_holidays (date, name) VALUES ('2026-12-25', 'Christmas')`);
  });
}

/** Runs `landed` as a version since the schema ivr did: its tables and history in ivr. */
async function migrateIvrAsLandedVersion(url: string, landed: typeof migrations): Promise<void> {
  await withClient(url, (client) => client.query('CREATE SCHEMA ivr'));
  const old = await new DataSource({
    ...ivrMigrationDataSourceOptions(dataSourceOptions(url)),
    migrations: landed,
  }).initialize();
  await old.runMigrations({ transaction: 'each' }).finally(() => old.destroy());
}

/** The columns migrations after the move added to existing tables, with the value each existing row gets. */
const ADDED_AFTER_MOVE: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  departments: { in_root_menu: true, translations: {} },
  settings: { transcribe_voicemail: false, languages: [], language_by_country: {}, translations: {} },
  call_attempts: { menu_id: null, option_id: null },
  call_sessions: {
    transcription_sid: null,
    transcription_status: null,
    transcription_text: null,
    event_count: 0,
    caller_name: null,
    tags: null,
    caller_lookup: null,
    language: null,
    menu_path: [],
    closed_attempts: 0,
  },
};

/** The columns 1795801400000-menus-and-languages added, with the value each existing row gets. */
const ADDED_BY_MENUS: typeof ADDED_AFTER_MOVE = {
  departments: { in_root_menu: true, translations: {} },
  settings: { languages: [], language_by_country: {}, translations: {} },
  call_attempts: { menu_id: null, option_id: null },
  call_sessions: { language: null, menu_path: [], closed_attempts: 0 },
};

/**
 * Every row of every IVR table in `schema`, as JSON text, sorted: equal rows, equal ids. `without` leaves out
 * the columns added after the move, to compare rows with those an earlier version wrote.
 */
async function rowsIn(
  url: string,
  schema: string,
  without?: typeof ADDED_AFTER_MOVE,
): Promise<Record<string, string[]>> {
  return withClient(url, async (client) => {
    const entries: [string, string[]][] = [];
    for (const table of IVR_TABLE_NAMES) {
      const { rows } = await client.query<{ row: string }>(
        `SELECT (to_jsonb(t) - $1::text[])::text AS row FROM ${schema}.${table} t`,
        [Object.keys(without?.[table] ?? {})],
      );
      entries.push([table, rows.map((row) => row.row).sort()]);
    }
    return Object.fromEntries(entries);
  });
}

/** The distinct values the rows of each table have in the columns added after the move. */
async function addedValues(url: string): Promise<Record<string, unknown[]>> {
  return withClient(url, async (client) => {
    const entries: [string, unknown[]][] = [];
    for (const [table, columns] of Object.entries(ADDED_AFTER_MOVE)) {
      const { rows } = await client.query(`SELECT DISTINCT ${Object.keys(columns).join(', ')} FROM ivr.${table}`);
      entries.push([table, rows]);
    }
    return Object.fromEntries(entries);
  });
}

/** What addedValues answers for rows that were there before the columns. */
const ADDED_DEFAULTS = Object.fromEntries(Object.entries(ADDED_AFTER_MOVE).map(([table, row]) => [table, [row]]));

const countsOf = (rows: Record<string, string[]>): Record<string, number> =>
  Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));

describe('upgrading a database of the last landed version (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'upgrade');

  it('moves every table into ivr with every row and id kept, and adopts the history', async () => {
    await migrateAsEarlierVersion(database.url, BEFORE_IVR_SCHEMA);
    await seedEveryTable(database.url);
    const before = await rowsIn(database.url, 'public');
    expect(Object.values(countsOf(before)).every((n) => n > 0)).toBe(true);

    const applied = await runIvrMigrations({ options: dataSourceOptions(database.url) });

    expect(applied).toEqual(PENDING_BEFORE_IVR_SCHEMA);
    const after = await rowsIn(database.url, 'ivr', ADDED_AFTER_MOVE);
    expect(countsOf(after)).toEqual(countsOf(before));
    expect(after).toEqual(before);
    expect(await addedValues(database.url)).toEqual(ADDED_DEFAULTS);
    expect(await tablesIn(database.url, 'public')).toEqual(['typeorm_migrations']);
    await withClient(database.url, async (client) => {
      // The identity sequences moved with their tables and carry on where they were.
      const attempt = await client.query<{ id: string }>(
        `INSERT INTO ivr.call_attempts (call_sid, round, input_kind, decision, response_twiml)
         VALUES ('CA-ended-later', 3, 'none', 'reprompt_no_input', '<Response/>') RETURNING id`,
      );
      expect(attempt.rows[0].id).toBe('3');
      // The IVR's history is in ivr.migrations, timestamps kept; the legacy table is left as it was.
      const history = await client.query<{ name: string; timestamp: string }>(
        `SELECT name, "timestamp" FROM ivr.migrations ORDER BY id`,
      );
      expect(history.rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
      expect(history.rows[0].timestamp).toBe('1795800000000');
      const legacy = await client.query<{ name: string }>(`SELECT name FROM public.typeorm_migrations ORDER BY id`);
      expect(legacy.rows.map((row) => row.name)).toEqual(BEFORE_IVR_SCHEMA.map((migration) => migration.name));
      // The audit log is still append-only, and a routing change still notifies.
      await expect(client.query(`DELETE FROM ivr.audit_log`)).rejects.toThrow(/append-only/);
      await client.query('LISTEN routing_changed');
      const notified = new Promise<string | undefined>((resolve) =>
        client.once('notification', (message) => resolve(message.payload)),
      );
      await client.query(`UPDATE ivr.departments SET position = 2`);
      expect(await notified).toBe('departments');
    });
  });

  it('runs nothing again on the next start', async () => {
    await expect(runIvrMigrations({ options: dataSourceOptions(database.url) })).resolves.toEqual([]);
  });
});

describe('upgrading a database of the version that moved the tables into ivr (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'upgrade');
  const landed = migrations.slice(0, BEFORE_IVR_SCHEMA.length + 1);

  it("keeps every row of every table, numbers no old call's events, and applies only what came after", async () => {
    await migrateIvrAsLandedVersion(database.url, landed);
    await seedEveryTable(database.url, 'ivr');
    const before = await rowsIn(database.url, 'ivr');
    expect(Object.values(countsOf(before)).every((n) => n > 0)).toBe(true);

    const applied = await runIvrMigrations({ options: dataSourceOptions(database.url) });

    expect(applied).toEqual(migrations.slice(landed.length).map((migration) => migration.name));
    expect(await rowsIn(database.url, 'ivr', ADDED_AFTER_MOVE)).toEqual(before);
    expect(await addedValues(database.url)).toEqual(ADDED_DEFAULTS);
    await withClient(database.url, async (client) => {
      const outbox = await client.query('SELECT 1 FROM ivr.outbox');
      expect(outbox.rowCount).toBe(0);
    });
  });
});

describe('upgrading a database from before the status sequence (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'upgrade');
  const landed = migrations.slice(0, migrations.indexOf(StatusSequence1795800900000));

  it('keeps every row of every table, and moves an end that came before its start to the start', async () => {
    await migrateAsEarlierVersion(database.url, landed);
    await seedEveryTable(database.url);
    const before = countsOf(await rowsIn(database.url, 'public'));

    await runIvrMigrations({ options: dataSourceOptions(database.url) });

    expect(countsOf(await rowsIn(database.url, 'ivr'))).toEqual(before);
    const current = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      const sessions = await current.query<{ callSid: string; endedAt: Date | null; statusSequence: number | null }[]>(
        `SELECT call_sid AS "callSid", ended_at AS "endedAt", status_sequence AS "statusSequence"
           FROM ivr.call_sessions ORDER BY call_sid`,
      );
      expect(sessions).toEqual([
        { callSid: 'CA-ended-early', endedAt: new Date('2026-12-01T09:30:10.436Z'), statusSequence: null },
        { callSid: 'CA-ended-later', endedAt: new Date('2026-12-01T09:31:00.000Z'), statusSequence: null },
        { callSid: 'CA-in-progress', endedAt: null, statusSequence: null },
      ]);
      const [settings] = await current.query<{ greeting: string; prompts: object }[]>(
        'SELECT greeting, prompts FROM ivr.settings',
      );
      expect(settings).toEqual({ greeting: 'Hello from before.', prompts: {} });
      const audit = await current.query<{ actor: string; actorId: string | null }[]>(
        'SELECT actor, actor_id AS "actorId" FROM ivr.audit_log',
      );
      // Entries written before actor ids existed have none.
      expect(audit).toEqual([
        { actor: 'alice', actorId: null },
        { actor: 'alice', actorId: null },
      ]);
    } finally {
      await current.destroy();
    }
  });
});

describe('migration 1795801100000-voicemail-transcription on tables with rows (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'upgrade');
  const ivr = () => ({ options: dataSourceOptions(database.url) });

  async function revertTranscription(): Promise<void> {
    const applied = async () =>
      (await ivrMigrationStatus(ivr())).applied.includes(VoicemailTranscription1795801100000.name);
    while (await applied()) await revertLastIvrMigration(ivr());
  }

  it('adds the setting off and the transcription columns empty, keeps every row, and reverts', async () => {
    await migrateAsEarlierVersion(database.url, BEFORE_IVR_SCHEMA);
    await seedEveryTable(database.url);
    await runIvrMigrations(ivr());
    // Back to the version before it, every table in ivr with its rows: the database this migration upgrades.
    await revertTranscription();
    const before = await rowsIn(database.url, 'ivr');
    expect(Object.values(countsOf(before)).every((n) => n > 0)).toBe(true);

    await runIvrMigrations(ivr());

    expect(await rowsIn(database.url, 'ivr', ADDED_AFTER_MOVE)).toEqual(before);
    expect(await addedValues(database.url)).toEqual(ADDED_DEFAULTS);
    await withClient(database.url, async (client) => {
      await expect(client.query(`UPDATE ivr.call_sessions SET transcription_status = 'queued'`)).rejects.toThrow(
        /call_sessions_transcription_status_check/,
      );
      await client.query(
        `UPDATE ivr.call_sessions SET transcription_sid = 'TR1', transcription_status = 'completed',
           transcription_text = 'Please call me back.' WHERE call_sid = 'CA-ended-later'`,
      );
      await client.query(`UPDATE ivr.settings SET transcribe_voicemail = true`);
    });

    await revertTranscription();

    // The transcriptions and the setting go; every other value stays as it was.
    expect(await rowsIn(database.url, 'ivr')).toEqual(before);
  });
});

/** The tables the event outbox migration created, one row each (the fan-out cursor has its own from the start). */
async function seedEventTables(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO ivr.outbox (id, type, call_sid, sequence, occurred_at, data)
       VALUES ('00000000-0000-7000-8000-000000000001', 'call.started', 'CA-ended-later', 1, now(), '{}')`,
    );
    await client.query(
      `INSERT INTO ivr.webhook_endpoints (id, url, event_types, secret)
       VALUES ('00000000-0000-4000-8000-0000000000e1', 'https://hooks.example.test/ivr', '{call.started}', 'whsec_x')`,
    );
    await client.query(
      `INSERT INTO ivr.event_deliveries (event_id, subscriber, endpoint_id, order_key, event_position)
       SELECT id, 'endpoint:00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000e1', call_sid, position
         FROM ivr.outbox`,
    );
    await client.query(
      `INSERT INTO ivr.event_delivery_attempts (delivery_id, attempted_at, status_code, latency_ms)
       SELECT id, now(), 503, 12 FROM ivr.event_deliveries`,
    );
  });
}

const EVENT_TABLES = ['outbox', 'outbox_fan_out', 'webhook_endpoints', 'event_deliveries', 'event_delivery_attempts'];

async function eventRows(url: string): Promise<Record<string, string[]>> {
  return withClient(url, async (client) => {
    const entries: [string, string[]][] = [];
    for (const table of EVENT_TABLES) {
      const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ivr.${table} t`);
      entries.push([table, rows.map((row) => row.row).sort()]);
    }
    return Object.fromEntries(entries);
  });
}

describe('migration 1795801400000-menus-and-languages on a database filled by the version before it (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'upgrade');
  const landed = migrations.slice(0, migrations.indexOf(MenusAndLanguages1795801400000));
  // Three departments (one closed by its empty schedule, one speech-only on a SIP address), a changed prompt.
  const MENU = `
    INSERT INTO ivr.departments (id, name, digit, keywords, phone_number, position) VALUES
      ('00000000-0000-4000-8000-000000000002', 'Support', '2', '{support,help}', '+15555550102', 2),
      ('00000000-0000-4000-8000-000000000003', 'Billing', NULL, '{billing,invoice}', 'sip:billing@example.com', 3);
    UPDATE ivr.settings SET prompts = '{"noMatch": "That is not on the menu."}';`;

  it("keeps every row of every table, makes today's menu the root menu, and callers hear exactly what they heard", async () => {
    await migrateIvrAsLandedVersion(database.url, landed);
    await seedEveryTable(database.url, 'ivr');
    await seedEventTables(database.url);
    await withClient(database.url, (client) => client.query(MENU));
    const before = await rowsIn(database.url, 'ivr');
    const eventsBefore = await eventRows(database.url);
    expect(Object.values(countsOf({ ...before, ...eventsBefore })).every((n) => n > 0)).toBe(true);

    const applied = await runIvrMigrations({ options: dataSourceOptions(database.url) });

    expect(applied).toEqual(migrations.slice(landed.length).map((migration) => migration.name));
    expect(await rowsIn(database.url, 'ivr', ADDED_BY_MENUS)).toEqual(before);
    expect(await eventRows(database.url)).toEqual(eventsBefore);
    expect(await addedValues(database.url)).toEqual(ADDED_DEFAULTS);
    await withClient(database.url, async (client) => {
      const menus = await client.query(
        'SELECT name, prompt, is_root AS "isRoot", back_key AS "backKey", repeat_key AS "repeatKey", operator_key AS "operatorKey" FROM ivr.menus',
      );
      expect(menus.rows).toEqual([
        { name: 'Main menu', prompt: null, isRoot: true, backKey: false, repeatKey: false, operatorKey: false },
      ]);
      expect((await client.query('SELECT 1 FROM ivr.menu_options')).rowCount).toBe(0);
    });

    // The same calls the landed version answered (test/fixtures/twiml-before-menus.json, recorded on it) hear the same.
    const app = await createTestApp({ databaseUrl: database.url });
    try {
      const first = await startCall(app);
      expect(first.twiml).toBe(twimlBeforeMenus.incoming);
      expect((await answer(app, first.callSid, 1, { Digits: '2' })).text).toBe(twimlBeforeMenus.support);
      const second = await startCall(app);
      expect((await answer(app, second.callSid, 1, { Digits: '9' })).text).toBe(twimlBeforeMenus.wrong);
      const spoken = await answer(app, second.callSid, 2, { SpeechResult: 'billing please', Confidence: '0.9' });
      expect(spoken.text).toBe(twimlBeforeMenus.spoken);
      const third = await startCall(app);
      expect((await answer(app, third.callSid, 1, { Digits: '1' })).text).toBe(twimlBeforeMenus.closed);
    } finally {
      await app.close();
    }
  });

  it('reverts to the version before, every row kept', async () => {
    const before = await rowsIn(database.url, 'ivr', ADDED_BY_MENUS);
    const ivr = { options: dataSourceOptions(database.url) };
    // The calls just placed chose by digit and by voice: decisions the version before knows.
    while ((await ivrMigrationStatus(ivr)).applied.includes(MenusAndLanguages1795801400000.name))
      await revertLastIvrMigration(ivr);
    expect(await rowsIn(database.url, 'ivr')).toEqual(before);
    await expect(runIvrMigrations(ivr)).resolves.toEqual(
      migrations.slice(migrations.indexOf(MenusAndLanguages1795801400000)).map((migration) => migration.name),
    );
  });
});

/** Every row of the aggregate tables, as JSON text, sorted. */
async function aggregateRows(url: string): Promise<Record<string, string[]>> {
  return withClient(url, async (client) => {
    const entries: [string, string[]][] = [];
    for (const table of AGGREGATE_TABLES) {
      const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ivr.${table} t`);
      entries.push([table, rows.map((row) => row.row).sort()]);
    }
    return Object.fromEntries(entries);
  });
}

const AGGREGATE_TABLES = [
  'report_day_calls',
  'report_day_durations',
  'report_day_attempts',
  'report_day_closed',
  'report_quarter_hour_calls',
] as const;

describe('migration 1795801500000-report-aggregates on a database filled by the version before it (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'upgrade');
  const landed = migrations.slice(0, migrations.indexOf(ReportAggregates1795801500000));

  it('keeps every row, starts with nothing rolled up, and the first rollup counts the calls already stored', async () => {
    await migrateIvrAsLandedVersion(database.url, landed);
    await seedEveryTable(database.url, 'ivr');
    await seedEventTables(database.url);
    const before = await rowsIn(database.url, 'ivr');
    const eventsBefore = await eventRows(database.url);

    const applied = await runIvrMigrations({ options: dataSourceOptions(database.url) });

    expect(applied).toEqual([ReportAggregates1795801500000.name]);
    expect(await rowsIn(database.url, 'ivr')).toEqual(before);
    expect(await eventRows(database.url)).toEqual(eventsBefore);
    expect(Object.values(await aggregateRows(database.url)).flat()).toEqual([]);
    const dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await expect(dataSource.query('SELECT final_through FROM ivr.report_aggregate_state')).resolves.toEqual([
        { final_through: null },
      ]);
      // The seeded calls of 2026-12-01 are final by 2026-12-10: the first rollup counts them.
      const rolled = await new ReportAggregatesService(dataSource).rollUp(new Date('2026-12-10T00:00:00Z'));
      expect(rolled).toEqual({ finalThrough: new Date('2026-12-06T23:00:00Z'), rolledUp: true });
      const calls = await dataSource.query<{ outcome: string; calls: number; durationCalls: number }[]>(
        `SELECT outcome, calls, duration_calls AS "durationCalls" FROM ivr.report_day_calls ORDER BY outcome`,
      );
      expect(calls).toEqual([
        { outcome: '', calls: 1, durationCalls: 0 },
        { outcome: 'abandoned', calls: 1, durationCalls: 0 },
        { outcome: 'connected', calls: 1, durationCalls: 0 },
      ]);
      await expect(dataSource.query('SELECT routed_answers AS "routed" FROM ivr.report_day_attempts')).resolves.toEqual(
        [{ routed: 2 }],
      );
    } finally {
      await dataSource.destroy();
    }
  });

  it('reverts to the version before, every other row kept', async () => {
    const before = await rowsIn(database.url, 'ivr');
    const ivr = { options: dataSourceOptions(database.url) };

    await revertLastIvrMigration(ivr);

    expect(await rowsIn(database.url, 'ivr')).toEqual(before);
    await expect(runIvrMigrations(ivr)).resolves.toEqual([ReportAggregates1795801500000.name]);
  });
});
