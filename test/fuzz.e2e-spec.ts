import fc from 'fast-check';
import request from 'supertest';
import twilio from 'twilio';
import { parseTwiml, validateTwiml } from '../src/simulator/twiml-document.js';
import { RoutingService } from '../src/routing/routing.service.js';
import { countRows } from './helpers/factories.js';
import { callParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

const PATHS = [
  '/voice/incoming',
  '/voice/gather',
  '/voice/gather?round=1',
  '/voice/gather?round=2',
  '/voice/dial-status',
  '/voice/voicemail',
  '/voice/recording',
  '/voice/transcription',
  '/voice/status',
  '/voice/fallback',
];
const FIELDS = [
  'CallSid',
  'From',
  'To',
  'Digits',
  'SpeechResult',
  'Confidence',
  'DialCallStatus',
  'DialCallDuration',
  'RecordingSid',
  'RecordingDuration',
  'RecordingStatus',
  'TranscriptionSid',
  'TranscriptionStatus',
  'TranscriptionText',
  'CallStatus',
  'CallDuration',
  'Timestamp',
];
const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
];

// Values that have broken webhook handlers somewhere: markup, NUL, huge numbers, unicode, whitespace.
const nastyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '<Hangup/>',
    ']]>',
    '&amp;',
    '99999999999',
    '-1',
    'NaN',
    '1e309',
    '0x1',
    '1.5',
    'completed',
    'no-answer',
    'sales',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

const params = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), nastyValue, {
  maxKeys: 12,
});

function encode(values: Record<string, string>): string {
  return new URLSearchParams(Object.entries(values)).toString();
}

describe('fuzzing the voice routes (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll' });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(async () => {
    // As after any answered call: the fallback URL (no database) answers from the menu last read, operator included.
    await ctx.app.get(RoutingService).rules();
    process.on('unhandledRejection', onUnhandled);
  });

  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  /** A 200 must carry TwiML this server may send; anything else must be a client error. */
  function expectSafeAnswer(status: number, text: string): void {
    if (status === 200) {
      const document = parseTwiml(text);
      validateTwiml(document);
      // The hang-up apology means an internal error was caught: bad input must never get that far.
      // (The fallback URL's apology puts the caller through to the operator instead.)
      expect(text).not.toContain('Please call again later');
      return;
    }
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  }

  it('refuses unsigned, wrongly signed and mutated requests with 4xx and writes nothing', async () => {
    const before = await countRows(ctx.dataSource);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.oneof(
          params,
          params.map((extra) => ({ ...callParams('CA0123456789abcdef0123456789abcdef'), ...extra })),
        ),
        fc.constantFrom(...CONTENT_TYPES),
        fc.oneof(fc.constant(undefined), fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 })),
        async (path, values, contentType, signature) => {
          let pending = request(ctx.app.getHttpServer()).post(path);
          if (contentType) pending = pending.set('Content-Type', contentType);
          if (signature !== undefined) pending = pending.set('X-Twilio-Signature', signature);
          const response = await pending.send(encode(values));
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 1500 },
    );
    expect(await countRows(ctx.dataSource)).toEqual(before);
    expect(unhandled).toEqual([]);
  });

  it('answers correctly signed garbage with TwiML or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.oneof(
          params,
          params.map((extra) => ({ ...callParams('CA' + 'f'.repeat(32)), ...extra })),
        ),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        async (path, values, idempotencyToken) => {
          const signature = twilio.getExpectedTwilioSignature(
            TEST_AUTH_TOKEN,
            `${TEST_PUBLIC_BASE_URL}${path}`,
            values,
          );
          let pending = request(ctx.app.getHttpServer())
            .post(path)
            .set('Content-Type', 'application/x-www-form-urlencoded')
            .set('X-Twilio-Signature', signature);
          if (idempotencyToken)
            pending = pending.set('I-Twilio-Idempotency-Token', idempotencyToken.replace(/[^\x20-\x7e]/g, 'x'));
          const response = await pending.send(encode(values));
          expectSafeAnswer(response.status, response.text);
        },
      ),
      { numRuns: 1500 },
    );
    expect(unhandled).toEqual([]);
  });
});
