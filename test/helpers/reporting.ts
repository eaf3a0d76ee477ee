import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AttemptDecision, AttemptFailure, InputKind } from '../../src/call-sessions/call-attempt.entity.js';
import type { CallOutcome, DialTarget } from '../../src/call-sessions/call-session.entity.js';
import { viewerClient } from './admin-client.js';
import { within } from './deadline.js';
import { callParams, createTestApp, newCallSid, signedPost, type WebhookParams } from './test-app.js';

/** One caller's call, played through the real webhooks (signed), one step at a time. */
export class PlayedCall {
  readonly callSid = newCallSid();
  private round = 1;

  constructor(
    private readonly app: INestApplication,
    readonly from = '+15551230123',
  ) {}

  private async post(path: string, params: WebhookParams = {}): Promise<void> {
    await signedPost(
      this.app,
      path,
      callParams(this.callSid, { From: this.from, Caller: this.from, ...params }),
    ).expect(200);
  }

  async incoming(): Promise<this> {
    await this.post('/voice/incoming', { CallStatus: 'ringing' });
    return this;
  }

  private async answer(params: WebhookParams): Promise<this> {
    await this.post(`/voice/gather?round=${this.round}`, params);
    this.round += 1;
    return this;
  }

  press(digits: string): Promise<this> {
    return this.answer({ Digits: digits });
  }

  say(speech: string, confidence?: number): Promise<this> {
    return this.answer(
      confidence === undefined ? { SpeechResult: speech } : { SpeechResult: speech, Confidence: String(confidence) },
    );
  }

  silence(): Promise<this> {
    return this.answer({});
  }

  async dialed(status: string, seconds?: number): Promise<this> {
    await this.post('/voice/dial-status', {
      DialCallStatus: status,
      DialCallSid: `CA${'d'.repeat(32)}`,
      ...(seconds === undefined ? {} : { DialCallDuration: String(seconds) }),
    });
    return this;
  }

  async recorded(seconds: number): Promise<this> {
    await this.post('/voice/voicemail', { RecordingUrl: 'https://api.twilio.com/recording', RecordingDuration: '9' });
    await this.post('/voice/recording', {
      RecordingSid: `RE${this.callSid.slice(2)}`,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE${this.callSid.slice(2)}`,
      RecordingDuration: String(seconds),
      RecordingStatus: 'completed',
    });
    return this;
  }

  /** Twilio's transcribeCallback for the recording: completed with `text`, or failed (null). */
  async transcribed(text: string | null): Promise<this> {
    await this.post('/voice/transcription', {
      TranscriptionSid: `TR${this.callSid.slice(2)}`,
      TranscriptionStatus: text === null ? 'failed' : 'completed',
      ...(text === null ? {} : { TranscriptionText: text }),
      TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/AC0/Transcriptions/TR${this.callSid.slice(2)}`,
      RecordingSid: `RE${this.callSid.slice(2)}`,
    });
    return this;
  }

  async ended(status: string, seconds: number): Promise<this> {
    await this.post('/voice/status', { CallStatus: status, CallDuration: String(seconds) });
    return this;
  }
}

export const playCall = (app: INestApplication, from?: string): Promise<PlayedCall> =>
  new PlayedCall(app, from).incoming();

export interface SeededSession {
  readonly callSid?: string;
  /** Any timestamptz literal PostgreSQL reads, microseconds included. */
  readonly startedAt: string;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly outcome?: CallOutcome | null;
  readonly departmentId?: string | null;
  readonly dialTarget?: DialTarget | null;
  readonly durationSeconds?: number | null;
  readonly callStatus?: string | null;
}

/** Inserts a session straight in SQL (for times the call flow cannot produce); returns its CallSid. */
export async function seedSession(dataSource: DataSource, session: SeededSession): Promise<string> {
  const callSid = session.callSid ?? newCallSid();
  await dataSource.query(
    `INSERT INTO ivr.call_sessions (call_sid, from_number, to_number, started_at, ended_at, outcome, department_id,
       dial_target, duration_seconds, call_status)
     VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(secs => coalesce($7, 0)), $5, $6, $8, $7, $9)`,
    [
      callSid,
      session.from === undefined ? '+15550001111' : session.from,
      session.to === undefined ? '+15559870000' : session.to,
      session.startedAt,
      session.outcome ?? null,
      session.departmentId ?? null,
      session.durationSeconds ?? null,
      session.dialTarget ?? (session.departmentId ? 'department' : null),
      session.callStatus ?? (session.outcome ? 'completed' : 'in-progress'),
    ],
  );
  return callSid;
}

export interface SeededAttempt {
  readonly callSid: string;
  readonly round: number;
  readonly at: string;
  readonly inputKind: InputKind;
  readonly decision: AttemptDecision;
  readonly failure?: AttemptFailure | null;
  readonly departmentId?: string | null;
}

export async function seedAttempt(dataSource: DataSource, attempt: SeededAttempt): Promise<void> {
  await dataSource.query(
    `INSERT INTO ivr.call_attempts (call_sid, round, input_kind, decision, failure, department_id, response_twiml, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, '<Response/>', $7::timestamptz)`,
    [
      attempt.callSid,
      attempt.round,
      attempt.inputKind,
      attempt.decision,
      attempt.failure ?? null,
      attempt.departmentId ?? null,
      attempt.at,
    ],
  );
}

/** Every CallSid of a listing, following nextCursor to the end. */
export async function collectPages(
  fetchPage: (cursor: string | null) => Promise<{ items: { callSid: string }[]; nextCursor: string | null }>,
  between?: (pageNumber: number) => Promise<void>,
): Promise<string[]> {
  const callSids: string[] = [];
  let cursor: string | null = null;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(cursor);
    callSids.push(...page.items.map((item) => item.callSid));
    if (page.nextCursor === null) return callSids;
    cursor = page.nextCursor;
    await between?.(pageNumber);
  }
}

/**
 * What a report answers when its query outlasts the statement timeout: on a second app on `databaseUrl` whose report
 * queries time out after 300 ms, `path` is asked while a lock on `table` (taken through `dataSource`) holds it up.
 */
export async function expectReportTimeout(
  databaseUrl: string,
  dataSource: DataSource,
  table: string,
  path: string,
): Promise<void> {
  const impatient = await createTestApp({ databaseUrl, config: { reportTimeoutMs: 300 } });
  // A lock the report must wait for: it runs until the statement timeout stops it.
  const locker = dataSource.createQueryRunner();
  await locker.startTransaction();
  try {
    await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);

    const response = await within(
      viewerClient(impatient)
        .get(path)
        .then((answer) => answer),
      5000,
    );

    expect(response).not.toBe('timed out');
    if (response === 'timed out') return;
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body).toMatchObject({ code: 'REPORT.TIMEOUT' });
  } finally {
    await locker.rollbackTransaction();
    await locker.release();
    await impatient.close();
  }
}
