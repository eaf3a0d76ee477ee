import { randomUUID } from 'node:crypto';
import { gather } from './helpers/calls.js';
import { countRows, findAttempts, findSession, OPERATOR_NUMBER } from './helpers/factories.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { findOrFail } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('duplicates, retries and races (e2e)', () => {
  // Two instances of the app sharing one database, as behind a load balancer.
  const ctx = useTestApp({ instances: 2, menu: 'beforeEach' });

  async function startCall(app = ctx.apps[0]): Promise<string> {
    const callSid = newCallSid();
    await signedPost(app, '/voice/incoming', callParams(callSid)).expect(200);
    return callSid;
  }

  it('answers a retried webhook (same idempotency token) with the same TwiML and changes nothing', async () => {
    const callSid = await startCall();
    const token = randomUUID();
    const original = await gather(ctx.apps[0], callSid, 1, { Digits: '9' }, { idempotencyToken: token }).expect(200);
    const rowsAfterOriginal = await countRows(ctx.dataSource);
    const retry = await gather(ctx.apps[0], callSid, 1, { Digits: '9' }, { idempotencyToken: token }).expect(200);

    expect(retry.text).toBe(original.text);
    expect(await countRows(ctx.dataSource)).toEqual(rowsAfterOriginal);
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ round: 2, failedAttempts: 1 });
  });

  it('processes a concurrent burst of the same delivery once', async () => {
    const callSid = await startCall();
    const token = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        gather(index % 2 ? ctx.apps[0] : ctx.apps[1], callSid, 1, { Digits: '7' }, { idempotencyToken: token }),
      ),
    );

    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    expect(await findAttempts(ctx.dataSource, callSid)).toHaveLength(1);
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ round: 2, failedAttempts: 1 });
  });

  it('counts an already answered menu round once, even under a new idempotency token', async () => {
    const callSid = await startCall();
    const answered = await gather(ctx.apps[0], callSid, 1, { Digits: '9' }).expect(200);
    const again = await gather(ctx.apps[1], callSid, 1, { Digits: '1' }).expect(200);

    // The round's first answer stands, and is what the caller hears again.
    expect(again.text).toBe(answered.text);
    expect(await findAttempts(ctx.dataSource, callSid)).toHaveLength(1);
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ failedAttempts: 1, departmentId: null });
  });

  it('counts one attempt when distinct deliveries for one round race on two instances', async () => {
    const callSid = await startCall();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => gather(index % 2 ? ctx.apps[0] : ctx.apps[1], callSid, 1, {})),
    );

    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    expect(await findAttempts(ctx.dataSource, callSid)).toHaveLength(1);
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ round: 2, failedAttempts: 1 });
  });

  it('counts attempts across instances up to the operator', async () => {
    const callSid = await startCall(ctx.apps[1]);
    await gather(ctx.apps[0], callSid, 1, {}).expect(200);
    await gather(ctx.apps[1], callSid, 2, { Digits: '0' }).expect(200);
    const third = await gather(ctx.apps[0], callSid, 3, { SpeechResult: 'pizza' }).expect(200);

    expect(findOrFail(third.text, 'Number').text).toBe(OPERATOR_NUMBER);
    expect((await findAttempts(ctx.dataSource, callSid)).map((attempt) => attempt.round)).toEqual([1, 2, 3]);
  });

  it('creates one session when the incoming webhook arrives twice at once on both instances', async () => {
    const callSid = newCallSid();
    const responses = await Promise.all([
      signedPost(ctx.apps[0], '/voice/incoming', callParams(callSid)),
      signedPost(ctx.apps[1], '/voice/incoming', callParams(callSid)),
      signedPost(ctx.apps[0], '/voice/incoming', callParams(callSid)),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(new Set(responses.map((response) => response.text)).size).toBe(1);
    expect(
      await ctx.dataSource.query('SELECT count(*)::int AS n FROM ivr.call_sessions WHERE call_sid = $1', [callSid]),
    ).toEqual([{ n: 1 }]);
  });

  it('keeps many concurrent calls independent', async () => {
    const callSids = await Promise.all(
      Array.from({ length: 20 }, (_, index) => startCall(index % 2 ? ctx.apps[0] : ctx.apps[1])),
    );
    await Promise.all(
      callSids.map((callSid, index) =>
        gather(index % 2 ? ctx.apps[1] : ctx.apps[0], callSid, 1, { Digits: String((index % 3) + 1) }).expect(200),
      ),
    );
    const routed = await ctx.dataSource.query(
      'SELECT count(*)::int AS n FROM ivr.call_sessions WHERE department_id IS NOT NULL',
    );
    expect(routed).toEqual([{ n: 20 }]);
    expect((await countRows(ctx.dataSource)).attempts).toBe(20);
  });

  it('keeps both changes when a dial result and the final status of one call race on two instances', async () => {
    // Each webhook writes only if the session is still as it read it: the loser decides again on the winner's row.
    const callSids = await Promise.all(Array.from({ length: 10 }, () => startCall()));
    await Promise.all(callSids.map((callSid) => gather(ctx.apps[1], callSid, 1, { Digits: '1' }).expect(200)));
    await Promise.all(
      callSids.flatMap((callSid, index) => [
        signedPost(
          index % 2 ? ctx.apps[0] : ctx.apps[1],
          '/voice/dial-status',
          callParams(callSid, { DialCallStatus: 'completed' }),
        ).expect(200),
        signedPost(
          index % 2 ? ctx.apps[1] : ctx.apps[0],
          '/voice/status',
          callParams(callSid, { CallStatus: 'completed', CallDuration: '42' }),
        ).expect(200),
      ]),
    );
    for (const callSid of callSids) {
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        dialCallStatus: 'completed',
        callStatus: 'completed',
        durationSeconds: 42,
        outcome: 'connected',
        version: 4,
      });
    }
  });

  it('replays a dial result retry without changing the recorded outcome', async () => {
    const callSid = await startCall();
    await gather(ctx.apps[0], callSid, 1, { Digits: '1' }).expect(200);
    const token = randomUUID();
    const params = callParams(callSid, { DialCallStatus: 'no-answer' });
    const original = await signedPost(ctx.apps[0], '/voice/dial-status', params, { idempotencyToken: token }).expect(
      200,
    );
    const retry = await signedPost(ctx.apps[1], '/voice/dial-status', params, { idempotencyToken: token }).expect(200);
    expect(retry.text).toBe(original.text);
    expect(
      await ctx.dataSource.query(
        'SELECT count(*)::int AS n FROM ivr.webhook_receipts WHERE call_sid = $1 AND endpoint = $2',
        [callSid, 'dial-status'],
      ),
    ).toEqual([{ n: 1 }]);
  });
});
