import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { ReportAggregatesService } from '../src/reporting/aggregates/report-aggregates.service.js';
import { parseInstant } from '../src/reporting/instant.js';
import type { TimeRange } from '../src/reporting/report-range.js';
import type { ReportReadOptions } from '../src/reporting/report.repository.js';
import { ReportService } from '../src/reporting/report.service.js';
import { RetentionService } from '../src/retention/retention.service.js';
import type { WebhookEvent } from '../src/twilio/webhook-event.js';
import { SpoolReplayer } from '../src/voice/spool-replayer.js';
import { WebhookSpool } from '../src/voice/webhook-spool.js';
import { adminClient } from './helpers/admin-client.js';
import { pollUntil } from './helpers/deadline.js';
import { createStandardMenu, setSchedule, type StandardMenu, updateSettings } from './helpers/factories.js';
import { PlayedCall, seedSession } from './helpers/reporting.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { useTestDatabase } from './helpers/use-test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LANGUAGES = [
  { code: 'en-US', name: 'English', digit: '1', voice: 'Polly.Joanna' },
  { code: 'es-MX', name: 'Español', digit: '2' },
];
const ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York'];

const instant = (at: number): string => parseInstant(new Date(at).toISOString()) ?? '';
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The aggregates against the raw tables: calls placed through the signed webhooks at chosen times (the app's clock),
 * concurrent and redelivered, then rolled up, replayed from the spool, rebuilt and purged: after each, every report
 * read through the aggregates answers exactly what the raw tables alone answer.
 */
describe('report aggregates (e2e)', () => {
  const database = useTestDatabase();
  const now = Date.now();
  const today = Math.floor(now / DAY) * DAY;
  let clock = now;
  let app: NestExpressApplication;
  let menu: StandardMenu;
  let sut: ReportAggregatesService;

  beforeAll(async () => {
    app = await database.createApp({ now: () => new Date(clock) });
    menu = await createStandardMenu(app);
    // Billing is closed at all hours: pressing 3 meets a closed department.
    await setSchedule(app, menu.billing.id, { weekly: {} });
    sut = app.get(ReportAggregatesService);
  });

  const dataSource = (): DataSource => app.get(DataSource);

  /** A call whose webhooks arrive `spacing` seconds apart from `start` on; each step one webhook (or two). */
  async function place(start: number, steps: ((call: PlayedCall) => Promise<unknown>)[], spacing = 20): Promise<void> {
    const call = new PlayedCall(app);
    for (const [index, step] of [(c: PlayedCall) => c.incoming(), ...steps].entries()) {
      clock = start + index * spacing * 1000;
      await step(call);
    }
    clock = now;
  }

  const routed = (digit: string, seconds: number) => [
    (c: PlayedCall) => c.press(digit),
    (c: PlayedCall) => c.dialed('completed', seconds),
    (c: PlayedCall) => c.ended('completed', seconds + 12),
  ];
  const language = (digit: string) => (c: PlayedCall) => c.press(digit);

  const RANGES: TimeRange[] = [
    { from: instant(today - 12 * DAY + 3 * HOUR + 17 * 60_000), to: instant(now) },
    { from: instant(today - 11 * DAY), to: instant(today - 4 * DAY) },
    { from: instant(today - 9 * DAY + 12 * HOUR), to: instant(today - 5 * DAY + 60_000) },
    { from: instant(today - 365 * DAY + 1), to: instant(now) },
  ];

  async function reports(range: TimeRange, options: ReportReadOptions): Promise<unknown[]> {
    const service = app.get(ReportService);
    return json([
      await service.summary(range, options),
      await service.timeseries(range, 'day', options),
      ...(await Promise.all(ZONES.map((zone) => service.busiestHours(range, zone, options)))),
    ]);
  }

  /** Every report over every range, through the HTTP API (aggregates), equals the raw tables' answer. */
  async function expectAggregatesEqualRaw(): Promise<void> {
    const client = adminClient(app);
    for (const range of RANGES) {
      const raw = await reports(range, { aggregates: false });
      const served = [
        (await client.get('/admin/reports/summary').query(range).expect(200)).body,
        (
          await client
            .get('/admin/reports/timeseries')
            .query({ ...range, interval: 'day' })
            .expect(200)
        ).body,
        ...(await Promise.all(
          ZONES.map(
            async (timeZone): Promise<unknown> =>
              (
                await client
                  .get('/admin/reports/busiest-hours')
                  .query({ ...range, timeZone })
                  .expect(200)
              ).body,
          ),
        )),
      ];
      expect(served).toStrictEqual(raw);
    }
  }

  const finalThrough = async (): Promise<Date | null> =>
    (await dataSource().query<{ f: Date | null }[]>('SELECT final_through AS f FROM ivr.report_aggregate_state'))[0].f;
  const aggregatedCalls = async (): Promise<number> =>
    (await dataSource().query<{ n: number }[]>('SELECT coalesce(sum(calls), 0)::int AS n FROM ivr.report_day_calls'))[0]
      .n;

  it('places calls days ago: concurrent, with languages, closed departments, redelivered webhooks', async () => {
    await updateSettings(app, { languages: LANGUAGES });
    const tenDaysAgo = today - 10 * DAY + 9 * HOUR;
    await Promise.all([
      place(tenDaysAgo, [language('1'), ...routed('1', 30)]),
      place(tenDaysAgo, [language('2'), ...routed('2', 95)]),
      place(tenDaysAgo, [language('1'), (c) => c.press('3'), (c) => c.recorded(20), (c) => c.ended('completed', 41)]),
      place(tenDaysAgo, [language('1'), (c) => c.silence(), (c) => c.silence(), (c) => c.silence()]),
      place(tenDaysAgo, [language('1'), (c) => c.press('9'), ...routed('1', 7)]),
      place(tenDaysAgo, [language('2'), (c) => c.ended('completed', 9)]),
    ]);
    // Across midnight: the language before it, the answers after.
    await place(today - 9 * DAY - 30_000, [language('1'), (c) => c.press('3'), ...routed('2', 61)]);
    // Twilio redelivers an answer and the final status (same idempotency token each time): counted once.
    const redelivered = new PlayedCall(app);
    clock = today - 8 * DAY + 14 * HOUR;
    await redelivered.incoming();
    for (const [path, params] of [
      ['/voice/gather?round=1', { Digits: '1' }],
      ['/voice/gather?round=2', { Digits: '2' }],
      ['/voice/status', { CallStatus: 'completed', CallDuration: '77' }],
    ] as const) {
      const token = `token-${path}-${redelivered.callSid}`;
      for (let copy = 0; copy < 2; copy += 1) {
        await signedPost(app, path, callParams(redelivered.callSid, params), { idempotencyToken: token }).expect(200);
      }
    }
    await updateSettings(app, { languages: [] });
    const sixDaysAgo = today - 6 * DAY + 12 * HOUR + 34 * 60_000;
    await Promise.all([
      place(sixDaysAgo, routed('1', 44)),
      place(sixDaysAgo, routed('2', 300)),
      place(sixDaysAgo, [(c) => c.press('3'), (c) => c.ended('completed', 15)]),
      place(sixDaysAgo, [(c) => c.say('sales', 0.2), (c) => c.say('support', 0.9), (c) => c.ended('completed', 52)]),
    ]);
    // On the stroke of midnight, and in the last hours (never final yet).
    await place(today - 5 * DAY, routed('1', 12));
    await place(now - 2 * HOUR, [(c) => c.press('3'), (c) => c.press('3'), (c) => c.ended('completed', 33)]);
    await place(now - HOUR, routed('2', 18));

    expect((await reports(RANGES[3], { aggregates: false }))[0]).toMatchObject({ total: 15 });
  });

  it('rolls up once when two rollups race, and every report equals the raw tables', async () => {
    const results = await Promise.all([sut.rollUp(new Date(now)), sut.rollUp(new Date(now))]);

    expect(results.map((result) => result.rolledUp).sort()).toEqual([false, true]);
    expect(await finalThrough()).toEqual(new Date(Math.floor((now - 3 * DAY - HOUR) / HOUR) * HOUR));
    // Every call but the last two hours' is in the aggregates (the call of 5 days ago included).
    expect(await aggregatedCalls()).toBe(13);
    await expectAggregatesEqualRaw();
  });

  it('counts webhooks replayed from the spool long after they came, reopening the final days', async () => {
    const callSid = newCallSid();
    const at = today - 7 * DAY + 10 * HOUR;
    const base = {
      callSid,
      accountSid: 'AC00000000000000000000000000000000',
      from: '+15551230199',
      to: '+15559870000',
    };
    const events: WebhookEvent[] = [
      { ...base, kind: 'incoming', receivedAt: new Date(at), requestId: 'replay-1' },
      { ...base, kind: 'gather', round: 1, digits: '1', receivedAt: new Date(at + 20_000), requestId: 'replay-2' },
      {
        ...base,
        kind: 'status',
        status: 'completed',
        durationSeconds: 123,
        receivedAt: new Date(at + 200_000),
        requestId: 'replay-3',
      },
    ];
    const spool = app.get(WebhookSpool);
    for (const event of events) spool.push(event);
    const before = await aggregatedCalls();

    await app.get(SpoolReplayer).drain();

    expect(spool.size).toBe(0);
    expect(await aggregatedCalls()).toBe(before + 1);
    await expectAggregatesEqualRaw();
  });

  it('rebuilds every aggregate from the calls', async () => {
    await dataSource().query('UPDATE ivr.report_day_calls SET calls = calls + 1000');

    await sut.rebuild(new Date(now));

    expect(await aggregatedCalls()).toBe(14);
    await expectAggregatesEqualRaw();
  });

  it('follows the retention purge: the days it emptied and the days its attempts reached', async () => {
    // As if the purge ran 392 days later: the calls started more than 8 days before now go.
    const purge = await app.get(RetentionService).purge(new Date(now + 392 * DAY));

    expect(purge.sessions).toBeGreaterThan(0);
    await expectAggregatesEqualRaw();
  });

  it("rolls up at start when asked to, on another instance's tables", async () => {
    await dataSource().query(`UPDATE ivr.report_aggregate_state SET final_through = NULL`);
    await dataSource().query(`DELETE FROM ivr.report_day_calls`);
    const second = await database.createApp({ config: { reportRollups: true } });

    const rolled = await pollUntil(finalThrough, (value) => value !== null, 10_000);

    expect(rolled).not.toBeNull();
    expect(await aggregatedCalls()).toBeGreaterThan(0);
    expect(second).toBeDefined();
  });
});

describe('the 95th percentile from the aggregated durations (e2e)', () => {
  const database = useTestDatabase();
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await database.createApp();
  });

  it("equals PostgreSQL's percentile_cont over any run of days", async () => {
    const dataSource = app.get(DataSource);
    const start = Date.parse('2026-03-01T00:00:00Z');
    // 300 calls over 30 days, durations spread unevenly (a long tail), some without one.
    for (let i = 0; i < 300; i += 1) {
      const durationSeconds = i % 17 === 0 ? null : (i * 7919) % 97 < 90 ? (i * 31) % 240 : 600 + ((i * 13) % 3000);
      await seedSession(dataSource, {
        startedAt: new Date(start + i * 2.4 * HOUR + (i % 7) * 60_000).toISOString(),
        outcome: 'connected',
        durationSeconds,
      });
    }
    await app.get(ReportAggregatesService).rollUp(new Date('2026-06-01T00:00:00Z'));
    const reports = app.get(ReportService);

    for (const [fromDay, toDay] of [
      [0, 30],
      [0, 1],
      [3, 4.5],
      [2.3, 17.9],
      [11, 12],
    ]) {
      const range = { from: instant(start + fromDay * DAY), to: instant(start + toDay * DAY) };
      const [expected] = await dataSource.query<{ p95: number | null }[]>(
        `SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_seconds)::float8 AS p95
         FROM ivr.call_sessions WHERE started_at >= $1 AND started_at < $2`,
        [range.from, range.to],
      );

      const summary = await reports.summary(range);

      expect(summary.durationSeconds.p95).toBe(expected.p95);
    }
  });
});
