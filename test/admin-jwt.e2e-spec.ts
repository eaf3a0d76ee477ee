import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { JWTPayload } from 'jose';
import request from 'supertest';
import { adminClient, type AuditItem, viewerClient } from './helpers/admin-client.js';
import { type IdentityProvider, startIdentityProvider } from './helpers/identity-provider.js';
import { useTestDatabase } from './helpers/use-test-app.js';

const JANE: JWTPayload = { sub: 'idp|0001', name: 'Jane Admin', preferred_username: 'jane', role: 'admin' };
const VICTORIA: JWTPayload = { sub: 'idp|0002', preferred_username: 'victoria', role: 'viewer' };

describe('admin API with the identity provider JWTs beside the static tokens (e2e)', () => {
  const database = useTestDatabase();
  let idp: IdentityProvider;
  let app: NestExpressApplication;

  beforeAll(async () => {
    idp = await startIdentityProvider();
    app = await database.createApp({
      config: {
        adminJwt: { issuer: idp.issuer, audience: idp.audience, jwksUrl: idp.jwksUrl, roleClaim: 'role' },
      },
    });
  });

  afterAll(async () => {
    await idp.close();
  });

  const withToken = (token: string) => adminClient(app, token);

  async function latestAudit(): Promise<AuditItem> {
    const response = await adminClient(app).get('/admin/audit-log?limit=1').expect(200);
    return (response.body.items as AuditItem[])[0];
  }

  it("lets an admin's JWT write, and the audit entry names the user", async () => {
    const token = await idp.sign(JANE);

    await withToken(token).patch('/admin/settings', { maxAttempts: 4 }, '*').expect(200);

    expect(await latestAudit()).toMatchObject({
      actor: 'Jane Admin',
      actorId: 'idp|0001',
      role: 'admin',
      action: 'update',
      entity: 'settings',
      after: { maxAttempts: 4 },
    });
    expect(idp.requests).toContain('/jwks');
  });

  it("lets a viewer's JWT read and forbids it to write", async () => {
    const token = await idp.sign(VICTORIA);

    await withToken(token).get('/admin/settings').expect(200);
    const response = await withToken(token).patch('/admin/settings', { maxAttempts: 5 }, '*').expect(403);

    expect(response.body.message).toBe('"victoria" has the viewer role, which can only read');
  });

  it('answers 403 to a valid JWT whose role claim is neither admin nor viewer', async () => {
    const token = await idp.sign({ sub: 'idp|0003', name: 'Sam Agent', role: 'agent' });

    const response = await withToken(token).get('/admin/settings').expect(403);

    expect(response.body.message).toBe(
      '"Sam Agent" has no admin API role: the token\'s role claim must be admin or viewer',
    );
  });

  describe('refuses with 401, as an unknown token, and logs no token', () => {
    it.each<[string, (idp: IdentityProvider) => Promise<string> | string]>([
      ['another issuer', (p) => p.sign(JANE, { issuer: 'https://someone-else.example.test/' })],
      ['another audience', (p) => p.sign(JANE, { audience: 'another-api' })],
      ['an expired token', (p) => p.sign(JANE, { expiresAt: Math.floor(Date.now() / 1000) - 300 })],
      ['a token signed by a key the provider does not publish', (p) => p.signWithUnknownKey(JANE)],
      ['an unsigned token (alg: none)', (p) => p.unsigned(JANE)],
      ['an HS256 token keyed with the public key', (p) => p.signHs256WithPublicKey(JANE)],
      ['a token without sub', (p) => p.sign({ name: 'Nobody', role: 'admin' })],
    ])('%s', async (_case, forge) => {
      const token = await forge(idp);
      const calls = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
        vi.spyOn(Logger.prototype, level),
      );

      const response = await withToken(token).patch('/admin/settings', { maxAttempts: 6 }, '*');
      const logged = JSON.stringify(calls.flatMap((spy) => spy.mock.calls));
      for (const spy of calls) spy.mockRestore();

      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="admin"');
      expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Unknown admin token' });
      expect(logged).not.toContain(token);
    });
  });

  it('still takes the static tokens beside the JWTs, the audit naming the token', async () => {
    await viewerClient(app).get('/admin/settings').expect(200);
    await adminClient(app).patch('/admin/settings', { maxAttempts: 3 }, '*').expect(200);

    expect(await latestAudit()).toMatchObject({ actor: 'alice', actorId: 'token:alice', role: 'admin' });
  });

  it('keeps the audit chain verifiable with JWT users in it', async () => {
    const response = await adminClient(app).get('/admin/audit-log/verify').expect(200);

    expect(response.body).toMatchObject({ ok: true });
  });

  it('fetched nothing but its key set, from the provider the test started', () => {
    expect(new Set(idp.requests)).toEqual(new Set(['/jwks']));
  });

  describe('when the key set cannot be read', () => {
    let unreachable: NestExpressApplication;

    beforeAll(async () => {
      unreachable = await database.createApp({
        config: {
          adminJwt: { issuer: idp.issuer, audience: idp.audience, jwksUrl: idp.brokenJwksUrl, roleClaim: 'role' },
          adminAuthFailureLimit: 2,
        },
      });
    });

    it('answers 503 to a JWT, without counting it as a failed attempt, and keeps taking the static tokens', async () => {
      const token = await idp.sign(JANE);
      const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await request(unreachable.getHttpServer())
          .get('/admin/settings')
          .set('Authorization', `Bearer ${token}`);
        expect(response.status).toBe(503);
      }
      const logged = JSON.stringify(warn.mock.calls);
      warn.mockRestore();

      expect(logged).toContain('admin.jwks_unavailable');
      expect(logged).not.toContain(token);
      await adminClient(unreachable).get('/admin/settings').expect(200);
    });
  });
});
