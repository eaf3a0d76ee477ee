import request from 'supertest';
import { adminClient, viewerClient } from './helpers/admin-client.js';
import { createDepartment, OPERATOR_NUMBER } from './helpers/factories.js';
import { collectPages, playCall, seedSession } from './helpers/reporting.js';
import { pollUntil } from './helpers/deadline.js';
import { callParams, signedPost } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

interface Row {
  callSid: string;
  from: string | null;
  to: string | null;
  startedAt: string;
  outcome: string | null;
}

describe('reports: call sessions (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  async function list(query = '', client = adminClient(ctx.app)): Promise<{ items: Row[]; nextCursor: string | null }> {
    return (await client.get(`/admin/call-sessions${query}`).expect(200)).body as {
      items: Row[];
      nextCursor: string | null;
    };
  }

  /** The CallSids in the listing's order, as PostgreSQL sorts them. */
  async function inListingOrder(callSids: string[]): Promise<string[]> {
    const rows = await ctx.dataSource.query<{ call_sid: string }[]>(
      'SELECT call_sid FROM ivr.call_sessions WHERE call_sid = ANY($1) ORDER BY started_at DESC, call_sid DESC',
      [callSids],
    );
    return rows.map((row) => row.call_sid);
  }

  describe('listing', () => {
    it('lists calls newest first, each with its department, attempts and outcome', async () => {
      const connected = await (
        await (await (await playCall(ctx.app)).say('sales please', 0.3)).press('1')
      ).dialed('completed');
      await connected.ended('completed', 42);
      const inProgress = await playCall(ctx.app, '+15557654321');

      const { items, nextCursor } = await list();

      expect(nextCursor).toBeNull();
      expect(items).toStrictEqual([
        {
          callSid: inProgress.callSid,
          from: '+15557654321',
          to: '+15559870000',
          startedAt: expect.any(String),
          endedAt: null,
          durationSeconds: null,
          outcome: null,
          department: null,
          attempts: 0,
          callStatus: null,
          callerName: null,
          tags: [],
          callerLookup: null,
          language: 'en-US',
        },
        {
          callSid: connected.callSid,
          from: '+15551230123',
          to: '+15559870000',
          startedAt: expect.any(String),
          endedAt: expect.any(String),
          durationSeconds: 42,
          outcome: 'connected',
          department: { id: ctx.menu.sales.id, name: 'Sales' },
          attempts: 2,
          callStatus: 'completed',
          callerName: null,
          tags: [],
          callerLookup: null,
          language: 'en-US',
        },
      ]);
      expect(Date.parse(items[0].startedAt)).toBeGreaterThanOrEqual(Date.parse(items[1].startedAt));
    });

    it('pages through every call once, in order, while new calls arrive', async () => {
      // Calls from the webhooks, and older ones inserted in SQL: six share one start time and two
      // others differ from each other by a microsecond only, so the order rests on the CallSid and
      // on the cursor keeping microseconds.
      const existing: string[] = [];
      for (let call = 0; call < 5; call++) existing.push((await playCall(ctx.app)).callSid);
      for (let call = 0; call < 6; call++)
        existing.push(await seedSession(ctx.dataSource, { startedAt: '2026-01-10T10:00:00.000500Z' }));
      existing.push(await seedSession(ctx.dataSource, { startedAt: '2026-01-10T10:00:00.000501Z' }));
      existing.push(await seedSession(ctx.dataSource, { startedAt: '2026-01-10T10:00:00.000499Z' }));
      for (let day = 1; day <= 9; day++)
        existing.push(await seedSession(ctx.dataSource, { startedAt: `2026-01-0${day}T08:00:00Z` }));
      const arrived: string[] = [];

      const listed = await collectPages(
        async (cursor) => list(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`),
        async () => {
          arrived.push((await playCall(ctx.app)).callSid);
          arrived.push(await seedSession(ctx.dataSource, { startedAt: new Date().toISOString() }));
        },
      );

      expect(listed).toEqual(await inListingOrder(existing));
      expect(new Set(listed).size).toBe(existing.length);
      expect(arrived).toHaveLength(2 * Math.floor((existing.length - 1) / 4));
      const fresh = await list(`?limit=${arrived.length}`);
      expect(fresh.items.map((item) => item.callSid).sort()).toEqual([...arrived].sort());
    });

    it('answers 50 calls by default and up to 500 on request', async () => {
      await ctx.dataSource.query(
        `INSERT INTO ivr.call_sessions (call_sid, started_at)
         SELECT 'CA' || lpad(i::text, 32, '0'), timestamptz '2026-01-01' + i * interval '1 minute' FROM generate_series(1, 120) AS i`,
      );

      const byDefault = await list();
      expect(byDefault.items).toHaveLength(50);
      expect(byDefault.nextCursor).not.toBeNull();
      const all = await list('?limit=500');
      expect(all.items).toHaveLength(120);
      expect(all.nextCursor).toBeNull();
      const exact = await list('?limit=120');
      expect(exact.nextCursor).toBeNull();
    });
  });

  describe('filters', () => {
    let calls: Record<string, string>;

    beforeEach(async () => {
      const returns = await createDepartment(ctx.app, { name: 'Returns', phoneNumber: '+15555550104', digit: '4' });
      calls = {
        early: await seedSession(ctx.dataSource, {
          startedAt: '2026-02-01T00:00:00Z',
          outcome: 'connected',
          departmentId: ctx.menu.sales.id,
          from: '+15551110000',
        }),
        middle: await seedSession(ctx.dataSource, {
          startedAt: '2026-02-01T12:00:00.000001Z',
          outcome: 'voicemail',
          departmentId: returns.id,
          from: '+15552220000',
        }),
        late: await seedSession(ctx.dataSource, {
          startedAt: '2026-02-02T00:00:00Z',
          outcome: 'connected',
          departmentId: returns.id,
          from: '+15551110000',
        }),
        operator: await seedSession(ctx.dataSource, {
          startedAt: '2026-02-01T18:00:00Z',
          outcome: 'operator',
          dialTarget: 'operator',
          from: 'sip:desk@pbx.example.com',
        }),
      };
    });

    async function filtered(query: string): Promise<string[]> {
      return (await list(query)).items.map((item) => item.callSid);
    }

    it('filters by start time, from inclusive and to exclusive, to the microsecond', async () => {
      expect(await filtered('?from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z')).toEqual([
        calls.operator,
        calls.middle,
        calls.early,
      ]);
      expect(await filtered(`?from=${encodeURIComponent('2026-02-01T12:00:00.000001Z')}`)).toEqual([
        calls.late,
        calls.operator,
        calls.middle,
      ]);
      expect(await filtered(`?to=${encodeURIComponent('2026-02-01T12:00:00.000001Z')}`)).toEqual([calls.early]);
      expect(await filtered(`?from=${encodeURIComponent('2026-02-01T13:00:00+01:00')}&to=2026-02-02`)).toEqual([
        calls.operator,
        calls.middle,
      ]);
    });

    it('filters by outcome', async () => {
      expect(await filtered('?outcome=connected')).toEqual([calls.late, calls.early]);
      expect(await filtered('?outcome=failed')).toEqual([]);
    });

    it('filters by the department the menu routed to', async () => {
      const returns = (await list('?outcome=voicemail')).items[0];
      expect(returns.callSid).toBe(calls.middle);
      expect(await filtered(`?departmentId=${ctx.menu.sales.id}`)).toEqual([calls.early]);
      expect(await filtered(`?departmentId=${ctx.menu.support.id}`)).toEqual([]);
    });

    it('filters by the exact caller number, with its plus encoded or not', async () => {
      expect(await filtered('?caller=%2B15551110000')).toEqual([calls.late, calls.early]);
      // A bare "+" in a query string means a space: the filter still reads it as the number.
      expect(await filtered('?caller=+15551110000')).toEqual([calls.late, calls.early]);
      expect(await filtered(`?caller=${encodeURIComponent('sip:desk@pbx.example.com')}`)).toEqual([calls.operator]);
      expect(await filtered('?caller=%2B1555111')).toEqual([]);
    });

    it('combines filters, and pages through the combination', async () => {
      expect(await filtered(`?outcome=connected&from=2026-02-01T06:00:00Z`)).toEqual([calls.late]);
      const pages = await collectPages(async (cursor) =>
        list(`?caller=%2B15551110000&outcome=connected&limit=1${cursor ? `&cursor=${cursor}` : ''}`),
      );
      expect(pages).toEqual([calls.late, calls.early]);
    });
  });

  describe('caller numbers per role', () => {
    it('masks the numbers for a viewer token and shows them whole to an admin token, in pages and details', async () => {
      const call = await playCall(ctx.app, '+15551230123');

      const asViewer = (await list('', viewerClient(ctx.app))).items[0];
      const asAdmin = (await list('', adminClient(ctx.app))).items[0];
      expect([asViewer.from, asViewer.to]).toEqual(['+1555***0123', '+1555***0000']);
      expect([asAdmin.from, asAdmin.to]).toEqual(['+15551230123', '+15559870000']);

      const viewerDetail = await viewerClient(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200);
      const adminDetail = await adminClient(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200);
      expect([viewerDetail.body.from, viewerDetail.body.to]).toEqual(['+1555***0123', '+1555***0000']);
      expect([adminDetail.body.from, adminDetail.body.to]).toEqual(['+15551230123', '+15559870000']);
      expect(JSON.stringify(viewerDetail.body)).not.toContain('15551230123');
    });

    it('keeps the masked view consistent with the unmasked one', async () => {
      await seedSession(ctx.dataSource, {
        startedAt: '2026-02-01T00:00:00Z',
        from: 'sip:alice@pbx.example.com',
        to: null,
      });

      const [row] = (await list('', viewerClient(ctx.app))).items;

      expect([row.from, row.to]).toEqual(['sip:***', null]);
    });
  });

  describe('one call', () => {
    it('shows the attempt timeline, the dial result and the voicemail recording', async () => {
      const call = await (await (await playCall(ctx.app)).say('sales please', 0.3)).press('3');
      await (await (await call.dialed('no-answer')).recorded(12)).ended('completed', 90);

      const response = await adminClient(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200);

      expect(response.body).toStrictEqual({
        callSid: call.callSid,
        from: '+15551230123',
        to: '+15559870000',
        startedAt: expect.any(String),
        endedAt: expect.any(String),
        durationSeconds: 90,
        outcome: 'voicemail',
        department: { id: ctx.menu.billing.id, name: 'Billing' },
        attempts: 2,
        callStatus: 'completed',
        callerName: null,
        tags: [],
        callerLookup: null,
        language: 'en-US',
        timeline: [
          {
            round: 1,
            at: expect.any(String),
            inputKind: 'speech',
            digits: null,
            speechResult: 'sales please',
            confidence: 0.3,
            matchedDepartment: { id: ctx.menu.sales.id, name: 'Sales' },
            decision: 'reprompt_low_confidence',
            failure: 'low_confidence',
            menuId: null,
            menuName: 'Main menu',
            optionId: null,
          },
          {
            round: 2,
            at: expect.any(String),
            inputKind: 'dtmf',
            digits: '3',
            speechResult: null,
            confidence: null,
            matchedDepartment: { id: ctx.menu.billing.id, name: 'Billing' },
            decision: 'route',
            failure: null,
            menuId: null,
            menuName: 'Main menu',
            optionId: null,
          },
        ],
        menuPath: ['Main menu'],
        dial: {
          target: 'department',
          number: 'sip:billing@pbx.example.com',
          routedAt: expect.any(String),
          status: 'no-answer',
          dialCallSid: expect.stringMatching(/^CA/),
          durationSeconds: null,
        },
        recording: {
          sid: `RE${call.callSid.slice(2)}`,
          url: expect.stringContaining('/Recordings/RE'),
          durationSeconds: 12,
        },
        transcriptionStatus: null,
        transcriptionText: null,
        twilioError: null,
      });
      const [first, second] = response.body.timeline as { at: string }[];
      expect(Date.parse(first.at)).toBeLessThanOrEqual(Date.parse(second.at));
    });

    it('shows an operator call and a call that never reached the menu', async () => {
      const operator = await (await (await (await playCall(ctx.app)).silence()).silence()).silence();
      await operator.dialed('completed', 30);
      const unrouted = await playCall(ctx.app);

      const operatorDetail = (await adminClient(ctx.app).get(`/admin/call-sessions/${operator.callSid}`).expect(200))
        .body;
      const unroutedDetail = (await adminClient(ctx.app).get(`/admin/call-sessions/${unrouted.callSid}`).expect(200))
        .body;

      expect(operatorDetail).toMatchObject({
        outcome: 'operator',
        department: null,
        attempts: 3,
        dial: { target: 'operator', number: OPERATOR_NUMBER, status: 'completed', durationSeconds: 30 },
        recording: null,
      });
      expect(operatorDetail.timeline.map((attempt: { decision: string }) => attempt.decision)).toEqual([
        'reprompt_no_input',
        'reprompt_no_input',
        'operator',
      ]);
      expect(unroutedDetail).toMatchObject({
        outcome: null,
        attempts: 0,
        timeline: [],
        dial: null,
        recording: null,
        transcriptionStatus: null,
        transcriptionText: null,
      });
    });

    it("shows Twilio's error when it fell back to the fallback URL for the call", async () => {
      const call = await playCall(ctx.app);
      await signedPost(
        ctx.app,
        '/voice/fallback',
        callParams(call.callSid, { ErrorCode: '11200', ErrorUrl: 'https://ivr.example.test/voice/gather?round=1' }),
      ).expect(200);

      // Answered without the database; the error is written when the spool drains.
      const detail = await pollUntil(
        async () =>
          (await viewerClient(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200)).body as {
            twilioError: unknown;
            outcome: string | null;
          },
        (body) => body.twilioError !== null,
      );

      expect(detail.twilioError).toEqual({ code: '11200', url: 'https://ivr.example.test/voice/gather?round=1' });
      expect(detail.outcome).toBe('failed');
    });

    it.each([
      ['an unknown CallSid', 'CA00000000000000000000000000000000'],
      ['something that is no CallSid', 'not-a-call-sid'],
    ])('answers 404 for %s', async (_case, callSid) => {
      const response = await viewerClient(ctx.app).get(`/admin/call-sessions/${callSid}`).expect(404);

      expect(response.body).toMatchObject({ statusCode: 404, code: 'CALL_SESSION.NOT_FOUND' });
    });
  });

  describe('CSV export', () => {
    const HEADER =
      'callSid,from,to,startedAt,endedAt,durationSeconds,outcome,departmentId,departmentName,attempts,callStatus,' +
      'transcriptionStatus,transcriptionText,callerName,tags,language';

    const csv = (query: string, client = adminClient(ctx.app)) =>
      client.get(`/admin/call-sessions?format=csv${query}`).buffer(true).expect(200);

    it('streams a header and one line per call, with the same columns as the listing', async () => {
      const quoted = await createDepartment(ctx.app, {
        name: 'Sales, "EMEA"',
        phoneNumber: '+15555550105',
        digit: '5',
      });
      const connected = await (await (await playCall(ctx.app)).press('5')).dialed('completed');
      await connected.ended('completed', 42);
      const inProgress = await playCall(ctx.app, '+15557654321');

      const response = await csv('');

      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="call-sessions-\d{8}T\d{6}Z\.csv"$/,
      );
      expect(response.headers['cache-control']).toBe('no-store');
      const [header, ...lines] = response.text.split('\r\n');
      expect(header).toBe(HEADER);
      const { items } = await list();
      expect(lines).toHaveLength(3);
      expect(lines[0]).toBe(`${inProgress.callSid},+15557654321,+15559870000,${items[0].startedAt},,,,,,0,,,,,,en-US`);
      expect(lines[1].split(',').slice(0, 4)).toEqual([
        connected.callSid,
        '+15551230123',
        '+15559870000',
        items[1].startedAt,
      ]);
      expect(lines[1]).toMatch(new RegExp(`,42,connected,${quoted.id},"Sales, ""EMEA""",1,completed,,,,,en-US$`));
      expect(lines[2]).toBe('');
    });

    it('masks the numbers for a viewer token', async () => {
      await playCall(ctx.app, '+15551230123');

      const response = await csv('', viewerClient(ctx.app));

      expect(response.text.split('\r\n')[1]).toContain(',+1555***0123,+1555***0000,');
      expect(response.text).not.toContain('15551230123');
    });

    it('exports every matching call across batches, in listing order, once each', async () => {
      await ctx.dataSource.query(
        `INSERT INTO ivr.call_sessions (call_sid, from_number, started_at, outcome)
         SELECT 'CA' || lpad(i::text, 32, '0'), '+1555000' || lpad((i % 3)::text, 4, '0'),
                timestamptz '2026-01-01' + (i / 7) * interval '1 second', CASE WHEN i % 2 = 0 THEN 'connected' ELSE 'failed' END
         FROM generate_series(1, 2345) AS i`,
      );

      const all = (await csv('')).text.split('\r\n').slice(1, -1);
      const connectedOnly = (await csv('&outcome=connected&caller=%2B15550000001')).text.split('\r\n').slice(1, -1);

      const callSids = all.map((line) => line.split(',')[0]);
      expect(callSids).toHaveLength(2345);
      expect(new Set(callSids).size).toBe(2345);
      expect(callSids).toEqual(await inListingOrder(callSids));
      const expected = await ctx.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ivr.call_sessions WHERE outcome = 'connected' AND from_number = '+15550000001'`,
      );
      expect(connectedOnly).toHaveLength(expected[0].n);
      expect(connectedOnly.every((line) => line.includes(',+15550000001,') && line.includes(',connected,'))).toBe(true);
    });

    it('answers a header alone when nothing matches', async () => {
      const response = await csv('&outcome=failed');

      expect(response.text).toBe(`${HEADER}\r\n`);
    });
  });

  describe('bad requests', () => {
    it.each([
      [
        '?from=yesterday',
        'from must be an ISO 8601 date (2026-01-31) or date-time with a time zone (2026-01-31T08:00:00Z)',
      ],
      ['?to=2026-02-30', 'to must be an ISO 8601 date'],
      ['?from=2026-02-01T10:00:00', 'from must be an ISO 8601 date'],
      ['?from=2026-03-01&to=2026-02-01', 'from must not be after to'],
      ['?outcome=hung_up', 'outcome must be one of connected, operator, voicemail, abandoned, failed'],
      ['?limit=501', 'limit must be an integer between 1 and 500'],
      ['?limit=0', 'limit must be an integer between 1 and 500'],
      ['?limit=ten', 'limit must be an integer between 1 and 500'],
      ['?cursor=not*a*cursor', 'cursor must be the nextCursor of a previous page'],
      ['?cursor=bm90LWEtY3Vyc29y', 'cursor must be the nextCursor of a previous page'],
      ['?departmentId=sales', 'departmentId must be a department id (a UUID)'],
      ['?format=xml', 'format must be json or csv'],
      ['?format=csv&limit=10', 'format=csv exports every matching call: leave out limit and cursor'],
      ['?sort=asc', 'property sort should not exist'],
    ])('answers 400 for %s', async (query, message) => {
      const response = await viewerClient(ctx.app).get(`/admin/call-sessions${query}`).expect(400);

      expect(JSON.stringify(response.body)).toContain(message);
    });

    it.each(['/admin/call-sessions', '/admin/call-sessions?format=csv', '/admin/call-sessions/CA0123'])(
      'answers 401 without a token for %s',
      async (path) => {
        await request(ctx.app.getHttpServer()).get(path).expect(401);
      },
    );
  });
});
