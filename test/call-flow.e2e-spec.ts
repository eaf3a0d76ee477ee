import { Logger } from '@nestjs/common';
import { answer, startCall } from './helpers/calls.js';
import { changeMenuSql, findAttempts, findSession, OPERATOR_NUMBER, updateSettings } from './helpers/factories.js';
import { callParams, newCallSid, signedPost, type WebhookParams } from './helpers/test-app.js';
import { findOrFail, parseTwiml, verbs } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('call flow (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  /** A new call, answered with the menu; resolves to its CallSid. */
  async function callAtMenu(): Promise<string> {
    const { callSid, twiml } = await startCall(ctx.app);
    expect(verbs(twiml)).toEqual(['Gather', 'Redirect']);
    return callSid;
  }

  describe('incoming', () => {
    it('creates the session and answers the menu with a barge-in Gather', async () => {
      const callSid = newCallSid();
      const response = await signedPost(ctx.app, '/voice/incoming', callParams(callSid, { CallStatus: 'ringing' }))
        .expect(200)
        .expect('Content-Type', /text\/xml/);

      const gather = findOrFail(response.text, 'Gather');
      expect(gather.attributes).toMatchObject({
        input: 'dtmf speech',
        numDigits: '1',
        speechTimeout: 'auto',
        action: '/voice/gather?round=1',
        method: 'POST',
        timeout: '5',
      });
      expect(gather.attributes.hints).toBe('sales, buy, support, technical support, help, billing, invoice');
      const say = gather.children.find((child) => child.name === 'Say');
      expect(say?.text).toBe(
        'Thank you for calling. For Sales, press 1 or say sales. For Support, press 2 or say support. For Billing, press 3 or say billing.',
      );
      // Silence falls through to the redirect, which reports an empty answer for the same round.
      expect(findOrFail(response.text, 'Redirect').text).toBe('/voice/gather?round=1');

      const session = await findSession(ctx.dataSource, callSid);
      expect(session).toMatchObject({
        callSid,
        fromNumber: '+15551230123',
        toNumber: '+15559870000',
        round: 1,
        failedAttempts: 0,
        outcome: null,
      });
      expect(session?.startedAt).toBeInstanceOf(Date);
    });

    it('lists only active departments, in menu order', async () => {
      await changeMenuSql(ctx.app, 'UPDATE ivr.departments SET active = false WHERE id = $1', [ctx.menu.support.id]);
      await changeMenuSql(ctx.app, 'UPDATE ivr.departments SET position = 0 WHERE id = $1', [ctx.menu.billing.id]);
      const response = await signedPost(ctx.app, '/voice/incoming', callParams(newCallSid())).expect(200);
      expect(findOrFail(response.text, 'Say').text).toBe(
        'Thank you for calling. For Billing, press 3 or say billing. For Sales, press 1 or say sales.',
      );
    });
  });

  describe('keypad', () => {
    it('dials the department whose digit was pressed, with a dial timeout', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { Digits: '2' });

      expect(verbs(response.text)).toEqual(['Say', 'Dial']);
      const dial = findOrFail(response.text, 'Dial');
      expect(dial.attributes).toMatchObject({ action: '/voice/dial-status', method: 'POST', timeout: '20' });
      expect(findOrFail(response.text, 'Number').text).toBe('+15555550102');

      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({
        round: 1,
        inputKind: 'dtmf',
        digits: '2',
        departmentId: ctx.menu.support.id,
        decision: 'route',
        failure: null,
      });
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        departmentId: ctx.menu.support.id,
        dialTarget: 'department',
        round: 2,
      });
    });

    it('dials a SIP address with <Sip>', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { Digits: '3' });
      expect(findOrFail(response.text, 'Sip').text).toBe('sip:billing@pbx.example.com');
    });

    it('uses the configured dial timeout', async () => {
      await updateSettings(ctx.app, { dialTimeoutSeconds: 45 });
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { Digits: '1' });
      expect(findOrFail(response.text, 'Dial').attributes.timeout).toBe('45');
    });

    it('re-prompts for a digit no department has', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { Digits: '9' });
      expect(findOrFail(response.text, 'Gather').attributes.action).toBe('/voice/gather?round=2');
      expect(findOrFail(response.text, 'Say').text).toMatch(/^Sorry, that isn't one of the options\. For Sales/);
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({
        inputKind: 'dtmf',
        digits: '9',
        decision: 'reprompt_no_match',
        failure: 'no_match',
      });
    });

    it('prefers the keypad when both digits and speech arrive', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { Digits: '1', SpeechResult: 'billing', Confidence: '0.95' });
      expect(findOrFail(response.text, 'Number').text).toBe('+15555550101');
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({ inputKind: 'dtmf', departmentId: ctx.menu.sales.id });
    });
  });

  describe('speech', () => {
    it('routes a keyword said with enough confidence, whatever its case and punctuation', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'Billing.', Confidence: '0.82' });
      expect(findOrFail(response.text, 'Sip').text).toBe('sip:billing@pbx.example.com');
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({
        inputKind: 'speech',
        speechResult: 'Billing.',
        confidence: 0.82,
        departmentId: ctx.menu.billing.id,
        decision: 'route',
      });
    });

    it('matches multi-word keywords as phrases', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, {
        SpeechResult: 'I need Technical Support, please',
        Confidence: '0.9',
      });
      expect(findOrFail(response.text, 'Number').text).toBe('+15555550102');
    });

    it('routes speech without a Confidence and records the confidence as unknown', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'sales' });
      expect(findOrFail(response.text, 'Number').text).toBe('+15555550101');
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({ inputKind: 'speech', confidence: null, decision: 'route' });
    });

    it('re-prompts below the global minimum confidence (default 0.6)', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'sales', Confidence: '0.59' });
      expect(verbs(response.text)).toEqual(['Gather', 'Redirect']);
      expect(findOrFail(response.text, 'Say').text).toMatch(/^Sorry, I didn't catch that clearly\./);
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({
        decision: 'reprompt_low_confidence',
        failure: 'low_confidence',
        departmentId: ctx.menu.sales.id,
        confidence: 0.59,
      });
    });

    it('routes at exactly the threshold', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'sales', Confidence: '0.6' });
      expect(verbs(response.text)).toEqual(['Say', 'Dial']);
    });

    it("uses a department's own threshold over the global minimum", async () => {
      await changeMenuSql(ctx.app, 'UPDATE ivr.departments SET confidence_threshold = 0.9 WHERE id = $1', [
        ctx.menu.billing.id,
      ]);
      await updateSettings(ctx.app, { minConfidence: 0.3 });

      const strict = await callAtMenu();
      expect(verbs((await answer(ctx.app, strict, 1, { SpeechResult: 'billing', Confidence: '0.85' })).text)).toEqual([
        'Gather',
        'Redirect',
      ]);
      const lenient = await callAtMenu();
      expect(verbs((await answer(ctx.app, lenient, 1, { SpeechResult: 'sales', Confidence: '0.35' })).text)).toEqual([
        'Say',
        'Dial',
      ]);
    });

    it('re-prompts when no keyword matches', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'weather forecast', Confidence: '0.99' });
      expect(findOrFail(response.text, 'Say').text).toMatch(/^Sorry, that isn't one of the options\./);
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({ decision: 'reprompt_no_match', departmentId: null });
    });

    it('keeps caller speech as data: markup in SpeechResult cannot break the TwiML', async () => {
      const callSid = await callAtMenu();
      const speech = 'billing <Hangup/> & ]]> "quoted" </Say>';
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: speech, Confidence: '0.9' });
      const twiml = parseTwiml(response.text);
      expect(twiml.children.map((child) => child.name)).toEqual(['Say', 'Dial']);
      expect(response.text).not.toContain('<Hangup/>');
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt.speechResult).toBe(speech);
    });
  });

  describe('failed attempts', () => {
    it('re-prompts on silence (the fall-through redirect) and counts it', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, {});
      expect(findOrFail(response.text, 'Say').text).toMatch(/^Sorry, I didn't hear a choice\./);
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({ inputKind: 'none', decision: 'reprompt_no_input', failure: 'no_input' });
    });

    it('routes to the operator after three failed attempts, counted across re-prompts', async () => {
      const callSid = await callAtMenu();
      await answer(ctx.app, callSid, 1, {});
      await answer(ctx.app, callSid, 2, { Digits: '8' });
      const third = await answer(ctx.app, callSid, 3, { SpeechResult: 'sales', Confidence: '0.1' });

      expect(findOrFail(third.text, 'Say').text).toBe('Connecting you to an operator.');
      expect(findOrFail(third.text, 'Number').text).toBe(OPERATOR_NUMBER);
      const attempts = await findAttempts(ctx.dataSource, callSid);
      expect(attempts.map((attempt) => attempt.decision)).toEqual([
        'reprompt_no_input',
        'reprompt_no_match',
        'operator',
      ]);
      expect(attempts[2].failure).toBe('low_confidence');
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        failedAttempts: 3,
        dialTarget: 'operator',
        dialedNumber: OPERATOR_NUMBER,
      });
    });

    it('honours maxAttempts from the settings', async () => {
      await updateSettings(ctx.app, { maxAttempts: 1 });
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, {});
      expect(findOrFail(response.text, 'Number').text).toBe(OPERATOR_NUMBER);
    });

    it('takes a voicemail instead when no operator number is configured', async () => {
      await updateSettings(ctx.app, { maxAttempts: 1, operatorNumber: null });
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, {});
      expect(verbs(response.text)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
      expect((await findAttempts(ctx.dataSource, callSid))[0].decision).toBe('operator');
    });

    it('does not reset the count when Twilio repeats the incoming webhook', async () => {
      await updateSettings(ctx.app, { maxAttempts: 2 });
      const callSid = await callAtMenu();
      await answer(ctx.app, callSid, 1, {});
      const repeated = await signedPost(ctx.app, '/voice/incoming', callParams(callSid)).expect(200);
      expect(findOrFail(repeated.text, 'Gather').attributes.action).toBe('/voice/gather?round=2');
      const second = await answer(ctx.app, callSid, 2, {});
      expect(findOrFail(second.text, 'Number').text).toBe(OPERATOR_NUMBER);
    });
  });

  describe('dial results', () => {
    async function routedCall(digits = '1'): Promise<string> {
      const callSid = await callAtMenu();
      await answer(ctx.app, callSid, 1, { Digits: digits });
      return callSid;
    }

    it('marks an answered department call connected and ends the call', async () => {
      const callSid = await routedCall();
      const response = await signedPost(
        ctx.app,
        '/voice/dial-status',
        callParams(callSid, { DialCallStatus: 'completed', DialCallSid: 'CAdial1', DialCallDuration: '42' }),
      ).expect(200);
      expect(verbs(response.text)).toEqual(['Say', 'Hangup']);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        outcome: 'connected',
        dialCallStatus: 'completed',
        dialCallSid: 'CAdial1',
        dialDurationSeconds: 42,
      });
    });

    it('marks an answered operator call as operator', async () => {
      await updateSettings(ctx.app, { maxAttempts: 1 });
      const callSid = await callAtMenu();
      await answer(ctx.app, callSid, 1, {});
      await signedPost(ctx.app, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'completed' })).expect(200);
      expect((await findSession(ctx.dataSource, callSid))?.outcome).toBe('operator');
    });

    it.each(['no-answer', 'busy', 'failed', 'canceled'])(
      'apologises and records a voicemail when the dial ends %s',
      async (status) => {
        const callSid = await routedCall();
        const response = await signedPost(
          ctx.app,
          '/voice/dial-status',
          callParams(callSid, { DialCallStatus: status }),
        ).expect(200);
        expect(verbs(response.text)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
        expect(findOrFail(response.text, 'Say').text).toMatch(/^Sorry, nobody is available/);
        expect(findOrFail(response.text, 'Record').attributes).toMatchObject({
          action: '/voice/voicemail',
          recordingStatusCallback: '/voice/recording',
          method: 'POST',
        });
        expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ outcome: null, dialCallStatus: status });
      },
    );

    it('stores the recording and marks the call voicemail', async () => {
      const callSid = await routedCall();
      await signedPost(ctx.app, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'no-answer' })).expect(200);
      const thanks = await signedPost(
        ctx.app,
        '/voice/voicemail',
        callParams(callSid, { RecordingUrl: 'https://api.twilio.com/rec/RE1', RecordingDuration: '7', Digits: '#' }),
      ).expect(200);
      expect(verbs(thanks.text)).toEqual(['Say', 'Hangup']);
      await signedPost(ctx.app, '/voice/recording', {
        AccountSid: 'AC00000000000000000000000000000000',
        CallSid: callSid,
        RecordingSid: 'RE0123456789abcdef0123456789abcdef',
        RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE0123456789abcdef0123456789abcdef',
        RecordingStatus: 'completed',
        RecordingDuration: '7',
        RecordingChannels: '1',
        RecordingSource: 'RecordVerb',
      }).expect(200);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        outcome: 'voicemail',
        recordingSid: 'RE0123456789abcdef0123456789abcdef',
        recordingDurationSeconds: 7,
      });
    });

    it('ignores a failed recording', async () => {
      const callSid = await routedCall();
      await signedPost(
        ctx.app,
        '/voice/recording',
        callParams(callSid, { RecordingSid: 'RE1', RecordingStatus: 'failed' }),
      ).expect(200);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ outcome: null, recordingSid: null });
    });
  });

  describe('status callback', () => {
    it('marks a call that hung up in the menu as abandoned, with status, duration and end time', async () => {
      const callSid = await callAtMenu();
      // Twilio's Timestamp: RFC 2822, whole seconds, a minute after the call started.
      const ended = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
      const response = await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, {
          CallStatus: 'completed',
          CallDuration: '12',
          Timestamp: ended.toUTCString().replace('GMT', '+0000'),
          SequenceNumber: '0',
        }),
      ).expect(200);
      expect(parseTwiml(response.text).children).toEqual([]);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        outcome: 'abandoned',
        callStatus: 'completed',
        durationSeconds: 12,
        endedAt: ended,
      });
    });

    it('keeps a connected outcome when the call ends', async () => {
      const callSid = await callAtMenu();
      await answer(ctx.app, callSid, 1, { Digits: '1' });
      await signedPost(ctx.app, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'completed' })).expect(200);
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'completed', CallDuration: '95' }),
      ).expect(200);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ outcome: 'connected', durationSeconds: 95 });
    });

    it('upgrades abandoned to connected when the final status arrives before a late dial result', async () => {
      const callSid = await callAtMenu();
      await answer(ctx.app, callSid, 1, { Digits: '1' });
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'completed', CallDuration: '60' }),
      ).expect(200);
      expect((await findSession(ctx.dataSource, callSid))?.outcome).toBe('abandoned');
      await signedPost(ctx.app, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'completed' })).expect(200);
      expect((await findSession(ctx.dataSource, callSid))?.outcome).toBe('connected');
    });

    it('marks a call Twilio could not complete as failed', async () => {
      const callSid = await callAtMenu();
      await signedPost(ctx.app, '/voice/status', callParams(callSid, { CallStatus: 'failed' })).expect(200);
      expect((await findSession(ctx.dataSource, callSid))?.outcome).toBe('failed');
    });

    it('never lets a late progress event overwrite the final status', async () => {
      const callSid = await callAtMenu();
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'completed', SequenceNumber: '2' }),
      ).expect(200);
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'in-progress', SequenceNumber: '1' }),
      ).expect(200);
      expect((await findSession(ctx.dataSource, callSid))?.callStatus).toBe('completed');
    });

    it('records a status callback for a call it never saw', async () => {
      const callSid = newCallSid();
      await signedPost(ctx.app, '/voice/status', callParams(callSid, { CallStatus: 'canceled' })).expect(200);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        outcome: 'abandoned',
        callStatus: 'canceled',
      });
    });
  });

  describe('bad input', () => {
    it('answers 400 with a message when CallSid is missing, and writes nothing', async () => {
      const params = callParams('x');
      delete (params as Partial<WebhookParams>).CallSid;
      const response = await signedPost(ctx.app, '/voice/incoming', params).expect(400);
      expect(JSON.stringify(response.body)).toContain('CallSid is required');
      expect(await ctx.dataSource.query('SELECT count(*)::int AS n FROM ivr.call_sessions')).toEqual([{ n: 0 }]);
    });

    it('answers 400 for a non-numeric Confidence, and records no attempt', async () => {
      const callSid = await callAtMenu();
      const raw = await signedPost(
        ctx.app,
        '/voice/gather?round=1',
        callParams(callSid, { SpeechResult: 'sales', Confidence: 'high' }),
      );
      expect(raw.status).toBe(400);
      expect(JSON.stringify(raw.body)).toContain('Confidence must be a number between 0 and 1');
      expect(await findAttempts(ctx.dataSource, callSid)).toEqual([]);
    });

    it('treats an empty Confidence as absent, not as zero', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'billing please', Confidence: '' });
      expect(verbs(response.text)).toEqual(['Say', 'Dial']);
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({ decision: 'route', confidence: null });
    });

    it('stores an empty CallDuration as unknown', async () => {
      const callSid = await callAtMenu();
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'completed', CallDuration: '' }),
      ).expect(200);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        callStatus: 'completed',
        durationSeconds: null,
      });
    });

    it.each(['abc', '99999999999', '0', '1.5'])('answers 400 for the menu round %s', async (round) => {
      const callSid = await callAtMenu();
      const response = await signedPost(ctx.app, `/voice/gather?round=${round}`, callParams(callSid, { Digits: '1' }));
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('round must be a menu round between 1 and 1000');
    });

    it('answers 400 when a parameter is sent twice', async () => {
      const response = await signedPost(ctx.app, '/voice/incoming', {
        ...callParams('x'),
        CallSid: ['CA1', 'CA2'],
      } as unknown as WebhookParams);
      expect(response.status).toBe(400);
    });

    it('drops NUL characters from caller speech instead of failing the call', async () => {
      const callSid = await callAtMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'sa\u0000les', Confidence: '0.9' });
      expect(verbs(response.text)).toEqual(['Say', 'Dial']);
      expect((await findAttempts(ctx.dataSource, callSid))[0].speechResult).toBe('sales');
    });

    it('ignores a Timestamp no real call could have', async () => {
      const callSid = await callAtMenu();
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'completed', Timestamp: '-200000-01-01' }),
      ).expect(200);
      const session = await findSession(ctx.dataSource, callSid);
      expect(Math.abs((session?.endedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    });

    it('dedupes on an over-long idempotency token', async () => {
      const callSid = await callAtMenu();
      const token = 'x'.repeat(600);
      const first = await signedPost(ctx.app, '/voice/gather?round=1', callParams(callSid, { Digits: '9' }), {
        idempotencyToken: token,
      }).expect(200);
      const retry = await signedPost(ctx.app, '/voice/gather?round=1', callParams(callSid, { Digits: '9' }), {
        idempotencyToken: token,
      }).expect(200);
      expect(retry.text).toBe(first.text);
      expect(await findAttempts(ctx.dataSource, callSid)).toHaveLength(1);
    });

    it('answers 400 for an unknown DialCallStatus', async () => {
      const callSid = await callAtMenu();
      const response = await signedPost(
        ctx.app,
        '/voice/dial-status',
        callParams(callSid, { DialCallStatus: 'exploded' }),
      );
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('DialCallStatus must be one of');
    });

    it('treats a Gather for a call it never saw as the start of that call', async () => {
      const callSid = newCallSid();
      const response = await answer(ctx.app, callSid, 1, { Digits: '1' });
      expect(findOrFail(response.text, 'Number').text).toBe('+15555550101');
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ departmentId: ctx.menu.sales.id });
    });

    it('answers safe TwiML, not a 500, when the database fails mid-webhook', async () => {
      const callSid = await callAtMenu();
      // The error is logged on purpose: caught here and checked, not printed among the test results.
      const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      await ctx.dataSource.query('ALTER TABLE ivr.call_attempts RENAME TO call_attempts_moved');
      try {
        const response = await answer(ctx.app, callSid, 1, { Digits: '1' });
        expect(verbs(response.text)).toEqual(['Say', 'Hangup']);
        expect(findOrFail(response.text, 'Say').text).toMatch(/technical difficulties/);
        expect(logged).toHaveBeenCalledWith(
          expect.objectContaining({ event: 'webhook.failed', callSid }),
          expect.any(String),
        );
      } finally {
        logged.mockRestore();
        await ctx.dataSource.query('ALTER TABLE ivr.call_attempts_moved RENAME TO call_attempts');
      }
      // The failed transaction left the session as it was.
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ round: 1, departmentId: null });
    });
  });
});
