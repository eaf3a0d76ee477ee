import { answer, startCall } from './helpers/calls.js';
import { findAttempts, findSession } from './helpers/factories.js';
import { callParams, signedPost } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

// Far from the real time on purpose: only the injected clock can have stamped it.
const NOW = new Date('2031-05-06T07:08:09.000Z');

async function receipts(ctx: ReturnType<typeof useTestApp>, callSid: string, endpoint: string): Promise<number> {
  const [{ n }] = await ctx.dataSource.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM ivr.webhook_receipts WHERE call_sid = $1 AND endpoint = $2',
    [callSid, endpoint],
  );
  return n;
}

describe('the webhook call path (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll', now: () => NOW });

  it('stamps each webhook with its arrival time from the injected clock', async () => {
    const { callSid } = await startCall(ctx.app);
    await answer(ctx.app, callSid, 1, { Digits: '1' });

    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ startedAt: NOW, routedAt: NOW });
    expect((await findAttempts(ctx.dataSource, callSid))[0].createdAt).toEqual(NOW);
  });

  it('never lets a late progress callback (lower SequenceNumber) overwrite a newer one, nor the final status', async () => {
    const { callSid } = await startCall(ctx.app);
    const status = (CallStatus: string, SequenceNumber: string) =>
      signedPost(ctx.app, '/voice/status', callParams(callSid, { CallStatus, SequenceNumber })).expect(200);

    await status('in-progress', '2');
    await status('ringing', '1');
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ callStatus: 'in-progress', statusSequence: 2 });

    await status('completed', '3');
    await status('in-progress', '2');
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ callStatus: 'completed', statusSequence: 3 });
  });

  it('never ends a call before it starts, whatever the whole-second Timestamp says', async () => {
    const { callSid } = await startCall(ctx.app);
    await signedPost(
      ctx.app,
      '/voice/status',
      callParams(callSid, { CallStatus: 'completed', Timestamp: 'Tue, 06 May 2031 07:08:08 +0000' }),
    ).expect(200);
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ startedAt: NOW, endedAt: NOW });
  });

  it('refuses a SequenceNumber that is not a whole number with a 400', async () => {
    const { callSid } = await startCall(ctx.app);
    const response = await signedPost(
      ctx.app,
      '/voice/status',
      callParams(callSid, { CallStatus: 'ringing', SequenceNumber: 'two' }),
    ).expect(400);
    expect(response.body.message).toEqual(['SequenceNumber must be a whole number']);
  });

  it('writes nothing for replays of captured webhooks with fresh idempotency tokens', async () => {
    const { callSid } = await startCall(ctx.app);
    const routed = await answer(ctx.app, callSid, 1, { Digits: '1' });

    for (let replay = 0; replay < 3; replay++) {
      await signedPost(ctx.app, '/voice/incoming', callParams(callSid, { CallStatus: 'ringing' })).expect(200);
      const again = await answer(ctx.app, callSid, 1, { Digits: '1' });
      expect(again.text).toBe(routed.text);
    }

    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ version: 2 });
    expect(await receipts(ctx, callSid, 'incoming')).toBe(1);
    expect(await receipts(ctx, callSid, 'gather')).toBe(1);
  });

  it('keeps at most 32 receipts per call and endpoint, while still writing what each delivery changes', async () => {
    const { callSid } = await startCall(ctx.app);
    for (let sequence = 1; sequence <= 40; sequence++) {
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'in-progress', SequenceNumber: String(sequence) }),
      ).expect(200);
    }

    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ statusSequence: 40, version: 41 });
    expect(await receipts(ctx, callSid, 'status')).toBe(32);
  });

  it('answers a webhook for a call that ended more than a day ago with nothing, and writes nothing', async () => {
    const { callSid } = await startCall(ctx.app);
    await ctx.dataSource.query(
      `UPDATE ivr.call_sessions SET ended_at = $2::timestamptz - interval '2 days', call_status = 'completed',
         version = version + 1 WHERE call_sid = $1`,
      [callSid, NOW],
    );
    const before = await findSession(ctx.dataSource, callSid);

    const response = await answer(ctx.app, callSid, 1, { Digits: '1' });

    expect(response.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await findSession(ctx.dataSource, callSid)).toEqual(before);
    expect(await findAttempts(ctx.dataSource, callSid)).toEqual([]);
    expect(await receipts(ctx, callSid, 'gather')).toBe(0);
  });
});
