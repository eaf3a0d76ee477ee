import request from 'supertest';
import { adminClient } from './helpers/admin-client.js';
import { callParams, createTestApp, newCallSid, signedPost } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('admin abuse and bad requests (e2e)', () => {
  const ctx = useTestApp({ config: { adminRateLimit: 5 } });

  it('rate-limits the admin API per token, not per instance-wide bucket', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index++) statuses.push((await adminClient(ctx.app).get('/admin/settings')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Another token has its own allowance.
    await adminClient(ctx.app, 'viewer-secret-0123456789abcdef').get('/admin/settings').expect(200);
    // Webhooks are never throttled by it.
    await signedPost(ctx.app, '/voice/incoming', callParams(newCallSid())).expect(200);
  });

  it('sends security headers and no CORS headers unless CORS_ORIGINS is set', async () => {
    const response = await request(ctx.app.getHttpServer())
      .get('/health/live')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows only the configured browser origins when CORS_ORIGINS is set', async () => {
    const withCors = await createTestApp({
      databaseUrl: ctx.databaseUrl,
      config: { corsOrigins: ['https://admin.example.com'] },
    });
    try {
      const allowed = await request(withCors.getHttpServer())
        .options('/admin/departments')
        .set('Origin', 'https://admin.example.com')
        .set('Access-Control-Request-Method', 'PATCH');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example.com');
      const refused = await request(withCors.getHttpServer())
        .options('/admin/departments')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'PATCH');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await withCors.close();
    }
  });

  it('answers 413 for an oversized body', async () => {
    const response = await request(ctx.app.getHttpServer())
      .post('/voice/incoming')
      .type('form')
      .send({ CallSid: 'CA1', SpeechResult: 'x'.repeat(70_000) });
    expect(response.status).toBe(413);
  });

  it('answers 400 for malformed admin JSON', async () => {
    const response = await request(ctx.app.getHttpServer())
      .post('/admin/departments')
      .set('Authorization', 'Bearer viewer-secret-0123456789abcdef')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(response.status).toBe(400);
  });

  it('answers 404 with a message for an unknown route', async () => {
    const response = await request(ctx.app.getHttpServer()).get('/nowhere').expect(404);
    expect(response.body.message).toBe('Cannot GET /nowhere');
  });
});
