import { adminClient } from './helpers/admin-client.js';
import { changeMenuSql, findAttempts, setSchedule } from './helpers/factories.js';
import { PlayedCall, seedAttempt, seedSession } from './helpers/reporting.js';
import { useTestApp } from './helpers/use-test-app.js';

const ZERO_OUTCOMES = { connected: 0, operator: 0, voicemail: 0, abandoned: 0, failed: 0 };
const AFTER_HOURS_NUMBER = '+15555550199';

/**
 * The reports' count of calls that met a closed department: calls (not answers) with an answer
 * decided `closed`, per department, by the time of that answer (the rule of every attempt figure).
 */
describe('reports: calls that met a closed department (e2e)', () => {
  const ctx = useTestApp({ systemTime: new Date('2026-01-14T12:00:00Z'), menu: 'beforeEach' });

  const query = (path: string, from: string, to: string, extra = '') =>
    adminClient(ctx.app)
      .get(`${path}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`)
      .expect(200);
  const summary = (from: string, to: string) => query('/admin/reports/summary', from, to);
  const timeseries = (from: string, to: string, interval: 'hour' | 'day') =>
    query('/admin/reports/timeseries', from, to, `&interval=${interval}`);

  /** A call whose webhooks arrive at `at` (moved on later with `at` again). */
  async function callAt(at: string): Promise<PlayedCall> {
    vi.setSystemTime(new Date(at));
    return new PlayedCall(ctx.app).incoming();
  }

  function at(moment: string): void {
    vi.setSystemTime(new Date(moment));
  }

  describe('calls played through the webhooks', () => {
    const callSids: Record<string, string> = {};

    // Every department keeps Monday-Friday 09:00-17:00 in New York (14:00-22:00 UTC in January).
    // While closed, Sales takes a voicemail, Support forwards to its after-hours line and Billing
    // returns the caller to the menu. The figures below are counted by hand from these seven calls.
    beforeEach(async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id);
      await setSchedule(ctx.app, ctx.menu.support.id, { closedAction: 'forward', forwardTo: AFTER_HOURS_NUMBER });
      await setSchedule(ctx.app, ctx.menu.billing.id, { closedAction: 'menu' });

      // Wednesday 2026-01-14 20:00 EST. c1: Sales, closed; leaves a voicemail.
      const c1 = await callAt('2026-01-15T01:00:00Z');
      await (await (await c1.press('1')).recorded(12)).ended('completed', 40);
      // c2: Support, closed; forwarded, answered: connected.
      const c2 = await callAt('2026-01-15T01:10:00Z');
      await (await (await c2.press('2')).dialed('completed', 50)).ended('completed', 60);
      // c3: Billing, closed, twice (back to the menu each time), then Sales, closed: a voicemail.
      const c3 = await callAt('2026-01-15T01:20:00Z');
      await (await (await (await c3.press('3')).press('3')).press('1')).recorded(20);
      await c3.ended('completed', 90);
      // c7: Billing, closed, just before 02:00 UTC and again just after; then a hang-up: abandoned.
      const c7 = await callAt('2026-01-15T01:59:58Z');
      await c7.press('3');
      at('2026-01-15T02:00:01Z');
      await (await c7.press('3')).ended('completed', 20);
      // c4: Billing, closed, then a hang-up: abandoned.
      const c4 = await callAt('2026-01-15T02:05:00Z');
      await (await c4.press('3')).ended('completed', 15);
      // Thursday 12:00 EST, open. c5: Sales, routed and connected: no closed department met.
      const c5 = await callAt('2026-01-15T17:00:00Z');
      await (await (await c5.press('1')).dialed('completed', 25)).ended('completed', 30);
      // Thursday 22:00 EST. c6: "sales" by speech, closed; leaves a voicemail.
      const c6 = await callAt('2026-01-16T03:00:00Z');
      await (await (await c6.say('sales', 0.9)).recorded(15)).ended('completed', 45);

      Object.assign(callSids, { c1: c1.callSid, c3: c3.callSid, c5: c5.callSid, c7: c7.callSid });
    });

    it('played the calls it meant to', async () => {
      const decisions = async (callSid: string) =>
        (await findAttempts(ctx.dataSource, callSid)).map((attempt) => [
          attempt.decision,
          attempt.createdAt.toISOString(),
        ]);

      expect(await decisions(callSids.c1)).toEqual([['closed', expect.stringMatching(/^2026-01-15T01:00:00\./)]]);
      expect((await decisions(callSids.c3)).map(([decision]) => decision)).toEqual(['closed', 'closed', 'closed']);
      expect(await decisions(callSids.c5)).toEqual([['route', expect.stringMatching(/^2026-01-15T17:00:00\./)]]);
      // An attempt is stamped with its webhook's arrival, like the decision it records.
      expect(await decisions(callSids.c7)).toEqual([
        ['closed', expect.stringMatching(/^2026-01-15T01:59:5[89]\./)],
        ['closed', expect.stringMatching(/^2026-01-15T02:00:0[12]\./)],
      ]);
    });

    it('counts them in the summary, per department and in all', async () => {
      const response = await summary('2026-01-15T00:00:00Z', '2026-01-17T00:00:00Z');

      expect(response.body).toStrictEqual({
        from: '2026-01-15T00:00:00.000000Z',
        to: '2026-01-17T00:00:00.000000Z',
        total: 7,
        inProgress: 0,
        byOutcome: { ...ZERO_OUTCOMES, connected: 2, voicemail: 3, abandoned: 2 },
        byDepartment: [
          // Sessions sent to Sales: c1, c3 and c6 (its voicemail), c5 (connected). Met closed: c1, c3, c6.
          {
            id: ctx.menu.sales.id,
            name: 'Sales',
            active: true,
            total: 4,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, connected: 1, voicemail: 3 },
            closed: 3,
          },
          {
            id: ctx.menu.support.id,
            name: 'Support',
            active: true,
            total: 1,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, connected: 1 },
            closed: 1,
          },
          // Billing only ever sent callers back to the menu: no session is its, yet c3 (twice), c4 and c7 (twice) met it.
          {
            id: ctx.menu.billing.id,
            name: 'Billing',
            active: true,
            total: 0,
            inProgress: 0,
            byOutcome: ZERO_OUTCOMES,
            closed: 3,
          },
        ],
        byLanguage: [
          {
            language: 'en-US',
            total: 7,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, connected: 2, voicemail: 3, abandoned: 2 },
          },
        ],
        averageAttemptsToRoute: 1,
        lowConfidenceRate: 0,
        inputMix: { dtmf: 9, speech: 1, none: 0 },
        // 15, 20, 30, 40, 45, 60 and 90 seconds: p95 = 60 + 0.7 * (90 - 60).
        durationSeconds: { average: expect.closeTo(300 / 7, 10), p95: expect.closeTo(81, 10) },
        // c1, c2, c3, c4, c6, c7: c3 met two closed departments and counts once here.
        closed: 6,
      });
    });

    it('counts them per UTC hour of their first closed answer, so the hours add up to the range', async () => {
      const response = await timeseries('2026-01-15T01:00:00Z', '2026-01-15T03:00:00Z', 'hour');

      expect(response.body.buckets).toStrictEqual([
        {
          start: '2026-01-15T01:00:00.000Z',
          total: 4,
          inProgress: 0,
          byOutcome: { ...ZERO_OUTCOMES, connected: 1, voicemail: 2, abandoned: 1 },
          closed: 4,
          closedByDepartment: { [ctx.menu.sales.id]: 2, [ctx.menu.support.id]: 1, [ctx.menu.billing.id]: 2 },
        },
        {
          start: '2026-01-15T02:00:00.000Z',
          total: 1,
          inProgress: 0,
          byOutcome: { ...ZERO_OUTCOMES, abandoned: 1 },
          // c7 met Billing closed again in this hour: it counts in the hour it first did.
          closed: 1,
          closedByDepartment: { [ctx.menu.billing.id]: 1 },
        },
      ]);
      // Over the same two hours, c7 counts once: the sum of the hours.
      const twoHours = await summary('2026-01-15T01:00:00Z', '2026-01-15T03:00:00Z');
      expect(twoHours.body.closed).toBe(5);
      expect(twoHours.body.byDepartment.find((row: { id: string }) => row.id === ctx.menu.billing.id).closed).toBe(3);
    });

    it('counts them per UTC day, departments that met none left out of a bucket', async () => {
      const response = await timeseries('2026-01-15T00:00:00Z', '2026-01-18T00:00:00Z', 'day');

      expect(response.body.buckets).toStrictEqual([
        {
          start: '2026-01-15T00:00:00.000Z',
          total: 6,
          inProgress: 0,
          byOutcome: { ...ZERO_OUTCOMES, connected: 2, voicemail: 2, abandoned: 2 },
          closed: 5,
          closedByDepartment: { [ctx.menu.sales.id]: 2, [ctx.menu.support.id]: 1, [ctx.menu.billing.id]: 3 },
        },
        {
          start: '2026-01-16T00:00:00.000Z',
          total: 1,
          inProgress: 0,
          byOutcome: { ...ZERO_OUTCOMES, voicemail: 1 },
          closed: 1,
          closedByDepartment: { [ctx.menu.sales.id]: 1 },
        },
        {
          start: '2026-01-17T00:00:00.000Z',
          total: 0,
          inProgress: 0,
          byOutcome: ZERO_OUTCOMES,
          closed: 0,
          closedByDepartment: {},
        },
      ]);
    });

    it('keeps an inactive department that only met callers while closed', async () => {
      await changeMenuSql(ctx.app, 'UPDATE ivr.departments SET active = false WHERE id = $1', [ctx.menu.billing.id]);

      const response = await summary('2026-01-15T00:00:00Z', '2026-01-17T00:00:00Z');

      expect(response.body.byDepartment).toContainEqual({
        id: ctx.menu.billing.id,
        name: 'Billing',
        active: false,
        total: 0,
        inProgress: 0,
        byOutcome: ZERO_OUTCOMES,
        closed: 3,
      });
      // Outside the range of its closed answers it is left out again.
      const later = await summary('2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z');
      expect(later.body.byDepartment.map((row: { name: string }) => row.name)).toEqual(['Sales', 'Support']);
    });

    it('answers zeros for a range without calls', async () => {
      const empty = await summary('2026-01-10T00:00:00Z', '2026-01-12T00:00:00Z');
      expect(empty.body.closed).toBe(0);
      expect(empty.body.byDepartment.map((row: { name: string; closed: number }) => [row.name, row.closed])).toEqual([
        ['Billing', 0],
        ['Sales', 0],
        ['Support', 0],
      ]);

      const series = await timeseries('2026-01-10T00:00:00Z', '2026-01-12T00:00:00Z', 'day');
      expect(
        series.body.buckets.map((bucket: { closed: number; closedByDepartment: object }) => [
          bucket.closed,
          bucket.closedByDepartment,
        ]),
      ).toEqual([
        [0, {}],
        [0, {}],
      ]);

      const instant = '2026-01-15T01:00:00Z';
      expect((await summary(instant, instant)).body).toMatchObject({ total: 0, closed: 0 });
      expect((await timeseries(instant, instant, 'hour')).body.buckets).toEqual([]);
    });
  });

  describe('attempts inserted in SQL at chosen times', () => {
    it('counts the calls whose first closed answer was given in [from, to), whenever they started', async () => {
      const { sales, support, billing } = ctx.menu;
      // Started before the range; met Sales closed at its first instant: counted (the answer is in the range).
      const early = await seedSession(ctx.dataSource, { startedAt: '2025-02-28T23:59:00Z', departmentId: sales.id });
      await seedAttempt(ctx.dataSource, {
        callSid: early,
        round: 1,
        at: '2025-03-01T00:00:00Z',
        inputKind: 'dtmf',
        decision: 'closed',
        departmentId: sales.id,
      });
      // Met Sales closed at the last microsecond (counted), then Support closed at `to` (the next range's).
      const late = await seedSession(ctx.dataSource, { startedAt: '2025-03-02T23:59:59Z' });
      await seedAttempt(ctx.dataSource, {
        callSid: late,
        round: 1,
        at: '2025-03-02T23:59:59.999999Z',
        inputKind: 'speech',
        decision: 'closed',
        departmentId: sales.id,
      });
      await seedAttempt(ctx.dataSource, {
        callSid: late,
        round: 2,
        at: '2025-03-03T00:00:00Z',
        inputKind: 'dtmf',
        decision: 'closed',
        departmentId: support.id,
      });
      // Met Billing closed the microsecond before the range: not counted.
      const before = await seedSession(ctx.dataSource, { startedAt: '2025-02-28T23:00:00Z' });
      await seedAttempt(ctx.dataSource, {
        callSid: before,
        round: 1,
        at: '2025-02-28T23:59:59.999999Z',
        inputKind: 'dtmf',
        decision: 'closed',
        departmentId: billing.id,
      });

      const response = await summary('2025-03-01T00:00:00Z', '2025-03-03T00:00:00Z');

      expect(response.body.total).toBe(1);
      expect(response.body.closed).toBe(2);
      expect(
        response.body.byDepartment.map((row: { name: string; total: number; closed: number }) => [
          row.name,
          row.total,
          row.closed,
        ]),
      ).toEqual([
        ['Billing', 0, 0],
        ['Sales', 0, 2],
        ['Support', 0, 0],
      ]);

      const series = await timeseries('2025-03-01T00:00:00Z', '2025-03-03T00:00:00Z', 'day');
      expect(
        series.body.buckets.map((bucket: { start: string; closed: number; closedByDepartment: object }) => [
          bucket.start,
          bucket.closed,
          bucket.closedByDepartment,
        ]),
      ).toEqual([
        ['2025-03-01T00:00:00.000Z', 1, { [sales.id]: 1 }],
        ['2025-03-02T00:00:00.000Z', 1, { [sales.id]: 1 }],
      ]);
      // The next range has the answer given at `to`: the call's first at Support, not its first closed answer.
      const next = await summary('2025-03-03T00:00:00Z', '2025-03-04T00:00:00Z');
      expect(next.body.closed).toBe(0);
      expect(next.body.byDepartment.find((row: { id: string }) => row.id === support.id).closed).toBe(1);
    });
  });
});
