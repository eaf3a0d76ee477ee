import request from 'supertest';
import { adminClient, type AuditItem, viewerClient } from './helpers/admin-client.js';
import { ADMIN_SECRET, VIEWER_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

const NINE_TO_FIVE = [{ opens: '09:00', closes: '17:00' }];
const SCHEDULE = {
  timeZone: 'America/New_York',
  weekly: { monday: NINE_TO_FIVE, tuesday: NINE_TO_FIVE, wednesday: NINE_TO_FIVE, thursday: NINE_TO_FIVE },
  overrides: [
    { date: '2026-12-31', hours: [{ opens: '09:00', closes: '12:00' }] },
    { date: '2026-12-24', name: 'Christmas Eve', hours: [] },
  ],
};
// Wednesday 2026-01-14, 12:00 EST.
const NOW = new Date('2026-01-14T17:00:00Z');

describe('admin API: business hours (e2e)', () => {
  const ctx = useTestApp({ now: () => NOW, menu: 'beforeEach' });

  const schedulePath = () => `/admin/departments/${ctx.menu.sales.id}/schedule`;

  function put(path: string, body: object, ifMatch?: string, secret = ADMIN_SECRET) {
    const pending = request(ctx.app.getHttpServer()).put(path).set('Authorization', `Bearer ${secret}`);
    return (ifMatch === undefined ? pending : pending.set('If-Match', ifMatch)).send(body);
  }

  async function latestAudit(entityId: string): Promise<AuditItem[]> {
    const response = await adminClient(ctx.app).get(`/admin/audit-log?entityId=${entityId}`).expect(200);
    return response.body.items as AuditItem[];
  }

  function fieldMessages(body: { fields: { field: string; messages: string[] }[] }): Record<string, string[]> {
    return Object.fromEntries(body.fields.map((field) => [field.field, field.messages]));
  }

  describe('schedule', () => {
    it('answers 404 for a department without a schedule (always open), and for an unknown department', async () => {
      const none = await adminClient(ctx.app).get(schedulePath()).expect(404);
      expect(none.body.code).toBe('SCHEDULE.NOT_FOUND');
      const unknown = await adminClient(ctx.app).get(
        '/admin/departments/00000000-0000-4000-8000-000000000000/schedule',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('DEPARTMENT.NOT_FOUND');
      await adminClient(ctx.app).get('/admin/departments/not-a-uuid/schedule').expect(404);
    });

    it('creates a schedule with PUT (201, ETag "1"), filling in the defaults and one spelling of it', async () => {
      const response = await put(schedulePath(), SCHEDULE).expect(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toMatchObject({
        departmentId: ctx.menu.sales.id,
        timeZone: 'America/New_York',
        weekly: {
          monday: NINE_TO_FIVE,
          tuesday: NINE_TO_FIVE,
          wednesday: NINE_TO_FIVE,
          thursday: NINE_TO_FIVE,
          friday: [],
          saturday: [],
          sunday: [],
        },
        overrides: [
          { date: '2026-12-24', name: 'Christmas Eve', hours: [] },
          { date: '2026-12-31', name: null, hours: [{ opens: '09:00', closes: '12:00' }] },
        ],
        followCompanyHolidays: true,
        closedAction: 'voicemail',
        forwardTo: null,
        hideWhenClosed: false,
        version: 1,
      });
      const read = await viewerClient(ctx.app).get(schedulePath()).expect(200).expect('ETag', '"1"');
      expect(read.body).toEqual(response.body);
    });

    it('replaces a schedule only with the current ETag', async () => {
      await put(schedulePath(), SCHEDULE).expect(201);
      const replacement = { ...SCHEDULE, closedAction: 'forward', forwardTo: '+15555550199', hideWhenClosed: true };

      const missing = await put(schedulePath(), replacement).expect(428);
      expect(missing.body.code).toBe('PRECONDITION.REQUIRED');
      const stale = await put(schedulePath(), replacement, '"7"').expect(412);
      expect(stale.body.currentEtag).toBe('"1"');
      const replaced = await put(schedulePath(), replacement, '"1"').expect(200);

      expect(replaced.headers.etag).toBe('"2"');
      expect(replaced.body).toMatchObject({ closedAction: 'forward', forwardTo: '+15555550199', hideWhenClosed: true });
    });

    it('answers 412 for an If-Match naming a schedule that does not exist', async () => {
      const response = await put(schedulePath(), SCHEDULE, '"3"').expect(412);
      expect(response.body.code).toBe('PRECONDITION.FAILED');
    });

    it('removes a schedule with DELETE and If-Match: the department is always open again', async () => {
      await put(schedulePath(), SCHEDULE).expect(201);
      await adminClient(ctx.app).delete(schedulePath()).expect(428);
      await adminClient(ctx.app).delete(schedulePath(), '"1"').expect(204);
      await adminClient(ctx.app).get(schedulePath()).expect(404);
      const availability = await adminClient(ctx.app)
        .get(`/admin/departments/${ctx.menu.sales.id}/availability`)
        .expect(200);
      expect(availability.body).toMatchObject({ open: true, reason: 'always_open', timeZone: null });
      await adminClient(ctx.app).delete(schedulePath(), '*').expect(404);
    });

    it('lets a viewer read but not write', async () => {
      await put(schedulePath(), SCHEDULE, undefined, VIEWER_SECRET).expect(403);
      await request(ctx.app.getHttpServer()).put(schedulePath()).send(SCHEDULE).expect(401);
      await viewerClient(ctx.app).delete(schedulePath(), '*').expect(403);
    });

    it.each([
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'timeZone must be an IANA time zone such as America/New_York'],
      [{ timeZone: '+05:00' }, 'timeZone', 'timeZone must be an IANA time zone such as America/New_York'],
      [
        { weekly: { monday: [{ opens: '9:00', closes: '17:00' }] } },
        'weekly.monday.0.opens',
        'opens must be a time HH:MM from 00:00 to 23:59',
      ],
      [
        { weekly: { monday: [{ opens: '09:00', closes: '25:00' }] } },
        'weekly.monday.0.closes',
        'closes must be a time HH:MM from 00:00 to 24:00 (at or before opens: the next day)',
      ],
      [
        { weekly: { monday: [{ opens: '09:00', closes: '09:00' }] } },
        'weekly.monday.0.closes',
        'closes must differ from opens (00:00-24:00 is the whole day)',
      ],
      [
        {
          weekly: {
            monday: [
              { opens: '09:00', closes: '13:00' },
              { opens: '12:00', closes: '17:00' },
            ],
          },
        },
        'weekly',
        'weekly intervals must not overlap: monday: 09:00-13:00 overlaps 12:00-17:00',
      ],
      [
        { weekly: { friday: [{ opens: '22:00', closes: '08:00' }], saturday: [{ opens: '07:00', closes: '12:00' }] } },
        'weekly',
        'weekly intervals must not overlap: friday 22:00-08:00 runs into saturday 07:00-12:00',
      ],
      [{ weekly: { mon: NINE_TO_FIVE } }, 'weekly.mon', 'property mon should not exist'],
      [{ weekly: undefined }, 'weekly', 'weekly is required (an object of days; {} is never open)'],
      [
        { overrides: [{ date: '2026-02-30', hours: [] }] },
        'overrides.0.date',
        'date must be a calendar date YYYY-MM-DD',
      ],
      [
        { overrides: [{ date: '24.12.2026', hours: [] }] },
        'overrides.0.date',
        'date must be a calendar date YYYY-MM-DD',
      ],
      [
        {
          overrides: [
            { date: '2026-12-24', hours: [] },
            { date: '2026-12-24', hours: NINE_TO_FIVE },
          ],
        },
        'overrides',
        'overrides must not repeat a date',
      ],
      [
        {
          overrides: [
            {
              date: '2026-12-24',
              hours: [
                { opens: '09:00', closes: '12:00' },
                { opens: '11:00', closes: '12:30' },
              ],
            },
          ],
        },
        'overrides.0.hours',
        'hours must not overlap: 09:00-12:00 overlaps 11:00-12:30',
      ],
      [{ closedAction: 'forward' }, 'forwardTo', 'forwardTo is required when closedAction is forward'],
      [
        { closedAction: 'voicemail', forwardTo: '+15555550199' },
        'forwardTo',
        'forwardTo is only used when closedAction is forward',
      ],
      [
        { closedAction: 'forward', forwardTo: 'call bob' },
        'forwardTo',
        'forwardTo must be an E.164 number like +15551234567 or a sip: URI',
      ],
      [{ closedAction: 'hangup' }, 'closedAction', 'closedAction must be one of voicemail, forward, menu'],
    ])('answers 400 for %j, naming %s', async (change, field, message) => {
      const response = await put(schedulePath(), { ...SCHEDULE, ...change }).expect(400);
      expect(fieldMessages(response.body)[field]).toContain(message);
      await adminClient(ctx.app).get(schedulePath()).expect(404);
    });

    it('accepts overnight and whole-day intervals and a SIP forward target', async () => {
      const response = await put(schedulePath(), {
        timeZone: 'Europe/Berlin',
        weekly: {
          friday: [{ opens: '22:00', closes: '06:00' }],
          saturday: [{ opens: '06:00', closes: '24:00' }],
          sunday: [{ opens: '00:00', closes: '24:00' }],
        },
        closedAction: 'forward',
        forwardTo: 'sip:night@pbx.example.com',
      }).expect(201);
      expect(response.body.forwardTo).toBe('sip:night@pbx.example.com');
    });
  });

  describe('holidays', () => {
    it('creates holidays (201 with an ETag) and lists them in date order', async () => {
      const created = await adminClient(ctx.app)
        .post('/admin/holidays', { date: '2026-12-25', name: ' Christmas Day ' })
        .expect(201);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toMatchObject({ date: '2026-12-25', name: 'Christmas Day', version: 1 });
      await adminClient(ctx.app).post('/admin/holidays', { date: '2026-01-01', name: "New Year's Day" }).expect(201);

      const list = await viewerClient(ctx.app).get('/admin/holidays').expect(200);
      expect(list.body.map((holiday: { date: string }) => holiday.date)).toEqual(['2026-01-01', '2026-12-25']);
    });

    it('answers 409 for a date that already is a holiday, naming it', async () => {
      const first = await adminClient(ctx.app)
        .post('/admin/holidays', { date: '2026-12-25', name: 'Christmas' })
        .expect(201);
      const response = await adminClient(ctx.app)
        .post('/admin/holidays', { date: '2026-12-25', name: 'Xmas' })
        .expect(409);
      expect(response.body).toMatchObject({
        code: 'HOLIDAY.DATE_TAKEN',
        conflictingHoliday: { id: first.body.id, date: '2026-12-25', name: 'Christmas' },
      });
    });

    it.each([
      [{ date: '2026-13-01', name: 'Nope' }, 'date must be a calendar date YYYY-MM-DD'],
      [{ date: '2026-12-25', name: '' }, 'name must be 1 to 100 characters'],
      [{ date: '2026-12-25', name: 'x', colour: 'red' }, 'property colour should not exist'],
    ])('answers 400 for %j', async (body, message) => {
      const response = await adminClient(ctx.app).post('/admin/holidays', body).expect(400);
      expect(response.body.message).toContain(message);
    });

    it('deletes a holiday with If-Match', async () => {
      const created = await adminClient(ctx.app)
        .post('/admin/holidays', { date: '2026-12-25', name: 'Christmas' })
        .expect(201);
      const path = `/admin/holidays/${created.body.id}`;
      await adminClient(ctx.app).delete(path).expect(428);
      await adminClient(ctx.app).delete(path, '"2"').expect(412);
      await viewerClient(ctx.app).delete(path, '"1"').expect(403);
      await adminClient(ctx.app).delete(path, '"1"').expect(204);
      expect((await adminClient(ctx.app).get('/admin/holidays').expect(200)).body).toEqual([]);
      const gone = await adminClient(ctx.app).delete(path, '*').expect(404);
      expect(gone.body.code).toBe('HOLIDAY.NOT_FOUND');
      await adminClient(ctx.app).delete('/admin/holidays/2026-12-25', '*').expect(404);
    });
  });

  describe('availability', () => {
    const availability = (query = '') =>
      adminClient(ctx.app).get(`/admin/departments/${ctx.menu.sales.id}/availability${query}`).expect(200);

    beforeEach(async () => {
      await put(schedulePath(), SCHEDULE).expect(201);
    });

    it('answers for now by default, with times in the department’s zone', async () => {
      expect((await availability()).body).toEqual({
        departmentId: ctx.menu.sales.id,
        at: '2026-01-14T12:00:00-05:00',
        timeZone: 'America/New_York',
        open: true,
        opensAt: null,
        closesAt: '2026-01-14T17:00:00-05:00',
        reason: 'regular_hours',
      });
    });

    it('answers for a given instant, a "+" offset sent unencoded included', async () => {
      expect((await availability('?at=2026-01-16T10:00:00Z')).body).toMatchObject({
        at: '2026-01-16T05:00:00-05:00',
        open: false,
        opensAt: '2026-01-19T09:00:00-05:00',
        reason: 'outside_regular_hours',
      });
      expect((await availability('?at=2026-01-14T18:00:00+01:00')).body).toMatchObject({ open: true });
    });

    it("reads a time without an offset as the department's local time", async () => {
      expect((await availability('?at=2026-01-14T08:30')).body).toMatchObject({
        at: '2026-01-14T08:30:00-05:00',
        open: false,
        opensAt: '2026-01-14T09:00:00-05:00',
      });
    });

    it('lets an admin check a schedule before a holiday', async () => {
      await adminClient(ctx.app).post('/admin/holidays', { date: '2026-12-28', name: 'Company day' }).expect(201);
      expect((await availability('?at=2026-12-28T10:00')).body).toMatchObject({
        open: false,
        reason: 'holiday',
        opensAt: '2026-12-29T09:00:00-05:00',
      });
      expect((await availability('?at=2026-12-24T10:00')).body).toMatchObject({ open: false, reason: 'closed_date' });
      expect((await availability('?at=2026-12-31T10:00')).body).toMatchObject({
        open: true,
        reason: 'special_hours',
        closesAt: '2026-12-31T12:00:00-05:00',
      });
    });

    it('answers 400 for a moment that is not an ISO 8601 date-time', async () => {
      for (const at of ['tomorrow', '2026-01-14', '2026-02-30T10:00']) {
        const response = await adminClient(ctx.app).get(
          `/admin/departments/${ctx.menu.sales.id}/availability?at=${encodeURIComponent(at)}`,
        );
        expect({ at, status: response.status }).toEqual({ at, status: 400 });
      }
    });

    it('answers 404 for an unknown department', async () => {
      await adminClient(ctx.app)
        .get('/admin/departments/00000000-0000-4000-8000-000000000000/availability')
        .expect(404);
    });
  });

  describe('audit', () => {
    it('records creating, replacing and removing a schedule, with the values before and after', async () => {
      await put(schedulePath(), SCHEDULE).set('X-Request-Id', 'req-schedule-1').expect(201);
      await put(schedulePath(), { ...SCHEDULE, timeZone: 'America/Chicago' }, '"1"').expect(200);
      await adminClient(ctx.app).delete(schedulePath(), '"2"').expect(204);

      const [removed, replaced, created] = await latestAudit(ctx.menu.sales.id);
      expect(created).toMatchObject({
        action: 'create',
        entity: 'department_schedule',
        entityId: ctx.menu.sales.id,
        actor: 'alice',
        before: null,
        after: { timeZone: 'America/New_York', version: 1 },
      });
      expect(replaced).toMatchObject({
        action: 'update',
        before: { timeZone: 'America/New_York', version: 1 },
        after: { timeZone: 'America/Chicago', version: 2 },
      });
      expect(removed).toMatchObject({ action: 'delete', before: { timeZone: 'America/Chicago' }, after: null });
    });

    it('records nothing, and keeps the version, for a PUT that changes nothing', async () => {
      await put(schedulePath(), SCHEDULE).expect(201);
      const response = await put(schedulePath(), SCHEDULE, '"1"').expect(200);
      expect(response.headers.etag).toBe('"1"');
      expect(await latestAudit(ctx.menu.sales.id)).toHaveLength(1);
    });

    it('writes nothing, audit included, for a refused change', async () => {
      await put(schedulePath(), SCHEDULE, undefined, VIEWER_SECRET).expect(403);
      await put(schedulePath(), { ...SCHEDULE, timeZone: 'Nowhere/Land' }).expect(400);
      expect(await latestAudit(ctx.menu.sales.id)).toEqual([]);
    });

    it('records creating and deleting a holiday', async () => {
      const created = await adminClient(ctx.app)
        .post('/admin/holidays', { date: '2026-07-03', name: 'Summer' })
        .expect(201);
      await adminClient(ctx.app).delete(`/admin/holidays/${created.body.id}`, '"1"').expect(204);

      const [deleted, added] = await latestAudit(created.body.id);
      expect(added).toMatchObject({
        action: 'create',
        entity: 'holiday',
        before: null,
        after: { date: '2026-07-03', name: 'Summer' },
      });
      expect(deleted).toMatchObject({ action: 'delete', before: { date: '2026-07-03' }, after: null });
      const verified = await adminClient(ctx.app).get('/admin/audit-log/verify').expect(200);
      expect(verified.body).toEqual({ ok: true, entries: expect.any(Number) });
    });
  });
});
