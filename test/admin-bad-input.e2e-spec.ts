import fc from 'fast-check';
import request from 'supertest';
import { adminClient } from './helpers/admin-client.js';
import { ADMIN_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

const NUL = '\u0000';

// Values that break handlers somewhere: NUL, numbers past every column's range, markup, odd unicode.
const nastyValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    NUL,
    `Sales${NUL}`,
    '9999999999999999999',
    '99999999999999999999999999',
    '-9223372036854775809',
    '1e309',
    '-1',
    'NaN',
    '2026-13-45',
    '0001-01-01T00:00:00Z',
    '275760-09-13T00:00:01Z',
    '<x>',
    'x;=cmd|calc!A0',
  ),
  fc.integer().map(String),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

/** Every admin and report route, with the fields it reads (in the query for GETs, in the JSON body otherwise). */
const ROUTES: readonly { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: string; fields: string[] }[] = [
  { method: 'get', path: '/admin/departments', fields: [] },
  { method: 'post', path: '/admin/departments', fields: ['name', 'digit', 'keywords', 'phoneNumber', 'position'] },
  { method: 'get', path: '/admin/departments/{id}', fields: [] },
  { method: 'patch', path: '/admin/departments/{id}', fields: ['name', 'confidenceThreshold', 'position', 'active'] },
  { method: 'delete', path: '/admin/departments/{id}', fields: [] },
  { method: 'get', path: '/admin/departments/{id}/schedule', fields: [] },
  { method: 'put', path: '/admin/departments/{id}/schedule', fields: ['timeZone', 'weekly', 'overrides', 'forwardTo'] },
  { method: 'get', path: '/admin/departments/{id}/availability', fields: ['at'] },
  { method: 'get', path: '/admin/holidays', fields: [] },
  { method: 'post', path: '/admin/holidays', fields: ['date', 'name'] },
  { method: 'delete', path: '/admin/holidays/{id}', fields: [] },
  { method: 'get', path: '/admin/menus', fields: [] },
  { method: 'get', path: '/admin/menus/tree', fields: ['language'] },
  { method: 'post', path: '/admin/menus', fields: ['name', 'prompt', 'translations', 'operatorKey', 'options'] },
  { method: 'get', path: '/admin/menus/{id}', fields: [] },
  { method: 'patch', path: '/admin/menus/{id}', fields: ['name', 'translations', 'backKey', 'options'] },
  { method: 'delete', path: '/admin/menus/{id}', fields: [] },
  { method: 'get', path: '/admin/settings', fields: [] },
  { method: 'patch', path: '/admin/settings', fields: ['greeting', 'maxAttempts', 'minConfidence', 'operatorNumber'] },
  { method: 'get', path: '/admin/audit-log', fields: ['cursor', 'limit', 'from', 'to', 'entity', 'actor'] },
  { method: 'get', path: '/admin/audit-log/verify', fields: [] },
  { method: 'get', path: '/admin/call-sessions', fields: ['caller', 'cursor', 'limit', 'from', 'to', 'outcome'] },
  { method: 'get', path: '/admin/call-sessions/{callSid}', fields: [] },
  { method: 'get', path: '/admin/reports/summary', fields: ['from', 'to'] },
  { method: 'get', path: '/admin/reports/timeseries', fields: ['from', 'to', 'interval'] },
  { method: 'get', path: '/admin/reports/menus', fields: ['from', 'to'] },
  { method: 'get', path: '/admin/reports/busiest-hours', fields: ['from', 'to', 'timeZone'] },
  { method: 'get', path: '/admin/webhook-endpoints', fields: [] },
  { method: 'post', path: '/admin/webhook-endpoints', fields: ['url', 'eventTypes', 'description', 'active'] },
  { method: 'get', path: '/admin/webhook-endpoints/{endpointId}', fields: [] },
  { method: 'patch', path: '/admin/webhook-endpoints/{endpointId}', fields: ['url', 'eventTypes', 'description'] },
  { method: 'delete', path: '/admin/webhook-endpoints/{endpointId}', fields: [] },
  { method: 'post', path: '/admin/webhook-endpoints/{endpointId}/rotate-secret', fields: [] },
  { method: 'get', path: '/admin/webhook-endpoints/{endpointId}/deliveries', fields: ['status', 'limit', 'cursor'] },
  { method: 'post', path: '/admin/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/resend', fields: [] },
];

describe('bad input on every admin and report route (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll' });

  it.each([
    [
      'a department name',
      'post',
      '/admin/departments',
      { name: `Sales${NUL}`, phoneNumber: '+15555550109', keywords: [] },
    ],
    ['a greeting', 'patch', '/admin/settings', { greeting: `Hello${NUL}` }],
    ['a holiday name', 'post', '/admin/holidays', { date: '2030-12-25', name: `Christmas${NUL}` }],
  ] as const)('answers 400 naming the field for a NUL character in %s', async (_what, method, path, body) => {
    const client = adminClient(ctx.app);
    const response = await (method === 'post' ? client.post(path, body) : client.patch(path, body, '*')).expect(400);
    const field = Object.keys(body).find((key) => String((body as Record<string, unknown>)[key]).includes(NUL));
    expect(response.body.message).toEqual([`${field} must not contain a NUL character (\\u0000)`]);
  });

  it('answers 400 for a NUL character in the caller filter', async () => {
    const response = await adminClient(ctx.app).get('/admin/call-sessions?caller=%00').expect(400);
    expect(response.body.message).toEqual(['caller must not contain a NUL character (\\u0000)']);
  });

  it('answers 400 for an audit-log cursor past the range of its ids', async () => {
    const response = await adminClient(ctx.app).get('/admin/audit-log?cursor=9999999999999999999').expect(400);
    expect(response.body.message).toEqual(['cursor must be the nextCursor of a previous page']);
  });

  it('never answers 5xx to NUL, out-of-range or malformed values on any admin or report route', async () => {
    const endpoint = await adminClient(ctx.app)
      .post('/admin/webhook-endpoints', { url: 'https://hooks.example.com/ivr', eventTypes: ['call.ended'] })
      .expect(201);
    const ids = {
      id: ctx.menu.sales.id,
      callSid: 'CA0123456789abcdef0123456789abcdef',
      endpointId: endpoint.body.id as string,
      deliveryId: '1',
    };
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.dictionary(
          fc.oneof(fc.constantFrom('name', 'from', 'cursor', 'caller'), fc.string({ maxLength: 8 })),
          nastyValue,
          {
            maxKeys: 4,
          },
        ),
        fc.oneof(fc.constant(undefined), nastyValue),
        async (route, extra, pathValue) => {
          const values = { ...Object.fromEntries(route.fields.map((field) => [field, extra[field]])), ...extra };
          const path = route.path.replace(/\{(\w+)\}/g, (_match, name: keyof typeof ids) =>
            encodeURIComponent(pathValue === undefined ? ids[name] : String(pathValue)),
          );
          const server = request(ctx.app.getHttpServer());
          const authorized = (pending: request.Test) =>
            pending.set('Authorization', `Bearer ${ADMIN_SECRET}`).set('If-Match', '*');
          const response =
            route.method === 'get' || route.method === 'delete'
              ? await authorized(server[route.method](path)).query(
                  Object.fromEntries(
                    Object.entries(values).map(([key, value]) => [
                      key,
                      typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
                    ]),
                  ),
                )
              : await authorized(server[route.method](path)).send(values);
          if (response.status >= 500)
            failures.push(`${route.method} ${path} ${JSON.stringify(values)} -> ${response.status}`);
        },
      ),
      { numRuns: 400 },
    );
    expect(failures).toEqual([]);
  });
});
