import request from 'supertest';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations/index.js';
import { LifecycleState } from '../src/health/lifecycle-state.js';
import { withDatabase } from './helpers/test-database.js';
import { callParams, createTestApp, newCallSid, signedPost } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

/** The value of one sample in Prometheus text, or 0 when absent. */
function sample(metrics: string, name: string): number {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe('health, metrics and request ids (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll' });

  describe('health', () => {
    it('is live, and ready with the database reachable and every migration applied', async () => {
      await request(ctx.app.getHttpServer()).get('/health/live').expect(200);
      const ready = await request(ctx.app.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        details: { database: { status: 'up' }, migrations: { status: 'up', applied: migrations.length } },
      });
    });

    it('is not ready while the database refuses connections, and ready again once it is back', async () => {
      const dataSource = ctx.app.get(DataSource);
      const name = new URL(ctx.databaseUrl).pathname.slice(1);
      const admin = new DataSource({ type: 'postgres', url: withDatabase(ctx.databaseUrl, 'postgres') });
      await admin.initialize();
      try {
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [name],
        );
        const down = await request(ctx.app.getHttpServer()).get('/health/ready').expect(503);
        // Why goes to the log: the answer names no address, user or driver message.
        expect(down.body.error.database).toEqual({ status: 'down' });
        expect(down.body.error.migrations).toEqual({ status: 'down' });
        await request(ctx.app.getHttpServer()).get('/health/live').expect(200);
      } finally {
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
        await admin.destroy();
      }
      await request(ctx.app.getHttpServer()).get('/health/ready').expect(200);
      expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    });

    it('is not ready once shutdown has begun', async () => {
      const other = await createTestApp({ databaseUrl: ctx.databaseUrl });
      try {
        other.get(LifecycleState).beforeApplicationShutdown();
        const response = await request(other.getHttpServer()).get('/health/ready').expect(503);
        expect(response.body.error.lifecycle).toMatchObject({ status: 'down', message: 'shutting down' });
      } finally {
        await other.close();
      }
    });
  });

  describe('metrics', () => {
    async function scrape(): Promise<string> {
      return (
        await request(ctx.app.getHttpServer())
          .get('/metrics')
          .expect(200)
          .expect('Content-Type', /text\/plain/)
      ).text;
    }

    it('counts webhooks, decisions, outcomes and signature rejections as calls happen', async () => {
      const before = await scrape();
      const callSid = newCallSid();
      await signedPost(ctx.app, '/voice/incoming', callParams(callSid)).expect(200);
      await signedPost(ctx.app, '/voice/gather?round=1', callParams(callSid, { Digits: '1' })).expect(200);
      await signedPost(ctx.app, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'completed' })).expect(200);
      await request(ctx.app.getHttpServer())
        .post('/voice/incoming')
        .type('form')
        .send(callParams(newCallSid()))
        .expect(403);
      const after = await scrape();

      const delta = (name: string) => sample(after, name) - sample(before, name);
      expect(delta('ivr_menu_decisions_total{decision="route"}')).toBe(1);
      expect(delta('ivr_call_outcomes_total{outcome="connected"}')).toBe(1);
      expect(delta('ivr_signature_rejections_total{reason="missing"}')).toBe(1);
      expect(delta('ivr_webhook_duration_seconds_count{route="/voice/gather",status="200"}')).toBe(1);
      expect(after).toMatch(/^ivr_db_pool_connections\{state="in_use"\} \d+$/m);
      expect(sample(after, 'ivr_active_calls')).toBeGreaterThanOrEqual(1);
      expect(after).toContain('process_resident_memory_bytes');
    });

    it('asks for METRICS_TOKEN when one is set', async () => {
      const guarded = await createTestApp({ databaseUrl: ctx.databaseUrl, metricsToken: 'metrics-token-0123456789' });
      try {
        await request(guarded.getHttpServer()).get('/metrics').expect(401);
        await request(guarded.getHttpServer())
          .get('/metrics')
          .set('Authorization', 'Bearer wrong-token-0123456789')
          .expect(401);
        const response = await request(guarded.getHttpServer())
          .get('/metrics')
          .set('Authorization', 'Bearer metrics-token-0123456789')
          .expect(200);
        expect(response.text).toContain('ivr_menu_decisions_total');
      } finally {
        await guarded.close();
      }
    });
  });

  describe('request ids', () => {
    it('answers every request with an X-Request-Id, reusing a sane incoming one', async () => {
      const generated = await request(ctx.app.getHttpServer()).get('/health/live').expect(200);
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const reused = await request(ctx.app.getHttpServer())
        .get('/health/live')
        .set('X-Request-Id', 'trace-42')
        .expect(200);
      expect(reused.headers['x-request-id']).toBe('trace-42');
      const replaced = await request(ctx.app.getHttpServer())
        .get('/health/live')
        .set('X-Request-Id', 'bad id with spaces')
        .expect(200);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('gives webhooks request ids too, answered or refused', async () => {
      const answered = await signedPost(ctx.app, '/voice/incoming', callParams(newCallSid())).expect(200);
      expect(answered.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const refused = await request(ctx.app.getHttpServer())
        .post('/voice/incoming')
        .type('form')
        .set('X-Request-Id', 'twilio-retry-7')
        .send(callParams(newCallSid()))
        .expect(403);
      expect(refused.headers['x-request-id']).toBe('twilio-retry-7');
    });
  });
});
