import request from 'supertest';
import { adminClient, viewerClient } from './helpers/admin-client.js';
import { answer, startCall } from './helpers/calls.js';
import { countRows, findSession } from './helpers/factories.js';
import { playCall, type PlayedCall } from './helpers/reporting.js';
import { callParams, signedPost, type WebhookParams } from './helpers/test-app.js';
import { findOrFail } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

const MESSAGE = 'Hi, this is Sam from "Acme". Please call me back at 555-0123, it is about my order.';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

describe('voicemail transcription (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  async function transcribeVoicemails(on: boolean): Promise<void> {
    await adminClient(ctx.app).patch('/admin/settings', { transcribeVoicemail: on }, '*').expect(200);
  }

  /** A call that reached voicemail (Sales did not answer), its message recorded and the call over. */
  async function voicemailLeft(): Promise<PlayedCall> {
    const call = await (await playCall(ctx.app)).press('1');
    return (await (await call.dialed('no-answer')).recorded(14)).ended('completed', 60);
  }

  /** Twilio's transcribeCallback for `callSid`, as it posts it (extra fields included). */
  function transcription(callSid: string, fields: WebhookParams = {}): WebhookParams {
    return callParams(callSid, {
      CallStatus: 'completed',
      TranscriptionSid: `TR${callSid.slice(2)}`,
      TranscriptionText: MESSAGE,
      TranscriptionStatus: 'completed',
      TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/AC0/Transcriptions/TR${callSid.slice(2)}`,
      TranscriptionType: 'fast',
      RecordingSid: `RE${callSid.slice(2)}`,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE${callSid.slice(2)}`,
      ...fields,
    });
  }

  describe('the voicemail <Record>', () => {
    /** The TwiML a new call gets when Sales does not answer. */
    async function voicemailTwiml(): Promise<string> {
      const { callSid } = await startCall(ctx.app);
      await answer(ctx.app, callSid, 1, { Digits: '1' });
      return (
        await signedPost(ctx.app, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'no-answer' })).expect(
          200,
        )
      ).text;
    }

    it('asks Twilio for a transcription only once an admin turns transcribeVoicemail on', async () => {
      const off = await voicemailTwiml();
      await transcribeVoicemails(true);
      const on = await voicemailTwiml();

      const record =
        '<Record action="/voice/voicemail" method="POST" maxLength="120" finishOnKey="#" playBeep="true" ' +
        'recordingStatusCallback="/voice/recording" recordingStatusCallbackMethod="POST"';
      expect(off).toContain(`${record}/>`);
      expect(on).toContain(`${record} transcribe="true" transcribeCallback="/voice/transcription"/>`);
    });

    it('asks for none again once it is turned off', async () => {
      await transcribeVoicemails(true);
      await transcribeVoicemails(false);

      expect(findOrFail(await voicemailTwiml(), 'Record').attributes).not.toHaveProperty('transcribe');
    });
  });

  describe('the transcription callback', () => {
    it('stores the text on the call, minutes after it ended, and answers an empty response', async () => {
      await transcribeVoicemails(true);
      const call = await voicemailLeft();

      const response = await signedPost(ctx.app, '/voice/transcription', transcription(call.callSid))
        .expect(200)
        .expect('Content-Type', /text\/xml/);

      expect(response.text).toBe(EMPTY_TWIML);
      expect(await findSession(ctx.dataSource, call.callSid)).toMatchObject({
        transcriptionSid: `TR${call.callSid.slice(2)}`,
        transcriptionStatus: 'completed',
        transcriptionText: MESSAGE,
        outcome: 'voicemail',
        recordingSid: `RE${call.callSid.slice(2)}`,
        callStatus: 'completed',
      });
    });

    it('stores a failed transcription without text', async () => {
      const call = await voicemailLeft();

      await signedPost(
        ctx.app,
        '/voice/transcription',
        transcription(call.callSid, { TranscriptionStatus: 'failed', TranscriptionText: '' }),
      ).expect(200);

      expect(await findSession(ctx.dataSource, call.callSid)).toMatchObject({
        transcriptionStatus: 'failed',
        transcriptionText: null,
        outcome: 'voicemail',
      });
    });

    it("changes nothing on Twilio's retry or on the same callback delivered again", async () => {
      const call = await voicemailLeft();
      const params = transcription(call.callSid);
      await signedPost(ctx.app, '/voice/transcription', params, { idempotencyToken: 'token-1' }).expect(200);
      const stored = await findSession(ctx.dataSource, call.callSid);
      const rows = await countRows(ctx.dataSource);

      const retry = await signedPost(ctx.app, '/voice/transcription', params, { idempotencyToken: 'token-1' });
      const again = await signedPost(ctx.app, '/voice/transcription', params, { idempotencyToken: 'token-2' });

      expect([retry.status, again.status]).toEqual([200, 200]);
      expect([retry.text, again.text]).toEqual([EMPTY_TWIML, EMPTY_TWIML]);
      expect(await findSession(ctx.dataSource, call.callSid)).toEqual(stored);
      expect(await countRows(ctx.dataSource)).toEqual(rows);
    });

    it('refuses an unsigned or wrongly signed callback (403) and stores nothing', async () => {
      const call = await voicemailLeft();
      const before = await findSession(ctx.dataSource, call.callSid);

      const unsigned = await request(ctx.app.getHttpServer())
        .post('/voice/transcription')
        .type('form')
        .send(transcription(call.callSid));
      const forged = await signedPost(ctx.app, '/voice/transcription', transcription(call.callSid), {
        token: 'someone-elses-token-000000000000',
      });

      expect([unsigned.status, forged.status]).toEqual([403, 403]);
      expect(await findSession(ctx.dataSource, call.callSid)).toEqual(before);
    });

    it('answers 400 for a TranscriptionStatus Twilio does not send, and stores nothing', async () => {
      const call = await voicemailLeft();

      const response = await signedPost(
        ctx.app,
        '/voice/transcription',
        transcription(call.callSid, { TranscriptionStatus: 'queued' }),
      ).expect(400);

      expect(JSON.stringify(response.body)).toContain('TranscriptionStatus must be one of completed, failed');
      expect(await findSession(ctx.dataSource, call.callSid)).toMatchObject({ transcriptionStatus: null });
    });
  });

  describe('reports', () => {
    it.each([
      ['an admin', adminClient],
      ['a viewer', viewerClient],
    ])('show the text to %s in the call detail and the CSV export', async (_role, client) => {
      const call = await (await voicemailLeft()).transcribed(MESSAGE);

      const detail = (await client(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200)).body;
      const csv = (await client(ctx.app).get('/admin/call-sessions?format=csv').buffer(true).expect(200)).text;

      expect(detail).toMatchObject({
        outcome: 'voicemail',
        transcriptionStatus: 'completed',
        transcriptionText: MESSAGE,
      });
      const [header, line] = csv.split('\r\n');
      expect(header.endsWith(',transcriptionStatus,transcriptionText,callerName,tags,language')).toBe(true);
      expect(line.startsWith(`${call.callSid},`)).toBe(true);
      expect(line.endsWith(`,completed,"${MESSAGE.replaceAll('"', '""')}",,,en-US`)).toBe(true);
    });

    it("keeps the recording's URL from a viewer while showing the transcription", async () => {
      const call = await (await voicemailLeft()).transcribed(MESSAGE);

      const asViewer = (await viewerClient(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200)).body;
      const asAdmin = (await adminClient(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200)).body;

      expect(asViewer.recording).toMatchObject({ sid: `RE${call.callSid.slice(2)}`, url: null });
      expect(asViewer.transcriptionText).toBe(MESSAGE);
      expect(asAdmin.recording.url).toContain(`/Recordings/RE${call.callSid.slice(2)}`);
    });

    it('describes the setting and the detail fields in OpenAPI', async () => {
      const { schemas } = (await request(ctx.app.getHttpServer()).get('/docs-json').expect(200)).body.components;

      expect(schemas.UpdateSettingsDto.properties.transcribeVoicemail).toMatchObject({ type: 'boolean' });
      expect(schemas.SettingsResponse.properties.transcribeVoicemail).toMatchObject({ type: 'boolean' });
      expect(schemas.CallSessionDetail.properties.transcriptionStatus).toMatchObject({
        enum: ['completed', 'failed'],
        nullable: true,
      });
      expect(schemas.CallSessionDetail.properties.transcriptionText).toMatchObject({ type: 'string', nullable: true });
      expect(schemas.CallSessionDetail.required).toEqual(
        expect.arrayContaining(['transcriptionStatus', 'transcriptionText']),
      );
    });

    it('shows a failed transcription with no text', async () => {
      const call = await (await voicemailLeft()).transcribed(null);

      const detail = (await adminClient(ctx.app).get(`/admin/call-sessions/${call.callSid}`).expect(200)).body;

      expect(detail).toMatchObject({ transcriptionStatus: 'failed', transcriptionText: null });
    });
  });
});
