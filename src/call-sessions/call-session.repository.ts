import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { CallAttempt } from './call-attempt.entity.js';
import { CallSession } from './call-session.entity.js';
import { CallStatements, columnSpecs, FIRST_VERSION } from './call-session.statements.js';
import { WebhookReceipt } from './webhook-receipt.entity.js';

// Past this many lost races the call is being hammered: fail the webhook rather than spin (Twilio retries it).
const MAX_WRITE_TRIES = 10;
// Calls whose last write this instance remembers: one small session object each, bounded whatever the traffic.
const REMEMBERED_SESSIONS = 10_000;
const UNIQUE_VIOLATION = '23505';

export interface CallDetails {
  readonly callSid: string;
  readonly accountSid?: string;
  readonly from?: string;
  readonly to?: string;
  readonly receivedAt: Date;
}

export type NewAttempt = Omit<CallAttempt, 'id' | 'callSid' | 'createdAt'>;
export type SessionUpdate = Partial<Omit<CallSession, 'callSid' | 'createdAt' | 'updatedAt' | 'version'>>;

/** Which delivery of which webhook this is: a receipt is kept per token, so a retry changes nothing. */
export interface WebhookDelivery {
  readonly endpoint: string;
  readonly idempotencyToken?: string;
  /** The webhook that normally opens a call (incoming): its session is first assumed not to exist yet. */
  readonly opensCall?: boolean;
}

/** What one webhook changes on its call; nothing is written until the webhook's work has finished. */
export class CallChanges {
  session: SessionUpdate = {};
  attempt: (NewAttempt & { readonly createdAt: Date }) | null = null;

  /**
   * `at` is the moment the answer arrived (the webhook's arrival, also for one replayed from the spool
   * after an outage): the moment the menu decided at, and the time reports attribute the attempt to.
   */
  recordAttempt(attempt: NewAttempt, at: Date): void {
    this.attempt = { ...attempt, createdAt: at };
  }

  updateSession(changes: SessionUpdate): void {
    this.session = { ...this.session, ...changes };
  }
}

/** The answer a webhook's work produced, and the TwiML a retry of the same delivery gets back. */
export interface WorkResult {
  readonly twiml: string;
}

/**
 * The sessions this instance wrote last, most recent last, bounded. A call's next webhook usually
 * reaches the same instance; it can then be decided on the remembered session without reading it.
 * Never trusted: the write applies only if the session is still at the remembered version.
 */
class RememberedSessions {
  private readonly sessions = new Map<string, CallSession>();

  constructor(private readonly capacity: number) {}

  get(callSid: string): CallSession | undefined {
    return this.sessions.get(callSid);
  }

  set(session: CallSession): void {
    this.sessions.delete(session.callSid);
    this.sessions.set(session.callSid, session);
    if (this.sessions.size > this.capacity) this.sessions.delete(this.sessions.keys().next().value as string);
  }

  delete(callSid: string): void {
    this.sessions.delete(callSid);
  }
}

/** Another webhook of the same call wrote between our read and our write. */
class LostRace extends Error {
  constructor(callSid: string) {
    super(`call ${callSid}: another webhook of the call wrote first`);
  }
}

/** The session a call's first webhook creates (whichever webhook arrives first). */
function newSession(details: CallDetails): CallSession {
  return Object.assign(new CallSession(), {
    callSid: details.callSid,
    accountSid: details.accountSid ?? null,
    fromNumber: details.from ?? null,
    toNumber: details.to ?? null,
    startedAt: details.receivedAt,
    endedAt: null,
    round: 1,
    failedAttempts: 0,
    departmentId: null,
    dialTarget: null,
    dialedNumber: null,
    routedAt: null,
    dialCallStatus: null,
    dialCallSid: null,
    dialDurationSeconds: null,
    outcome: null,
    callStatus: null,
    durationSeconds: null,
    recordingSid: null,
    recordingUrl: null,
    recordingDurationSeconds: null,
    errorCode: null,
    errorUrl: null,
    version: 0,
  });
}

/**
 * A call's webhooks, written with optimistic concurrency: one statement reads the session (and the
 * delivery's receipt), the work decides, and one statement writes session, attempt and receipt
 * together, only if the session is still at the version read; otherwise the webhook is decided again.
 * No lock is held between round trips, on any instance sharing the database. The read is skipped when
 * this instance wrote the call's session last (or the webhook opens a call): one round trip, and a
 * wrong guess (another instance wrote since, or this delivery was already answered) fails the write's
 * checks and is decided again from a read. The hot path uses the driver's pool and named (prepared
 * once per connection) statements rather than TypeORM's query builder, which cost more CPU than the
 * rest of the webhook.
 */
@Injectable()
export class CallSessionRepository {
  private statementsBuilt: CallStatements | undefined;
  private readonly remembered = new RememberedSessions(REMEMBERED_SESSIONS);

  constructor(private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  private get statements(): CallStatements {
    this.statementsBuilt ??= new CallStatements(
      columnSpecs(this.dataSource.getMetadata(CallSession)),
      columnSpecs(this.dataSource.getMetadata(CallAttempt)),
      columnSpecs(this.dataSource.getMetadata(WebhookReceipt)),
    );
    return this.statementsBuilt;
  }

  /**
   * Runs `work` against the call's current session and writes what it changed in one statement (all or
   * nothing). A delivery already answered gets its stored TwiML back and `work` does not run. `work`
   * may run more than once when webhooks of the same call race, so it must only decide and describe.
   */
  async runWebhook<T extends WorkResult>(
    details: CallDetails,
    delivery: WebhookDelivery,
    work: (changes: CallChanges, session: CallSession) => Promise<T>,
  ): Promise<{ readonly duplicate: string } | { readonly result: T; readonly session: CallSession }> {
    let guess = this.guess(details, delivery);
    for (let tries = 1; ; tries++) {
      let current: CallSession;
      let isNew: boolean;
      if (guess) {
        ({ session: current, isNew } = guess);
        guess = null;
      } else {
        const { session, receipt } = await this.read(details.callSid, delivery);
        if (receipt !== null) return { duplicate: receipt };
        current = session ?? newSession(details);
        isNew = session === null;
      }
      const changes = new CallChanges();
      const result = await work(changes, current);
      try {
        await this.write(current, isNew, changes, delivery, result.twiml);
      } catch (error) {
        this.remembered.delete(details.callSid);
        if (!(error instanceof LostRace) || tries >= MAX_WRITE_TRIES) throw error;
        continue;
      }
      this.remembered.set(
        Object.assign(new CallSession(), current, changes.session, {
          version: isNew ? FIRST_VERSION : current.version + 1,
        }),
      );
      return { result, session: current };
    }
  }

  /** The session to decide on without reading, when there is a good guess. */
  private guess(details: CallDetails, delivery: WebhookDelivery): { session: CallSession; isNew: boolean } | null {
    const remembered = this.remembered.get(details.callSid);
    if (remembered) return { session: remembered, isNew: false };
    return delivery.opensCall ? { session: newSession(details), isNew: true } : null;
  }

  async findAttemptResponse(callSid: string, round: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ twiml: string }>({
      name: 'call-attempt-response',
      text: 'SELECT response_twiml AS twiml FROM call_attempts WHERE call_sid = $1 AND round = $2',
      values: [callSid, round],
    });
    return rows[0]?.twiml ?? null;
  }

  private async read(
    callSid: string,
    delivery: WebhookDelivery,
  ): Promise<{ session: CallSession | null; receipt: string | null }> {
    const { rows } = await this.pool.query<Record<string, unknown>>({
      name: 'call-session-read',
      text: this.statements.read,
      values: [callSid, delivery.endpoint, delivery.idempotencyToken ?? null],
    });
    const { receiptTwiml, ...row } = rows[0];
    return {
      session: row.callSid === null ? null : Object.assign(new CallSession(), row),
      receipt: typeof receiptTwiml === 'string' ? receiptTwiml : null,
    };
  }

  private async write(
    session: CallSession,
    isNew: boolean,
    changes: CallChanges,
    delivery: WebhookDelivery,
    twiml: string,
  ): Promise<void> {
    const receipt = delivery.idempotencyToken
      ? { endpoint: delivery.endpoint, idempotencyToken: delivery.idempotencyToken, responseTwiml: twiml }
      : null;
    const statement = isNew
      ? this.statements.write({ isNew, session: { ...session, ...changes.session }, attempt: changes.attempt, receipt })
      : this.statements.write({
          isNew,
          callSid: session.callSid,
          version: session.version,
          changes: changes.session,
          attempt: changes.attempt,
          receipt,
        });
    try {
      const { rows } = await this.pool.query<{ written: number }>(statement);
      if (rows[0].written === 0) throw new LostRace(session.callSid);
    } catch (error) {
      // The same round or the same delivery written by a racing webhook: it is the other's now.
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw new LostRace(session.callSid);
      throw error;
    }
  }
}
