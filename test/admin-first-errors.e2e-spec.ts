import request from 'supertest';
import { adminClient, NEW_DEPARTMENT } from './helpers/admin-client.js';
import { ADMIN_SECRET, callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

// What a new user runs into in their first ten minutes with the admin API.
describe('admin API: first errors (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });
  const asAdmin = (pending: request.Test): request.Test => pending.set('Authorization', `Bearer ${ADMIN_SECRET}`);
  const departmentCount = async (): Promise<number> =>
    (await ctx.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM ivr.departments'))[0].n;

  describe('a body that is not JSON', () => {
    it('answers 415 for a form, as curl -d sends it, and creates nothing', async () => {
      const response = await asAdmin(request(ctx.app.getHttpServer()).post('/admin/departments'))
        .type('form')
        .send(JSON.stringify({ ...NEW_DEPARTMENT, name: 'Oops' }))
        .expect(415);

      expect(response.body).toMatchObject({
        statusCode: 415,
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(response.body.message).toContain('send Content-Type: application/json');
      expect(response.body.message).not.toContain('should not exist');
      expect(await departmentCount()).toBe(3);
    });

    it('answers 415 for a text body on PATCH, and changes nothing', async () => {
      const response = await asAdmin(request(ctx.app.getHttpServer()).patch(`/admin/departments/${ctx.menu.sales.id}`))
        .set('If-Match', '*')
        .set('Content-Type', 'text/plain')
        .send('{"name":"Deals"}')
        .expect(415);

      expect(response.body.message).toContain('send Content-Type: application/json');
      await adminClient(ctx.app).get(`/admin/departments/${ctx.menu.sales.id}`).expect(200).expect('ETag', '"1"');
    });

    it('answers 415 for a form on PUT and on the settings', async () => {
      await asAdmin(request(ctx.app.getHttpServer()).put(`/admin/departments/${ctx.menu.sales.id}/schedule`))
        .type('form')
        .send('timeZone=Europe/Paris')
        .expect(415);
      await asAdmin(request(ctx.app.getHttpServer()).patch('/admin/settings'))
        .set('If-Match', '*')
        .type('form')
        .send('maxAttempts=5')
        .expect(415);
    });

    it('asks for a token first: 401 without one, whatever the body', async () => {
      await request(ctx.app.getHttpServer()).post('/admin/departments').type('form').send('name=Oops').expect(401);
    });

    it('still takes a JSON body with a charset', async () => {
      await asAdmin(request(ctx.app.getHttpServer()).post('/admin/departments'))
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify(NEW_DEPARTMENT))
        .expect(201);
    });

    it('still takes a DELETE without a body', async () => {
      await adminClient(ctx.app).delete(`/admin/departments/${ctx.menu.sales.id}`, '"1"').expect(200);
    });

    it('leaves the form-encoded webhooks alone', async () => {
      await signedPost(ctx.app, '/voice/incoming', callParams(newCallSid())).expect(200);
    });
  });

  describe('If-Match with a bare version', () => {
    it('takes If-Match: 1 for the ETag "1"', async () => {
      const response = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 9 }, '1')
        .expect(200);

      expect(response.headers.etag).toBe('"2"');
      expect(response.body.position).toBe(9);
    });

    it('still refuses a stale bare version with 412 naming the current ETag', async () => {
      await adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 9 }, '1').expect(200);

      const response = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 10 }, '1')
        .expect(412);

      expect(response.body.currentEtag).toBe('"2"');
    });

    it('takes a bare version on DELETE and on the settings', async () => {
      await adminClient(ctx.app)
        .delete(`/admin/holidays/${await holidayId()}`, '1')
        .expect(204);
      const settings = await adminClient(ctx.app).get('/admin/settings').expect(200);
      const version = String(settings.body.version);
      await adminClient(ctx.app).patch('/admin/settings', { maxAttempts: 4 }, version).expect(200);
    });

    async function holidayId(): Promise<string> {
      const created = await adminClient(ctx.app)
        .post('/admin/holidays', { date: '2026-12-25', name: 'Christmas' })
        .expect(201);
      return created.body.id as string;
    }
  });

  describe('a new department without a position', () => {
    it('goes after the last department instead of before the first', async () => {
      const response = await adminClient(ctx.app).post('/admin/departments', NEW_DEPARTMENT).expect(201);

      expect(response.body.position).toBe(4);
      const list = await adminClient(ctx.app).get('/admin/departments').expect(200);
      expect(list.body.map((department: { name: string }) => department.name)).toEqual([
        'Sales',
        'Support',
        'Billing',
        'Returns',
      ]);
    });

    it('counts inactive departments, so one reactivated keeps its place', async () => {
      await adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.billing.id}`, { position: 20 }, '*').expect(200);
      await adminClient(ctx.app).delete(`/admin/departments/${ctx.menu.billing.id}`, '*').expect(200);

      const response = await adminClient(ctx.app).post('/admin/departments', NEW_DEPARTMENT).expect(201);

      expect(response.body.position).toBe(21);
    });

    it('keeps a position it is given', async () => {
      const response = await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, position: 0 })
        .expect(201);

      expect(response.body.position).toBe(0);
    });

    it('gives concurrent creations distinct positions', async () => {
      const [first, second] = await Promise.all([
        adminClient(ctx.app).post('/admin/departments', NEW_DEPARTMENT).expect(201),
        adminClient(ctx.app)
          .post('/admin/departments', { ...NEW_DEPARTMENT, name: 'Careers', digit: '5' })
          .expect(201),
      ]);

      expect([first.body.position, second.body.position].sort((a: number, b: number) => a - b)).toEqual([4, 5]);
    });
  });

  describe('the OpenAPI description', () => {
    interface Operation {
      readonly responses: Record<string, unknown>;
    }
    const operation = async (path: string, method: string): Promise<Operation> => {
      const response = await request(ctx.app.getHttpServer()).get('/docs-json').expect(200);
      return (response.body.paths as Record<string, Record<string, Operation>>)[path][method];
    };

    it.each([
      ['/admin/departments/{id}', 'patch'],
      ['/admin/departments/{id}', 'delete'],
      ['/admin/settings', 'patch'],
      ['/admin/departments/{id}/schedule', 'delete'],
      ['/admin/holidays/{id}', 'delete'],
    ])('lists 400 and 428 for %s %s, which needs If-Match', async (path, method) => {
      const { responses } = await operation(path, method);

      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['400', '412', '428']));
    });

    it('lists 400 and 428 for PUT /admin/departments/{id}/schedule', async () => {
      const { responses } = await operation('/admin/departments/{id}/schedule', 'put');

      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['400', '428']));
    });

    it('describes the bearer token as an ADMIN_TOKENS secret, not a JWT', async () => {
      const response = await request(ctx.app.getHttpServer()).get('/docs-json').expect(200);

      expect(response.body.components.securitySchemes.bearer).toEqual({
        type: 'http',
        scheme: 'bearer',
        description: 'a token from ADMIN_TOKENS',
      });
    });

    it('says where a department without a position goes', async () => {
      const response = await request(ctx.app.getHttpServer()).get('/docs-json').expect(200);

      expect(response.body.components.schemas.CreateDepartmentDto.properties.position.description).toMatch(
        /after the last one/,
      );
      expect(response.body.components.schemas.CreateDepartmentDto.properties.position.default).toBeUndefined();
    });
  });

  it('answers 400, as documented, for a NUL character in a DELETE id', async () => {
    await adminClient(ctx.app).delete('/admin/departments/%00', '*').expect(400);
  });
});
