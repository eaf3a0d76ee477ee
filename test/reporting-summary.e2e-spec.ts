import { adminClient, viewerClient } from './helpers/admin-client.js';
import { changeMenuSql, createDepartment } from './helpers/factories.js';
import { playCall, seedAttempt, seedSession } from './helpers/reporting.js';
import { useTestApp } from './helpers/use-test-app.js';

const ZERO_OUTCOMES = { connected: 0, operator: 0, voicemail: 0, abandoned: 0, failed: 0 };
/** No call met a closed department in these tests (see reporting-closed.e2e-spec.ts). */
const NO_CLOSED = { closed: 0, closedByDepartment: {} };

describe('reports: summary and time series (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  const summary = (from: string, to: string) =>
    adminClient(ctx.app).get(`/admin/reports/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);

  describe('calls played through the webhooks', () => {
    let from: string;
    let to: string;

    // Eight calls, one per path through the menu; the expected figures below are counted by hand from them.
    beforeEach(async () => {
      from = new Date(Date.now() - 1000).toISOString();
      // Sales by keypad, connected.
      await (await (await (await playCall(ctx.app)).press('1')).dialed('completed', 25)).ended('completed', 30);
      // Support by speech, connected.
      await (
        await (await (await playCall(ctx.app)).say('support', 0.9)).dialed('completed', 50)
      ).ended('completed', 60);
      // Speech heard with low confidence, then Billing by keypad; nobody answers: a voicemail.
      const voicemail = await (await (await playCall(ctx.app)).say('sales please', 0.3)).press('3');
      await (await (await voicemail.dialed('no-answer')).recorded(12)).ended('completed', 90);
      // Three silences: the operator, who answers.
      const silent = await (await (await (await playCall(ctx.app)).silence()).silence()).silence();
      await (await silent.dialed('completed', 100)).ended('completed', 120);
      // Hung up during the greeting: abandoned.
      await (await playCall(ctx.app)).ended('completed', 5);
      // Twilio could not connect it: failed.
      await (await playCall(ctx.app)).ended('busy', 0);
      // Still in the menu: no outcome, no duration.
      await playCall(ctx.app);
      // Speech that names no department, then a hang-up: abandoned.
      await (await (await playCall(ctx.app)).say('hello there', 0.95)).ended('completed', 10);
      to = new Date(Date.now() + 60_000).toISOString();
    });

    it('computes every figure of the summary', async () => {
      const response = await summary(from, to).expect(200);

      expect(response.body).toStrictEqual({
        from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
        to: expect.any(String),
        total: 8,
        inProgress: 1,
        byOutcome: { connected: 2, operator: 1, voicemail: 1, abandoned: 2, failed: 1 },
        byDepartment: [
          {
            id: ctx.menu.billing.id,
            name: 'Billing',
            active: true,
            total: 1,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, voicemail: 1 },
            closed: 0,
          },
          {
            id: ctx.menu.sales.id,
            name: 'Sales',
            active: true,
            total: 1,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, connected: 1 },
            closed: 0,
          },
          {
            id: ctx.menu.support.id,
            name: 'Support',
            active: true,
            total: 1,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, connected: 1 },
            closed: 0,
          },
        ],
        // Routed to a department at rounds 1 (Sales), 1 (Support) and 2 (Billing).
        // No language is offered: every call is in the settings' language.
        byLanguage: [
          {
            language: 'en-US',
            total: 8,
            inProgress: 1,
            byOutcome: { connected: 2, operator: 1, voicemail: 1, abandoned: 2, failed: 1 },
          },
        ],
        averageAttemptsToRoute: expect.closeTo(4 / 3, 10),
        // Speech: "support", "sales please" (low confidence), "hello there".
        lowConfidenceRate: expect.closeTo(1 / 3, 10),
        inputMix: { dtmf: 2, speech: 3, none: 3 },
        // 30, 60, 90, 120, 5, 0 and 10 seconds (the call in progress has none): p95 = 90 + 0.7 * (120 - 90).
        durationSeconds: { average: 45, p95: expect.closeTo(111, 10) },
        closed: 0,
      });
    });

    it('answers a viewer token the same figures', async () => {
      const asAdmin = await summary(from, to).expect(200);
      const asViewer = await viewerClient(ctx.app)
        .get(`/admin/reports/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
        .expect(200);

      expect(asViewer.body).toStrictEqual(asAdmin.body);
    });

    it('counts the same calls per hour in the time series', async () => {
      const response = await adminClient(ctx.app)
        .get(`/admin/reports/timeseries?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&interval=hour`)
        .expect(200);

      const buckets = response.body.buckets as {
        total: number;
        inProgress: number;
        byOutcome: Record<string, number>;
      }[];
      const sum = (pick: (bucket: (typeof buckets)[number]) => number): number =>
        buckets.reduce((total, bucket) => total + pick(bucket), 0);
      expect(sum((bucket) => bucket.total)).toBe(8);
      expect(sum((bucket) => bucket.inProgress)).toBe(1);
      expect(sum((bucket) => bucket.byOutcome.connected)).toBe(2);
      expect(sum((bucket) => bucket.byOutcome.abandoned)).toBe(2);
    });
  });

  describe('calls inserted in SQL at chosen times', () => {
    const FROM = '2025-03-01T00:00:00Z';
    const TO = '2025-03-03T00:00:00Z';

    it('counts the calls that started in [from, to), and the attempts made in it', async () => {
      const returns = await createDepartment(ctx.app, { name: 'Returns', phoneNumber: '+15555550104', digit: '4' });
      // Before the range, at its first instant, at its last microsecond, and at `to` (excluded).
      await seedSession(ctx.dataSource, { startedAt: '2025-02-28T23:59:59.999999Z', outcome: 'connected' });
      const first = await seedSession(ctx.dataSource, {
        startedAt: FROM,
        outcome: 'connected',
        departmentId: ctx.menu.sales.id,
        durationSeconds: 10,
      });
      const last = await seedSession(ctx.dataSource, {
        startedAt: '2025-03-02T23:59:59.999999Z',
        outcome: 'voicemail',
        departmentId: returns.id,
        durationSeconds: 40,
      });
      await seedSession(ctx.dataSource, { startedAt: TO, outcome: 'failed' });
      const operator = await seedSession(ctx.dataSource, {
        startedAt: '2025-03-01T12:00:00Z',
        outcome: 'operator',
        dialTarget: 'operator',
        durationSeconds: 30,
      });
      await seedSession(ctx.dataSource, {
        startedAt: '2025-03-02T08:00:00Z',
        outcome: 'abandoned',
        durationSeconds: 20,
      });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-02T09:00:00Z', outcome: null });
      // Returns is deactivated, yet it had a call in the range: it stays in the report.
      await changeMenuSql(ctx.app, 'UPDATE ivr.departments SET active = false WHERE id = $1', [returns.id]);

      await seedAttempt(ctx.dataSource, {
        callSid: first,
        round: 1,
        at: '2025-03-01T00:00:05Z',
        inputKind: 'dtmf',
        decision: 'route',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: operator,
        round: 1,
        at: '2025-03-01T12:00:05Z',
        inputKind: 'speech',
        decision: 'reprompt_low_confidence',
        failure: 'low_confidence',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: operator,
        round: 2,
        at: '2025-03-01T12:00:15Z',
        inputKind: 'speech',
        decision: 'reprompt_no_match',
        failure: 'no_match',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: operator,
        round: 3,
        at: '2025-03-01T12:00:25Z',
        inputKind: 'none',
        decision: 'operator',
        failure: 'no_input',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: last,
        round: 1,
        at: '2025-03-02T23:59:59.999999Z',
        inputKind: 'speech',
        decision: 'reprompt_no_match',
        failure: 'no_match',
      });
      // Answered after `to`: this attempt belongs to the next range, though its call started in this one.
      await seedAttempt(ctx.dataSource, {
        callSid: last,
        round: 2,
        at: '2025-03-03T00:00:08Z',
        inputKind: 'dtmf',
        decision: 'route',
      });

      const response = await summary(FROM, TO).expect(200);

      expect(response.body).toStrictEqual({
        from: '2025-03-01T00:00:00.000000Z',
        to: '2025-03-03T00:00:00.000000Z',
        total: 5,
        inProgress: 1,
        byOutcome: { connected: 1, operator: 1, voicemail: 1, abandoned: 1, failed: 0 },
        byDepartment: [
          {
            id: returns.id,
            name: 'Returns',
            active: false,
            total: 1,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, voicemail: 1 },
            closed: 0,
          },
          {
            id: ctx.menu.sales.id,
            name: 'Sales',
            active: true,
            total: 1,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, connected: 1 },
            closed: 0,
          },
          {
            id: ctx.menu.billing.id,
            name: 'Billing',
            active: true,
            total: 0,
            inProgress: 0,
            byOutcome: ZERO_OUTCOMES,
            closed: 0,
          },
          {
            id: ctx.menu.support.id,
            name: 'Support',
            active: true,
            total: 0,
            inProgress: 0,
            byOutcome: ZERO_OUTCOMES,
            closed: 0,
          },
        ],
        byLanguage: [
          {
            language: 'en-US',
            total: 5,
            inProgress: 1,
            byOutcome: { connected: 1, operator: 1, voicemail: 1, abandoned: 1, failed: 0 },
          },
        ],
        averageAttemptsToRoute: 1,
        lowConfidenceRate: expect.closeTo(1 / 3, 10),
        inputMix: { dtmf: 1, speech: 3, none: 1 },
        // 10, 30, 20 and 40 seconds: p95 = 30 + 0.85 * (40 - 30).
        durationSeconds: { average: 25, p95: expect.closeTo(38.5, 10) },
        closed: 0,
      });
    });

    it("leaves the choice of language out of the menu answers, a routed call's language rounds before the range too", async () => {
      // One call chose its language just before the range and was routed in it at round 2: one menu answer.
      const early = await seedSession(ctx.dataSource, {
        startedAt: '2025-02-28T23:59:50Z',
        outcome: 'connected',
        departmentId: ctx.menu.sales.id,
      });
      await seedAttempt(ctx.dataSource, {
        callSid: early,
        round: 1,
        at: '2025-02-28T23:59:55Z',
        inputKind: 'dtmf',
        decision: 'language',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: early,
        round: 2,
        at: FROM,
        inputKind: 'dtmf',
        decision: 'route',
        departmentId: ctx.menu.sales.id,
      });
      // Another: "español" heard with low confidence, then a key, then silence and Sales at rounds 3 and 4: two.
      const later = await seedSession(ctx.dataSource, {
        startedAt: '2025-03-01T10:00:00Z',
        outcome: 'connected',
        departmentId: ctx.menu.sales.id,
      });
      await seedAttempt(ctx.dataSource, {
        callSid: later,
        round: 1,
        at: '2025-03-01T10:00:05Z',
        inputKind: 'speech',
        decision: 'language',
        failure: 'low_confidence',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: later,
        round: 2,
        at: '2025-03-01T10:00:10Z',
        inputKind: 'dtmf',
        decision: 'language',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: later,
        round: 3,
        at: '2025-03-01T10:00:15Z',
        inputKind: 'none',
        decision: 'reprompt_no_input',
        failure: 'no_input',
      });
      await seedAttempt(ctx.dataSource, {
        callSid: later,
        round: 4,
        at: '2025-03-01T10:00:20Z',
        inputKind: 'dtmf',
        decision: 'route',
        departmentId: ctx.menu.sales.id,
      });

      const response = await summary(FROM, TO).expect(200);

      expect(response.body).toMatchObject({
        averageAttemptsToRoute: 1.5,
        inputMix: { dtmf: 2, speech: 0, none: 1 },
        // The only speech was the language's: no speech menu answer, no rate.
        lowConfidenceRate: null,
      });
    });

    it('answers zeros and nulls for a range without calls', async () => {
      await seedSession(ctx.dataSource, {
        startedAt: '2025-03-01T10:00:00Z',
        outcome: 'connected',
        durationSeconds: 10,
      });

      const response = await summary('2020-01-01', '2020-02-01').expect(200);

      expect(response.body).toStrictEqual({
        from: '2020-01-01T00:00:00.000000Z',
        to: '2020-02-01T00:00:00.000000Z',
        total: 0,
        inProgress: 0,
        byOutcome: ZERO_OUTCOMES,
        byDepartment: [
          {
            id: ctx.menu.billing.id,
            name: 'Billing',
            active: true,
            total: 0,
            inProgress: 0,
            byOutcome: ZERO_OUTCOMES,
            closed: 0,
          },
          {
            id: ctx.menu.sales.id,
            name: 'Sales',
            active: true,
            total: 0,
            inProgress: 0,
            byOutcome: ZERO_OUTCOMES,
            closed: 0,
          },
          {
            id: ctx.menu.support.id,
            name: 'Support',
            active: true,
            total: 0,
            inProgress: 0,
            byOutcome: ZERO_OUTCOMES,
            closed: 0,
          },
        ],
        byLanguage: [{ language: 'en-US', total: 0, inProgress: 0, byOutcome: ZERO_OUTCOMES }],
        averageAttemptsToRoute: null,
        lowConfidenceRate: null,
        inputMix: { dtmf: 0, speech: 0, none: 0 },
        durationSeconds: { average: null, p95: null },
        closed: 0,
      });
    });

    it('answers an empty range (from = to) with nothing', async () => {
      await seedSession(ctx.dataSource, { startedAt: FROM, outcome: 'connected' });

      expect((await summary(FROM, FROM).expect(200)).body).toMatchObject({ total: 0, byOutcome: ZERO_OUTCOMES });
      const series = await adminClient(ctx.app).get(`/admin/reports/timeseries?from=${FROM}&to=${FROM}`).expect(200);
      expect(series.body.buckets).toEqual([]);
    });

    it('counts calls by outcome per UTC day, empty days included', async () => {
      await seedSession(ctx.dataSource, { startedAt: '2025-02-28T23:59:59.999999Z', outcome: 'connected' });
      await seedSession(ctx.dataSource, { startedAt: FROM, outcome: 'connected' });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-01T23:59:59.999999Z', outcome: 'failed' });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-01T23:30:00-05:00', outcome: 'abandoned' });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-03T10:00:00Z', outcome: null });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-04T00:00:00Z', outcome: 'connected' });

      const response = await adminClient(ctx.app)
        .get('/admin/reports/timeseries?from=2025-03-01&to=2025-03-04&interval=day')
        .expect(200);

      expect(response.body).toStrictEqual({
        from: '2025-03-01T00:00:00.000000Z',
        to: '2025-03-04T00:00:00.000000Z',
        interval: 'day',
        buckets: [
          {
            start: '2025-03-01T00:00:00.000Z',
            total: 2,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, connected: 1, failed: 1 },
            ...NO_CLOSED,
          },
          {
            start: '2025-03-02T00:00:00.000Z',
            total: 1,
            inProgress: 0,
            byOutcome: { ...ZERO_OUTCOMES, abandoned: 1 },
            ...NO_CLOSED,
          },
          { start: '2025-03-03T00:00:00.000Z', total: 1, inProgress: 1, byOutcome: ZERO_OUTCOMES, ...NO_CLOSED },
        ],
      });
    });

    it('counts per UTC hour, the partial first and last hours only inside the range', async () => {
      await seedSession(ctx.dataSource, { startedAt: '2025-03-01T22:10:00Z', outcome: 'connected' });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-01T22:40:00Z', outcome: 'connected' });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-02T00:20:00Z', outcome: 'operator' });
      await seedSession(ctx.dataSource, { startedAt: '2025-03-02T00:50:00Z', outcome: 'voicemail' });

      const response = await adminClient(ctx.app)
        .get(
          `/admin/reports/timeseries?from=${encodeURIComponent('2025-03-01T22:30:00Z')}&to=${encodeURIComponent('2025-03-02T00:30:00Z')}&interval=hour`,
        )
        .expect(200);

      expect(response.body.buckets).toStrictEqual([
        {
          start: '2025-03-01T22:00:00.000Z',
          total: 1,
          inProgress: 0,
          byOutcome: { ...ZERO_OUTCOMES, connected: 1 },
          ...NO_CLOSED,
        },
        { start: '2025-03-01T23:00:00.000Z', total: 0, inProgress: 0, byOutcome: ZERO_OUTCOMES, ...NO_CLOSED },
        {
          start: '2025-03-02T00:00:00.000Z',
          total: 1,
          inProgress: 0,
          byOutcome: { ...ZERO_OUTCOMES, operator: 1 },
          ...NO_CLOSED,
        },
      ]);
    });

    it('buckets by day when no interval is given', async () => {
      const response = await adminClient(ctx.app)
        .get('/admin/reports/timeseries?from=2025-03-01&to=2025-03-03')
        .expect(200);

      expect(response.body.interval).toBe('day');
      expect(response.body.buckets).toHaveLength(2);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['/admin/reports/summary', 'from is required'],
      ['/admin/reports/summary?from=2025-03-01', 'to is required'],
      [
        '/admin/reports/summary?from=yesterday&to=2025-03-01',
        'from must be an ISO 8601 date (2026-01-31) or date-time with a time zone',
      ],
      ['/admin/reports/summary?from=2025-02-30&to=2025-03-01', 'from must be an ISO 8601 date'],
      ['/admin/reports/summary?from=2025-03-01T10:00:00&to=2025-03-02', 'from must be an ISO 8601 date'],
      ['/admin/reports/summary?from=2025-03-01&to=2025-13-01', 'to must be an ISO 8601 date'],
      ['/admin/reports/summary?from=2025-03-02&to=2025-03-01', 'from must not be after to'],
      ['/admin/reports/summary?from=2025-03-01&to=2025-03-02&departmentId=x', 'property departmentId should not exist'],
      ['/admin/reports/timeseries?from=2025-03-01&to=2025-03-02&interval=week', 'interval must be one of hour, day'],
      ['/admin/reports/timeseries?from=2025-03-02&to=2025-03-01', 'from must not be after to'],
      [
        '/admin/reports/timeseries?from=2025-01-01&to=2025-03-01&interval=hour',
        '1416 buckets, more than 1000: use interval=day',
      ],
    ])('answers 400 for %s', async (path, message) => {
      const response = await adminClient(ctx.app).get(path).expect(400);

      expect(JSON.stringify(response.body)).toContain(message);
    });

    it.each([
      '/admin/reports/summary?from=2025-03-01&to=2025-03-02',
      '/admin/reports/timeseries?from=2025-03-01&to=2025-03-02',
    ])('answers 401 without a token for %s', async (path) => {
      await adminClient(ctx.app, 'not-a-known-secret-0000').get(path).expect(401);
    });
  });
});
