import { type DynamicModule, ServiceUnavailableException } from '@nestjs/common';
import type { Request } from 'express';
import request from 'supertest';
import { ADMIN_ACTOR_RESOLVER, type AdminActor, type AdminActorResolver } from '../src/admin-api/admin-actor.js';
import type { AuditItem } from './helpers/admin-client.js';
import { ADMIN_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

/** The host's users, as its own session would say who is calling (here: a header the host trusts). */
const HOST_USERS: Record<string, AdminActor> = {
  'session-grace': { id: 'user-0042', name: 'Grace Hopper', role: 'admin' },
  'session-ada': { id: 'user-0007', name: 'Ada Lovelace', role: 'viewer' },
};
const FAILURE_LIMIT = 3;

const hostResolver = vi.fn<AdminActorResolver>((req: Request) => {
  const session = req.header('x-host-session') ?? '';
  if (session === 'session-idp-down') throw new ServiceUnavailableException('The host cannot reach its users now');
  return Promise.resolve(HOST_USERS[session]);
});

/** How a host plugs its resolver in: a global module of its own that provides the token. */
class HostAuthModule {}
const hostAuthModule: DynamicModule = {
  module: HostAuthModule,
  global: true,
  providers: [{ provide: ADMIN_ACTOR_RESOLVER, useValue: hostResolver }],
  exports: [ADMIN_ACTOR_RESOLVER],
};

describe('admin API behind a host resolver (e2e)', () => {
  const ctx = useTestApp({
    menu: 'beforeAll',
    trustProxy: 'loopback',
    config: { adminAuthFailureLimit: FAILURE_LIMIT },
    imports: [hostAuthModule],
  });

  /** A request from `address` (as the trusted proxy reports it) in the session of `session`, if any. */
  const as = (session: string | undefined, address = '192.0.2.1') => {
    const server = ctx.app.getHttpServer();
    const headers = (pending: request.Test): request.Test => {
      const withAddress = pending.set('X-Forwarded-For', address);
      return session ? withAddress.set('X-Host-Session', session) : withAddress;
    };
    return {
      get: (path: string) => headers(request(server).get(path)),
      patch: (path: string, body: object) => headers(request(server).patch(path)).set('If-Match', '*').send(body),
    };
  };

  beforeEach(() => {
    hostResolver.mockClear();
  });

  it('answers 401 with the bearer challenge when the resolver knows nobody', async () => {
    const response = await as(undefined).get('/admin/settings').expect(401);

    expect(response.headers['www-authenticate']).toBe('Bearer realm="admin"');
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Missing bearer token: send Authorization: Bearer <token>',
    });
    expect(hostResolver).toHaveBeenCalledTimes(1);
  });

  it('no longer takes the static tokens: the host decides who is who', async () => {
    await request(ctx.app.getHttpServer())
      .get('/admin/settings')
      .set('Authorization', `Bearer ${ADMIN_SECRET}`)
      .set('X-Forwarded-For', '192.0.2.2')
      .expect(401);
  });

  it("lets the host's viewer read and forbids it to write", async () => {
    await as('session-ada').get('/admin/departments').expect(200);
    const response = await as('session-ada').patch('/admin/settings', { maxAttempts: 4 }).expect(403);

    expect(response.body.message).toBe('"Ada Lovelace" has the viewer role, which can only read');
  });

  it("lets the host's admin write, and the audit entry names the host's user", async () => {
    await as('session-grace')
      .patch('/admin/settings', { maxAttempts: 5 })
      .set('X-Request-Id', 'req-host-1')
      .expect(200);

    const audit = await as('session-grace').get('/admin/audit-log?entity=settings').expect(200);
    const [entry] = audit.body.items as AuditItem[];
    expect(entry).toMatchObject({
      actor: 'Grace Hopper',
      actorId: 'user-0042',
      role: 'admin',
      action: 'update',
      requestId: 'req-host-1',
      after: { maxAttempts: 5 },
    });
  });

  it("finds the host's user's entries by id and by name", async () => {
    await as('session-grace').patch('/admin/settings', { maxAttempts: 3 }).expect(200);

    for (const actor of ['user-0042', encodeURIComponent('Grace Hopper')]) {
      const response = await as('session-grace').get(`/admin/audit-log?actor=${actor}`).expect(200);
      const items = response.body.items as AuditItem[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((item) => item.actorId === 'user-0042')).toBe(true);
    }
  });

  it('keeps the audit chain verifiable with host actors in it', async () => {
    const response = await as('session-ada').get('/admin/audit-log/verify').expect(200);

    expect(response.body).toMatchObject({ ok: true });
  });

  it('counts each request the resolver answers with nobody as a failure of the address, then stops asking it', async () => {
    const attacker = '203.0.113.66';
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt++) {
      await as(`session-guess-${attempt}`, attacker).get('/admin/settings').expect(401);
    }
    hostResolver.mockClear();

    const blocked = await as('session-grace', attacker).get('/admin/settings').expect(429);

    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    expect(hostResolver).not.toHaveBeenCalled();
    await as('session-grace', '198.51.100.66').get('/admin/settings').expect(200);
  });

  it('answers what the resolver throws (503) without counting it as a failure', async () => {
    const office = '203.0.113.77';
    for (let attempt = 0; attempt < FAILURE_LIMIT + 2; attempt++) {
      await as('session-idp-down', office).get('/admin/settings').expect(503);
    }

    await as('session-grace', office).get('/admin/settings').expect(200);
  });
});
