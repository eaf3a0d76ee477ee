import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ADMIN_SECRET, createTestApp, createTestDatabase, VIEWER_SECRET } from './helpers/test-app.js';

const FAILURE_LIMIT = 30;
const TOKEN_LIMIT = 5;
const ATTACKER = '203.0.113.7';

/** An admin GET from `address`, as the proxy in front of the app (loopback, trusted) reports it. */
const from = (app: NestExpressApplication, address: string, secret: string, path = '/admin/settings') =>
  request(app.getHttpServer()).get(path).set('X-Forwarded-For', address).set('Authorization', `Bearer ${secret}`);

const madeUpToken = (index: number): string => `guess-${String(index).padStart(4, '0')}-0123456789abcdef`;

describe('admin API: guessing tokens (e2e)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: NestExpressApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp({
      databaseUrl: database.url,
      trustProxy: 'loopback',
      config: { adminRateLimit: TOKEN_LIMIT, adminAuthFailureLimit: FAILURE_LIMIT },
    });
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('answers 429 with Retry-After once an address has failed 30 times, whatever tokens it tries, and logs it twice', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let index = 0; index < 320; index++) {
      const response = await from(app, ATTACKER, madeUpToken(index));
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers['retry-after'];
    }
    const warnings = warn.mock.calls.map(([line]) => line as { event?: string });
    warn.mockRestore();

    expect(statuses.filter((status) => status === 401)).toHaveLength(FAILURE_LIMIT);
    expect(statuses.slice(0, FAILURE_LIMIT).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(FAILURE_LIMIT).every((status) => status === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(warnings.map((line) => line.event)).toEqual(['admin.auth_failed', 'admin.auth_blocked']);
    expect(warnings[1]).toMatchObject({ address: ATTACKER, failures: FAILURE_LIMIT });
  });

  it('refuses a valid token from the blocked address too, so that a right guess is answered like a wrong one', async () => {
    const response = await from(app, ATTACKER, VIEWER_SECRET).expect(429);

    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body.message).toMatch(/failed authentication attempts/);
  });

  it('does not block another address', async () => {
    await from(app, '198.51.100.9', madeUpToken(0)).expect(401);
    await from(app, '198.51.100.9', VIEWER_SECRET).expect(200);
  });

  it('counts a valid token in its own budget, across routes, untouched by failures from its address', async () => {
    const office = '192.0.2.44';
    for (let index = 0; index < FAILURE_LIMIT - 1; index++) await from(app, office, madeUpToken(index)).expect(401);

    const statuses: number[] = [];
    for (const path of ['/admin/settings', '/admin/departments', '/admin/settings', '/admin/holidays']) {
      statuses.push((await from(app, office, ADMIN_SECRET, path)).status);
    }
    statuses.push((await from(app, '192.0.2.45', ADMIN_SECRET, '/admin/departments')).status);
    statuses.push((await from(app, '192.0.2.45', ADMIN_SECRET, '/admin/audit-log')).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
