import type { NestExpressApplication } from '@nestjs/platform-express';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import type { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { ensureIvrSchema } from '../src/database/migrate.js';
import { RoutingService } from '../src/routing/routing.service.js';
import { WebhookSpool } from '../src/voice/webhook-spool.js';
import { startEmbeddedPostgres } from './helpers/embedded-postgres.js';
import { insertStandardMenu, OPERATOR_NUMBER } from './helpers/factories.js';
import { callParams, createTestApp, newCallSid, signedPost, type WebhookParams } from './helpers/test-app.js';
import { findOrFail, verbs } from './helpers/twiml.js';

const FALLBACK_OPERATOR = '+15555550999';

/** Its own PostgreSQL, so the test can stop and restart it without disturbing the other test files. */
describe('database outage (e2e)', () => {
  const dataDir = join('/tmp', `ivr-outage-pg-${process.pid}-${Date.now()}`);
  let postgres: EmbeddedPostgres;
  let app: NestExpressApplication;
  let inspect: DataSource;
  let url: string;
  let submenuId: string;

  beforeAll(async () => {
    // Persistent: the test stops it and starts it again on the same data. Its errors while down are expected.
    const started = await startEmbeddedPostgres({
      dataDir,
      password: 'outage',
      persistent: true,
      onError: () => undefined,
    });
    postgres = started.server;
    await postgres.createDatabase('outage_test');
    url = started.urlOf('outage_test');
    inspect = await new DataSource(dataSourceOptions(url)).initialize();
    await ensureIvrSchema(inspect, 'run');
    await insertStandardMenu(inspect);
    // A submenu on 7 of the root menu, with Sales on its 1.
    const [submenu] = await inspect.query<{ id: string }[]>(
      `INSERT INTO ivr.menus (name) VALUES ('Sales team') RETURNING id`,
    );
    submenuId = submenu.id;
    await inspect.query(
      `INSERT INTO ivr.menu_options (menu_id, digit, action, department_id)
         SELECT $1, '1', 'department', id FROM ivr.departments WHERE name = 'Sales'`,
      [submenuId],
    );
    await inspect.query(
      `INSERT INTO ivr.menu_options (menu_id, digit, action, target_menu_id)
         SELECT id, '7', 'menu', $1 FROM ivr.menus WHERE is_root`,
      [submenuId],
    );
    app = await createTestApp({ databaseUrl: url, config: { fallbackOperatorNumber: FALLBACK_OPERATOR } });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await inspect?.destroy().catch(() => undefined);
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function timed(path: string, params: WebhookParams): Promise<{ text: string; ms: number }> {
    const started = Date.now();
    const response = await signedPost(app, path, params).expect(200);
    return { text: response.text, ms: Date.now() - started };
  }

  async function untilSpoolEmpty(): Promise<void> {
    const spool = app.get(WebhookSpool);
    const deadline = Date.now() + 30_000;
    while (spool.size > 0) {
      if (Date.now() > deadline) throw new Error(`spool still holds ${spool.size} webhooks`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('keeps answering from the cached menu while PostgreSQL is down, then writes every event once it is back', async () => {
    const before = newCallSid();
    await timed('/voice/incoming', callParams(before));
    await inspect.destroy();
    await postgres.stop();

    const timings: number[] = [];
    const routed = newCallSid();
    const retried = newCallSid();
    const reprompted = newCallSid();
    const fallback = newCallSid();
    const inSubmenu = newCallSid();
    try {
      let step = await timed('/voice/incoming', callParams(routed));
      timings.push(step.ms);
      expect(verbs(step.text)).toEqual(['Gather', 'Redirect']);
      step = await timed('/voice/gather?round=1', callParams(routed, { Digits: '2' }));
      timings.push(step.ms);
      expect(findOrFail(step.text, 'Number').text).toBe('+15555550102');
      step = await timed(
        '/voice/dial-status',
        callParams(routed, { DialCallStatus: 'completed', DialCallDuration: '30' }),
      );
      expect(verbs(step.text)).toEqual(['Say', 'Hangup']);
      await timed('/voice/status', callParams(routed, { CallStatus: 'completed', CallDuration: '45' }));

      // A retry of the same delivery during the outage is spooled twice but written once.
      await timed('/voice/incoming', callParams(retried));
      const token = 'retried-token';
      await signedPost(app, '/voice/gather?round=1', callParams(retried, { Digits: '9' }), {
        idempotencyToken: token,
      }).expect(200);
      await signedPost(app, '/voice/gather?round=1', callParams(retried, { Digits: '9' }), {
        idempotencyToken: token,
      }).expect(200);

      // Silence, then a choice: the round in the URL keeps the count.
      await timed('/voice/incoming', callParams(reprompted));
      step = await timed('/voice/gather?round=1', callParams(reprompted));
      expect(findOrFail(step.text, 'Gather').attributes.action).toBe('/voice/gather?round=2');
      step = await timed('/voice/gather?round=2', callParams(reprompted, { SpeechResult: 'billing please' }));
      expect(findOrFail(step.text, 'Sip').text).toBe('sip:billing@pbx.example.com');

      // A caller in a submenu stays in it: its Gather's URL says where, and the cached menu answers from there.
      await timed('/voice/incoming', callParams(inSubmenu));
      step = await timed('/voice/gather?round=1', callParams(inSubmenu, { Digits: '7' }));
      const action = findOrFail(step.text, 'Gather').attributes.action;
      expect(action).toBe(`/voice/gather?round=2&menu=${submenuId}`);
      step = await timed(action, callParams(inSubmenu, { Digits: '1' }));
      expect(findOrFail(step.text, 'Number').text).toBe('+15555550101');

      // Twilio's fallback URL: the operator, and the error recorded later.
      step = await timed(
        '/voice/fallback',
        callParams(fallback, { ErrorCode: '11200', ErrorUrl: 'https://ivr.example.test/voice/incoming' }),
      );
      expect(findOrFail(step.text, 'Number').text).toBe(OPERATOR_NUMBER);
      // Everything since the outage began waits in the spool (in memory and on disk).
      expect(app.get(WebhookSpool).size).toBe(14);
    } finally {
      await postgres.start();
    }
    expect(Math.max(...timings)).toBeLessThan(2000);

    await untilSpoolEmpty();
    inspect = await new DataSource(dataSourceOptions(url)).initialize();
    const session = async (callSid: string): Promise<Record<string, unknown> | undefined> =>
      (
        await inspect.query<Record<string, unknown>[]>(
          'SELECT outcome, call_status, duration_seconds, failed_attempts, error_code FROM ivr.call_sessions WHERE call_sid = $1',
          [callSid],
        )
      )[0];
    const attempts = (callSid: string): Promise<Record<string, unknown>[]> =>
      inspect.query(
        'SELECT round, input_kind, digits, decision FROM ivr.call_attempts WHERE call_sid = $1 ORDER BY round',
        [callSid],
      );

    expect(await session(routed)).toMatchObject({
      outcome: 'connected',
      call_status: 'completed',
      duration_seconds: 45,
    });
    expect(await attempts(routed)).toEqual([{ round: 1, input_kind: 'dtmf', digits: '2', decision: 'route' }]);
    expect(await attempts(retried)).toEqual([
      { round: 1, input_kind: 'dtmf', digits: '9', decision: 'reprompt_no_match' },
    ]);
    expect(await attempts(reprompted)).toEqual([
      { round: 1, input_kind: 'none', digits: null, decision: 'reprompt_no_input' },
      { round: 2, input_kind: 'speech', digits: null, decision: 'route' },
    ]);
    expect(await session(fallback)).toMatchObject({ outcome: 'failed', error_code: '11200' });
    expect(await attempts(inSubmenu)).toEqual([
      { round: 1, input_kind: 'dtmf', digits: '7', decision: 'submenu' },
      { round: 2, input_kind: 'dtmf', digits: '1', decision: 'route' },
    ]);
  }, 90_000);

  it('sends callers to OPERATOR_NUMBER when the database is down and no menu was ever read', async () => {
    const spy = vi.spyOn(app.get(RoutingService), 'lastKnownRules').mockReturnValue(null);
    await inspect.destroy();
    await postgres.stop();
    try {
      const started = Date.now();
      const response = await signedPost(app, '/voice/incoming', callParams(newCallSid())).expect(200);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(findOrFail(response.text, 'Say').text).toMatch(/technical difficulties/);
      expect(findOrFail(response.text, 'Number').text).toBe(FALLBACK_OPERATOR);
    } finally {
      spy.mockRestore();
      await postgres.start();
    }
    await untilSpoolEmpty();
    inspect = await new DataSource(dataSourceOptions(url)).initialize();
  }, 60_000);
});
