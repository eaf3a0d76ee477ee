import { BadRequestException } from '@nestjs/common';
import { ParseWebhookPipe } from './twilio-webhook.decorator.js';
import { MAX_TRANSCRIPTION_LENGTH } from './voice-webhook.dto.js';

const sut = new ParseWebhookPipe();

/** A transcribeCallback as Twilio posts it: the call's parameters, the transcription's, and some it may add. */
const TRANSCRIPTION = {
  CallSid: 'CA0123',
  AccountSid: 'AC0123',
  From: '+15551230123',
  To: '+15559870000',
  ApiVersion: '2010-04-01',
  TranscriptionSid: 'TR0123',
  TranscriptionText: 'Hi, this is Sam. Please call me back.',
  TranscriptionStatus: 'completed',
  TranscriptionUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0123/Transcriptions/TR0123',
  TranscriptionType: 'fast',
  RecordingSid: 'RE0123',
  RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0123/Recordings/RE0123',
  url: 'https://ivr.example.test/voice/transcription',
};

const transcription = (form: Record<string, unknown>) =>
  sut.transform({ kind: 'transcription', body: form, query: {} });

async function messages(form: Record<string, unknown>): Promise<string[]> {
  try {
    await transcription(form);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { message: string[] }).message;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('ParseWebhookPipe: transcription', () => {
  it('maps a completed transcription to its event, letting the fields it does not use pass', async () => {
    await expect(transcription(TRANSCRIPTION)).resolves.toEqual({
      kind: 'transcription',
      callSid: 'CA0123',
      accountSid: 'AC0123',
      from: '+15551230123',
      to: '+15559870000',
      transcriptionSid: 'TR0123',
      status: 'completed',
      text: 'Hi, this is Sam. Please call me back.',
      transcriptionUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0123/Transcriptions/TR0123',
      recordingSid: 'RE0123',
    });
  });

  it.each([
    ['a failed transcription without text', { TranscriptionStatus: 'failed', TranscriptionText: undefined }],
    ['an empty text (nothing was said)', { TranscriptionText: '' }],
    ['an empty RecordingSid', { RecordingSid: '' }],
    ['a text of the longest length taken', { TranscriptionText: 'a'.repeat(MAX_TRANSCRIPTION_LENGTH) }],
  ])('takes %s', async (_case, fields) => {
    await expect(transcription({ ...TRANSCRIPTION, ...fields })).resolves.toMatchObject({ kind: 'transcription' });
  });

  it.each([
    [
      'without a TranscriptionSid',
      { TranscriptionSid: undefined },
      'TranscriptionSid is required and must be a Twilio transcription SID',
    ],
    [
      'with an unknown TranscriptionStatus',
      { TranscriptionStatus: 'in-progress' },
      'TranscriptionStatus must be one of completed, failed',
    ],
    [
      'without a TranscriptionStatus',
      { TranscriptionStatus: undefined },
      'TranscriptionStatus must be one of completed, failed',
    ],
    [
      'with a text longer than any transcription Twilio makes',
      { TranscriptionText: 'a'.repeat(MAX_TRANSCRIPTION_LENGTH + 1) },
      `TranscriptionText must be at most ${MAX_TRANSCRIPTION_LENGTH} characters`,
    ],
    ['with a malformed RecordingSid', { RecordingSid: 'RE 0123' }, 'RecordingSid must be a Twilio recording SID'],
    ['without a CallSid', { CallSid: undefined }, 'CallSid is required and must be a Twilio call SID'],
  ])('refuses a transcription %s (400)', async (_case, fields, message) => {
    expect(await messages({ ...TRANSCRIPTION, ...fields })).toContain(message);
  });
});
