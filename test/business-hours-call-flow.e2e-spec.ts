import pg from 'pg';
import { answer, startCall } from './helpers/calls.js';
import {
  createHoliday,
  findAttempts,
  findSession,
  OPERATOR_NUMBER,
  setSchedule,
  updateSettings,
} from './helpers/factories.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { findOrFail, verbs } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

// Sales keeps Monday-Friday 09:00-17:00 in New York. Wednesday 2026-01-14 at 12:00 and at 20:00 EST:
const OPEN_TIME = new Date('2026-01-14T17:00:00Z');
const CLOSED_TIME = new Date('2026-01-15T01:00:00Z');
const AFTER_HOURS_NUMBER = '+15555550199';
const CLOSED_MESSAGE =
  'Sales is closed now. Its hours are Monday to Friday, 9 AM to 5 PM (Eastern Time). It opens again tomorrow at 9 AM.';

describe('business hours in the call flow (e2e)', () => {
  const ctx = useTestApp({ systemTime: CLOSED_TIME, menu: 'beforeEach' });

  /** A new call; resolves to its CallSid and what the menu said. */
  async function callHearingMenu(): Promise<{ callSid: string; menuText: string }> {
    const { callSid, twiml } = await startCall(ctx.app);
    return { callSid, menuText: findOrFail(twiml, 'Say').text };
  }

  describe('the menu', () => {
    it('still names a closed department, saying it is closed', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id);
      const { menuText } = await callHearingMenu();
      expect(menuText).toBe(
        'Thank you for calling. For Sales, which is closed now, press 1 or say sales. ' +
          'For Support, press 2 or say support. For Billing, press 3 or say billing.',
      );
    });

    it('names it as usual during its hours', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id);
      vi.setSystemTime(OPEN_TIME);
      const { callSid, menuText } = await callHearingMenu();
      expect(menuText).toContain('For Sales, press 1 or say sales.');
      const response = await answer(ctx.app, callSid, 1, { Digits: '1' });
      expect(findOrFail(response.text, 'Number').text).toBe('+15555550101');
      expect((await findAttempts(ctx.dataSource, callSid))[0].decision).toBe('route');
    });

    it('leaves out a closed department that hides when closed, and its digit is no option then', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id, { hideWhenClosed: true });
      const callSid = newCallSid();
      const incoming = await signedPost(ctx.app, '/voice/incoming', callParams(callSid)).expect(200);
      expect(findOrFail(incoming.text, 'Say').text).toBe(
        'Thank you for calling. For Support, press 2 or say support. For Billing, press 3 or say billing.',
      );
      expect(findOrFail(incoming.text, 'Gather').attributes.hints).toBe(
        'support, technical support, help, billing, invoice',
      );
      await answer(ctx.app, callSid, 1, { Digits: '1' });
      expect((await findAttempts(ctx.dataSource, callSid))[0]).toMatchObject({ decision: 'reprompt_no_match' });
    });
  });

  describe('a caller choosing a closed department', () => {
    it('hears it is closed and its hours, and leaves a voicemail', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id);
      const { callSid } = await callHearingMenu();

      const response = await answer(ctx.app, callSid, 1, { Digits: '1' });

      expect(verbs(response.text)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
      expect(findOrFail(response.text, 'Say').text).toBe(
        `${CLOSED_MESSAGE} Please leave a message after the tone, then hang up or press the pound key.`,
      );
      const [attempt] = await findAttempts(ctx.dataSource, callSid);
      expect(attempt).toMatchObject({ round: 1, decision: 'closed', failure: null, departmentId: ctx.menu.sales.id });
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        departmentId: ctx.menu.sales.id,
        failedAttempts: 0,
        dialTarget: null,
        outcome: null,
      });

      const thanks = await signedPost(
        ctx.app,
        '/voice/voicemail',
        callParams(callSid, { RecordingUrl: 'https://api.twilio.com/rec/RE1', RecordingDuration: '9', Digits: '#' }),
      ).expect(200);
      expect(verbs(thanks.text)).toEqual(['Say', 'Hangup']);
      await signedPost(ctx.app, '/voice/recording', {
        AccountSid: 'AC00000000000000000000000000000000',
        CallSid: callSid,
        RecordingSid: 'RE00000000000000000000000000000009',
        RecordingStatus: 'completed',
        RecordingDuration: '9',
      }).expect(200);
      await signedPost(
        ctx.app,
        '/voice/status',
        callParams(callSid, { CallStatus: 'completed', CallDuration: '40' }),
      ).expect(200);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        outcome: 'voicemail',
        recordingSid: 'RE00000000000000000000000000000009',
        departmentId: ctx.menu.sales.id,
      });
    });

    it('gets the same when choosing it by speech', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id);
      const { callSid } = await callHearingMenu();
      const response = await answer(ctx.app, callSid, 1, { SpeechResult: 'Sales, please', Confidence: '0.9' });
      expect(findOrFail(response.text, 'Say').text).toMatch(/^Sales is closed now\./);
      expect((await findAttempts(ctx.dataSource, callSid))[0]).toMatchObject({
        inputKind: 'speech',
        decision: 'closed',
      });
    });

    it('is closed on a company holiday during its usual hours', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id);
      await createHoliday(ctx.app, '2026-01-14', 'Founders Day');
      vi.setSystemTime(OPEN_TIME);
      const { callSid, menuText } = await callHearingMenu();
      expect(menuText).toContain('For Sales, which is closed now');
      const response = await answer(ctx.app, callSid, 1, { Digits: '1' });
      expect(verbs(response.text)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
    });

    it('dials the after-hours number of a forwarding department; answered, the call is connected', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id, { closedAction: 'forward', forwardTo: AFTER_HOURS_NUMBER });
      const { callSid } = await callHearingMenu();

      const response = await answer(ctx.app, callSid, 1, { Digits: '1' });

      expect(verbs(response.text)).toEqual(['Say', 'Dial']);
      expect(findOrFail(response.text, 'Say').text).toBe(
        'Sales is closed now. Connecting you to our after-hours line.',
      );
      expect(findOrFail(response.text, 'Dial').attributes).toMatchObject({
        action: '/voice/dial-status',
        timeout: '20',
      });
      expect(findOrFail(response.text, 'Number').text).toBe(AFTER_HOURS_NUMBER);
      expect((await findAttempts(ctx.dataSource, callSid))[0]).toMatchObject({ decision: 'closed' });
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        departmentId: ctx.menu.sales.id,
        dialTarget: 'department',
        dialedNumber: AFTER_HOURS_NUMBER,
      });

      await signedPost(ctx.app, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'completed' })).expect(200);
      expect((await findSession(ctx.dataSource, callSid))?.outcome).toBe('connected');
    });

    it('offers a voicemail when the after-hours number does not answer', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id, { closedAction: 'forward', forwardTo: AFTER_HOURS_NUMBER });
      const { callSid } = await callHearingMenu();
      await answer(ctx.app, callSid, 1, { Digits: '1' });
      const response = await signedPost(
        ctx.app,
        '/voice/dial-status',
        callParams(callSid, { DialCallStatus: 'no-answer' }),
      ).expect(200);
      expect(verbs(response.text)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
    });

    it('ends a call that keeps choosing a closed `menu` department at the operator after maxAttempts closed rounds', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id, { closedAction: 'menu' });
      const { callSid } = await callHearingMenu();

      for (const round of [1, 2]) {
        const back = await answer(ctx.app, callSid, round, { Digits: '1' });
        expect(verbs(back.text)).toEqual(['Gather', 'Redirect']);
      }
      const last = await answer(ctx.app, callSid, 3, { Digits: '1' });

      expect(verbs(last.text)).toEqual(['Say', 'Dial']);
      expect(findOrFail(last.text, 'Say').text).toBe(`${CLOSED_MESSAGE} Connecting you to an operator.`);
      expect(findOrFail(last.text, 'Number').text).toBe(OPERATOR_NUMBER);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        round: 4,
        failedAttempts: 0,
        dialTarget: 'operator',
      });
      expect((await findAttempts(ctx.dataSource, callSid)).map((attempt) => attempt.decision)).toEqual([
        'closed',
        'closed',
        'closed',
      ]);
    });

    it('returns to the menu from a `menu` department without using up an attempt', async () => {
      await updateSettings(ctx.app, { maxAttempts: 2 });
      await setSchedule(ctx.app, ctx.menu.sales.id, { closedAction: 'menu' });
      const { callSid } = await callHearingMenu();

      const back = await answer(ctx.app, callSid, 1, { Digits: '1' });

      expect(verbs(back.text)).toEqual(['Gather', 'Redirect']);
      expect(findOrFail(back.text, 'Gather').attributes.action).toBe('/voice/gather?round=2');
      expect(findOrFail(back.text, 'Say').text).toBe(
        `${CLOSED_MESSAGE} For Sales, which is closed now, press 1 or say sales. ` +
          'For Support, press 2 or say support. For Billing, press 3 or say billing.',
      );
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        round: 2,
        failedAttempts: 0,
        departmentId: null,
      });

      // Two failures still reach the operator only after the closed answer: it did not count.
      const first = await answer(ctx.app, callSid, 2, {});
      expect(verbs(first.text)).toEqual(['Gather', 'Redirect']);
      const second = await answer(ctx.app, callSid, 3, {});
      expect(findOrFail(second.text, 'Number').text).toBe(OPERATOR_NUMBER);
      expect((await findAttempts(ctx.dataSource, callSid)).map((attempt) => attempt.decision)).toEqual([
        'closed',
        'reprompt_no_input',
        'operator',
      ]);
    });

    it('lets the caller pick an open department after a `menu` department turned them back', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id, { closedAction: 'menu' });
      const { callSid } = await callHearingMenu();
      await answer(ctx.app, callSid, 1, { Digits: '1' });
      const response = await answer(ctx.app, callSid, 2, { Digits: '2' });
      expect(findOrFail(response.text, 'Number').text).toBe('+15555550102');
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        departmentId: ctx.menu.support.id,
        failedAttempts: 0,
      });
    });

    it('replays the same answer for a repeated closed round, counted once', async () => {
      await setSchedule(ctx.app, ctx.menu.sales.id);
      const { callSid } = await callHearingMenu();
      const first = await answer(ctx.app, callSid, 1, { Digits: '1' });
      const again = await answer(ctx.app, callSid, 1, { Digits: '1' });
      expect(again.text).toBe(first.text);
      expect(await findAttempts(ctx.dataSource, callSid)).toHaveLength(1);
    });
  });

  describe('changes reach every instance', () => {
    it.each([
      [
        'department_schedules',
        (sql: pg.Client, id: string) =>
          sql.query(
            `INSERT INTO ivr.department_schedules (department_id, time_zone, weekly) VALUES ($1, 'UTC', '{}')`,
            [id],
          ),
      ],
      [
        'company_holidays',
        (sql: pg.Client) =>
          sql.query(`INSERT INTO ivr.company_holidays (date, name) VALUES ('2030-01-01', 'New Year')`),
      ],
    ])('notifies routing_changed when %s changes', async (table, change) => {
      const listener = new pg.Client({ connectionString: ctx.databaseUrl });
      const writer = new pg.Client({ connectionString: ctx.databaseUrl });
      await Promise.all([listener.connect(), writer.connect()]);
      try {
        await listener.query('LISTEN routing_changed');
        const notified = new Promise<string | undefined>((resolve) =>
          listener.on('notification', (message) => resolve(message.payload)),
        );
        await change(writer, ctx.menu.sales.id);
        await expect(notified).resolves.toBe(table);
      } finally {
        await Promise.all([listener.end(), writer.end()]);
      }
    });
  });
});
