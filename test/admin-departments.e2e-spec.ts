import request from 'supertest';
import { DataSource } from 'typeorm';
import { adminClient, NEW_DEPARTMENT, viewerClient } from './helpers/admin-client.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('admin API: departments (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  describe('authentication and roles', () => {
    it('answers 401 without a token, with a WWW-Authenticate challenge', async () => {
      const response = await request(ctx.app.getHttpServer()).get('/admin/departments').expect(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body.message).toMatch(/Missing bearer token/);
    });

    it('answers 401 for an unknown token', async () => {
      const response = await adminClient(ctx.app, 'not-a-known-secret-at-all').get('/admin/departments').expect(401);
      expect(response.body.message).toBe('Unknown admin token');
      expect(JSON.stringify(response.body)).not.toContain('not-a-known-secret-at-all');
    });

    it('lets a viewer read', async () => {
      const response = await viewerClient(ctx.app).get('/admin/departments').expect(200);
      expect(response.body.map((department: { name: string }) => department.name)).toEqual([
        'Sales',
        'Support',
        'Billing',
      ]);
    });

    it('answers 403 when a viewer writes, and changes nothing', async () => {
      const create = await viewerClient(ctx.app).post('/admin/departments', NEW_DEPARTMENT).expect(403);
      expect(create.body.message).toMatch(/viewer role/);
      await viewerClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { name: 'Deals' }, '*').expect(403);
      await viewerClient(ctx.app).delete(`/admin/departments/${ctx.menu.sales.id}`, '*').expect(403);
      await viewerClient(ctx.app).patch('/admin/settings', { maxAttempts: 5 }, '*').expect(403);
      expect(await ctx.app.get(DataSource).query('SELECT count(*)::int AS n FROM ivr.departments')).toEqual([{ n: 3 }]);
    });

    it('guards every /admin route: none answers without a token', async () => {
      const router = (
        ctx.app.getHttpAdapter().getInstance() as {
          router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
        }
      ).router;
      const adminRoutes = router.stack
        .flatMap((layer) =>
          layer.route
            ? Object.keys(layer.route.methods).map((method) => ({ method, path: layer.route?.path ?? '' }))
            : [],
        )
        .filter((route) => route.path.startsWith('/admin'));
      expect(adminRoutes.length).toBeGreaterThanOrEqual(9);
      for (const route of adminRoutes) {
        const path = route.path.replace(':id', ctx.menu.sales.id);
        const response = await request(ctx.app.getHttpServer())[route.method as 'get' | 'post' | 'patch' | 'delete'](
          path,
        );
        expect({ route, status: response.status }).toEqual({ route, status: 401 });
      }
    });
  });

  describe('create', () => {
    it('creates a department, answering 201 with its ETag and location', async () => {
      const response = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, confidenceThreshold: 0.75, position: 4 })
        .expect(201);
      expect(response.body).toMatchObject({
        ...NEW_DEPARTMENT,
        confidenceThreshold: 0.75,
        active: true,
        position: 4,
        version: 1,
      });
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`/admin/departments/${response.body.id}`);
      await adminClient(ctx.app).get(response.headers.location).expect(200).expect('ETag', '"1"');
    });

    it('accepts a speech-only department (digit null) and a SIP address', async () => {
      const response = await adminClient(ctx.app)
        .post('/admin/departments', {
          name: 'Partners',
          digit: null,
          keywords: ['partners'],
          phoneNumber: 'sip:partners@pbx.example.com',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        digit: null,
        phoneNumber: 'sip:partners@pbx.example.com',
        confidenceThreshold: null,
      });
    });

    it('answers 400 with a message per invalid field', async () => {
      const response = await adminClient(ctx.app)
        .post('/admin/departments', {
          name: '',
          digit: '12',
          keywords: [],
          phoneNumber: '555-1234',
          confidenceThreshold: 1.5,
        })
        .expect(400);
      const fields = Object.fromEntries(
        (response.body.fields as { field: string; messages: string[] }[]).map((field) => [field.field, field.messages]),
      );
      expect(fields.name).toContain('name must be 1 to 64 characters');
      expect(fields.digit).toContain('digit must be a single digit "0"-"9" or null');
      expect(fields.keywords).toContain('keywords must have at least 1 phrase');
      expect(fields.phoneNumber).toContain('phoneNumber must be an E.164 number like +15551234567 or a sip: URI');
      expect(fields.confidenceThreshold).toContain('confidenceThreshold must be a number between 0 and 1, or null');
    });

    it('refuses unknown fields', async () => {
      const response = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, colour: 'blue' })
        .expect(400);
      expect(response.body.message).toContain('property colour should not exist');
    });

    it('refuses blank and over-long keywords and more than 20 of them', async () => {
      const blank = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, keywords: ['returns', '  '] })
        .expect(400);
      expect(blank.body.message).toContain('each keyword must be a non-empty phrase');
      const long = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, keywords: ['x'.repeat(101)] })
        .expect(400);
      expect(long.body.message).toContain('each keyword must be at most 100 characters');
      const many = Array.from({ length: 21 }, (_, index) => `word${index}`);
      const tooMany = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, keywords: many })
        .expect(400);
      expect(tooMany.body.message).toContain('keywords must have at most 20 phrases');
    });

    it('answers 409 naming the department that has the digit', async () => {
      const response = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, digit: '2' })
        .expect(409);
      expect(response.body).toMatchObject({
        code: 'DEPARTMENT.DIGIT_TAKEN',
        conflictingDepartment: { id: ctx.menu.support.id, name: 'Support' },
      });
      expect(response.body.message).toContain('"Support"');
    });

    it('answers 409 for a name already used, whatever its case', async () => {
      const response = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, name: 'sales' })
        .expect(409);
      expect(response.body).toMatchObject({
        code: 'DEPARTMENT.NAME_TAKEN',
        conflictingDepartment: { id: ctx.menu.sales.id },
      });
    });

    it("refuses a department that would take the menu past Twilio's 500 hints", async () => {
      const keywords = (prefix: string) => Array.from({ length: 20 }, (_, index) => `${prefix} ${index}`);
      const values = Array.from(
        { length: 24 },
        (_, index) =>
          `('Speech ${index}', ARRAY[${keywords(`s${index}`)
            .map((word) => `'${word}'`)
            .join(',')}], '+15555550199')`,
      );
      await ctx.app
        .get(DataSource)
        .query(`INSERT INTO ivr.departments (name, keywords, phone_number) VALUES ${values.join(',')}`);
      // 3 standard departments (7 keywords) + 24 x 20 = 487; 20 more would be 507.
      const response = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, keywords: keywords('more') })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'MENU.TOO_MANY_KEYWORDS' });
      expect(response.body.message).toContain('507');
    });
  });

  describe('read', () => {
    it('answers 404 for an unknown id and for an id that is not a UUID', async () => {
      await adminClient(ctx.app).get('/admin/departments/5b0c4a4e-0000-4000-8000-000000000000').expect(404);
      const response = await adminClient(ctx.app).get('/admin/departments/not-a-uuid').expect(404);
      expect(response.body.code).toBe('DEPARTMENT.NOT_FOUND');
    });
  });

  describe('update', () => {
    it('updates with the current ETag and answers the new one', async () => {
      const read = await adminClient(ctx.app).get(`/admin/departments/${ctx.menu.sales.id}`).expect(200);
      const response = await adminClient(ctx.app)
        .patch(
          `/admin/departments/${ctx.menu.sales.id}`,
          { keywords: ['sales', 'deals'], confidenceThreshold: 0.8 },
          read.headers.etag,
        )
        .expect(200);
      expect(response.body).toMatchObject({ keywords: ['sales', 'deals'], confidenceThreshold: 0.8, version: 2 });
      expect(response.headers.etag).toBe('"2"');
    });

    it('answers 412 for a stale If-Match, and 428 without one', async () => {
      await adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 9 }, '"1"').expect(200);
      const stale = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 10 }, '"1"')
        .expect(412);
      expect(stale.body).toMatchObject({ code: 'PRECONDITION.FAILED', currentEtag: '"2"' });
      const missing = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 10 })
        .expect(428);
      expect(missing.body.code).toBe('PRECONDITION.REQUIRED');
      const current = await adminClient(ctx.app).get(`/admin/departments/${ctx.menu.sales.id}`).expect(200);
      expect(current.body.position).toBe(9);
    });

    it('lets exactly one of two writers holding the same ETag win', async () => {
      const [first, second] = await Promise.all([
        adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 7 }, '"1"'),
        adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 8 }, '"1"'),
      ]);
      expect([first.status, second.status].sort((a, b) => a - b)).toEqual([200, 412]);
    });

    it('refuses null for a field that cannot be empty', async () => {
      const response = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, { name: null }, '*')
        .expect(400);
      expect(response.body.message).toContain('name must be 1 to 64 characters');
    });

    it('answers 409 when moving to a digit an active department has', async () => {
      const response = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, { digit: '3' }, '*')
        .expect(409);
      expect(response.body.conflictingDepartment).toMatchObject({ id: ctx.menu.billing.id, name: 'Billing' });
    });

    it('answers 404 for an unknown id', async () => {
      await adminClient(ctx.app)
        .patch('/admin/departments/5b0c4a4e-0000-4000-8000-000000000000', { position: 1 }, '*')
        .expect(404);
    });
  });

  describe('deactivate', () => {
    it('keeps the row, marks it inactive and frees its digit', async () => {
      const response = await adminClient(ctx.app)
        .delete(`/admin/departments/${ctx.menu.support.id}`, '"1"')
        .expect(200);
      expect(response.body).toMatchObject({ id: ctx.menu.support.id, active: false, digit: '2', version: 2 });
      const created = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, digit: '2' })
        .expect(201);
      expect(created.body.digit).toBe('2');
      const list = await adminClient(ctx.app).get('/admin/departments').expect(200);
      expect(
        list.body.map((department: { name: string; active: boolean }) => [department.name, department.active]),
      ).toContainEqual(['Support', false]);
    });

    it('refuses to reactivate a department whose digit was taken meanwhile (409)', async () => {
      await adminClient(ctx.app).delete(`/admin/departments/${ctx.menu.support.id}`, '*').expect(200);
      await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, digit: '2' })
        .expect(201);
      const response = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.support.id}`, { active: true }, '*')
        .expect(409);
      expect(response.body.conflictingDepartment.name).toBe('Returns');
    });

    it('answers 412 for a stale If-Match and 404 for an unknown id', async () => {
      await adminClient(ctx.app).delete(`/admin/departments/${ctx.menu.support.id}`, '"7"').expect(412);
      await adminClient(ctx.app).delete('/admin/departments/5b0c4a4e-0000-4000-8000-000000000000', '*').expect(404);
    });
  });

  it('describes the admin API in OpenAPI at /docs-json', async () => {
    const response = await request(ctx.app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/admin/departments',
        '/admin/departments/{id}',
        '/admin/settings',
        '/admin/audit-log',
        '/admin/audit-log/verify',
        '/admin/call-sessions',
        '/admin/call-sessions/{callSid}',
        '/admin/reports/summary',
        '/admin/reports/timeseries',
      ]),
    );
    expect(Object.keys(response.body.paths).some((path) => path.startsWith('/voice'))).toBe(false);
    expect(response.body.components.schemas.CreateDepartmentDto.required).toEqual(
      expect.arrayContaining(['name', 'keywords', 'phoneNumber']),
    );
  });
});
