import { RetentionService } from '../src/retention/retention.service.js';
import { adminClient } from './helpers/admin-client.js';
import { useTestApp } from './helpers/use-test-app.js';

const NOW = new Date('2026-11-27T03:17:00Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

describe('retention (e2e)', () => {
  const ctx = useTestApp({ config: { retentionDays: 30 } });

  async function insertSession(callSid: string, startedAt: Date): Promise<void> {
    await ctx.dataSource.query('INSERT INTO ivr.call_sessions (call_sid, started_at) VALUES ($1, $2)', [
      callSid,
      startedAt,
    ]);
    await ctx.dataSource.query(
      `INSERT INTO ivr.call_attempts (call_sid, round, input_kind, decision, failure, response_twiml) VALUES ($1, 1, 'none', 'reprompt_no_input', 'no_input', '<Response/>')`,
      [callSid],
    );
  }

  it('deletes sessions and their attempts past RETENTION_DAYS in batches, keeps newer ones, old receipts go too, and audits the purge', async () => {
    // 2,500 old sessions: three batches.
    await ctx.dataSource.query(
      `INSERT INTO ivr.call_sessions (call_sid, started_at) SELECT 'CAold' || n, $1::timestamptz - (n || ' minutes')::interval FROM generate_series(1, 2500) AS n`,
      [daysAgo(31)],
    );
    await insertSession('CAold-with-attempt', daysAgo(45));
    await insertSession('CArecent', daysAgo(29));
    await ctx.dataSource.query(
      `INSERT INTO ivr.webhook_receipts (call_sid, endpoint, idempotency_token, response_twiml, created_at) VALUES ('CArecent', 'gather', 'old', '<Response/>', $1), ('CArecent', 'gather', 'new', '<Response/>', $2)`,
      [daysAgo(8), daysAgo(1)],
    );

    const result = await ctx.app.get(RetentionService).purge(NOW);

    expect(result).toMatchObject({ ran: true, sessions: 2501, receipts: 1, cutoff: daysAgo(30) });
    expect(await ctx.dataSource.query('SELECT call_sid FROM ivr.call_sessions')).toEqual([{ call_sid: 'CArecent' }]);
    expect(await ctx.dataSource.query('SELECT call_sid FROM ivr.call_attempts')).toEqual([{ call_sid: 'CArecent' }]);
    expect(await ctx.dataSource.query('SELECT idempotency_token FROM ivr.webhook_receipts')).toEqual([
      { idempotency_token: 'new' },
    ]);

    const audit = await adminClient(ctx.app).get('/admin/audit-log?entity=call_session').expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'retention',
      role: 'system',
      action: 'purge',
      after: { deletedSessions: 2501, cutoff: daysAgo(30).toISOString(), retentionDays: 30 },
    });
    const verify = await adminClient(ctx.app).get('/admin/audit-log/verify').expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('purges events delivered or given up on over a week ago, keeps newer ones and any still on the way', async () => {
    const endpoint = await adminClient(ctx.app)
      .post('/admin/webhook-endpoints', { url: 'https://127.0.0.1/ivr', eventTypes: ['call.ended'], active: false })
      .expect(201);
    const event = async (id: string, createdAt: Date, delivery: 'delivered' | 'failed' | 'pending' | null) => {
      await ctx.dataSource.query(
        `INSERT INTO ivr.outbox (id, type, occurred_at, data, created_at) VALUES ($1, 'call.ended', $2, '{}', $2)`,
        [id, createdAt],
      );
      if (delivery)
        await ctx.dataSource.query(
          `INSERT INTO ivr.event_deliveries (event_id, subscriber, endpoint_id, order_key, event_position, status)
           SELECT $1, 'endpoint:' || $2, $2::uuid, '', position, $3 FROM ivr.outbox WHERE id = $1`,
          [id, endpoint.body.id, delivery],
        );
    };
    await event('00000000-0000-4000-8000-0000000000e1', daysAgo(8), 'delivered');
    await event('00000000-0000-4000-8000-0000000000e2', daysAgo(8), 'failed');
    await event('00000000-0000-4000-8000-0000000000e3', daysAgo(8), null);
    await event('00000000-0000-4000-8000-0000000000e4', daysAgo(8), 'pending');
    await event('00000000-0000-4000-8000-0000000000e5', daysAgo(6), 'delivered');
    // Fanned out up to these (as the dispatcher leaves the cursor); e6, written after, is not yet.
    await ctx.dataSource.query(
      `UPDATE ivr.outbox_fan_out SET (xid, position) = (SELECT xid, position FROM ivr.outbox ORDER BY xid DESC, position DESC LIMIT 1)`,
    );
    await event('00000000-0000-4000-8000-0000000000e6', daysAgo(8), null);

    const result = await ctx.app.get(RetentionService).purge(NOW);

    expect(result).toMatchObject({ ran: true, events: 3 });
    const kept = await ctx.dataSource.query<{ id: string }[]>(
      `SELECT id FROM ivr.outbox WHERE id::text LIKE '00000000-0000-4000-8000-0000000000e%' ORDER BY id`,
    );
    expect(kept.map((row) => row.id.slice(-2))).toEqual(['e4', 'e5', 'e6']);
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM ivr.event_deliveries`)).toEqual([{ n: 2 }]);
  });

  it('skips the purge while another instance holds the retention lock', async () => {
    await insertSession('CAold-again', daysAgo(90));
    const holder = ctx.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(727480004)');
      expect(await ctx.app.get(RetentionService).purge(NOW)).toMatchObject({ ran: false, sessions: 0 });
      expect(
        await ctx.dataSource.query(`SELECT count(*)::int AS n FROM ivr.call_sessions WHERE call_sid = 'CAold-again'`),
      ).toEqual([{ n: 1 }]);
    } finally {
      await holder.query('SELECT pg_advisory_unlock(727480004)');
      await holder.release();
    }
    expect(await ctx.app.get(RetentionService).purge(NOW)).toMatchObject({ ran: true, sessions: 1 });
  });
});
