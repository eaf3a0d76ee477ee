import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { WebhookCall, WebhookDelivery, WebhookEvent } from '../twilio/webhook-event.js';
import { CallAttempt } from './call-attempt.entity.js';
import { CallSession } from './call-session.entity.js';
import { IVR_TABLES } from '../database/ivr-schema.js';
import { CallStatements, tableSpec, FIRST_VERSION, type OutboxRow } from './call-session.statements.js';
import type { SessionChange } from './session-change.js';
import { WebhookReceipt } from './webhook-receipt.entity.js';

// Calls whose last write this instance remembers: one small session object each, bounded whatever the traffic.
const REMEMBERED_SESSIONS = 10_000;
const UNIQUE_VIOLATION = '23505';

/** A menu round's attempt as written: the decision's record, the TwiML answered, and when the answer arrived. */
// Where a round was answered and what was chosen are absent at the root (null in the row).
export type NewAttempt = Omit<CallAttempt, 'id' | 'callSid' | 'menuId' | 'optionId'> &
  Partial<Pick<CallAttempt, 'menuId' | 'optionId'>>;

/** A call as a webhook finds it: what its decision reads, and what its write is checked against. */
export interface CallState {
  readonly session: CallSession;
  /** No row yet: the write inserts it (unless a racing webhook inserted it first). */
  readonly isNew: boolean;
  /** The answer already given to this delivery: a retry gets it back and changes nothing. */
  readonly receipt: string | null;
  /** The answer stored for the round the webhook's Gather names, when that round was answered already. */
  readonly roundAnswer: string | null;
}

/** What a webhook writes: its session change, its menu round's attempt, and the answer kept for its retries. */
export interface CallWrite {
  /** Only what differs from the session, without undefined properties (see changedFields). */
  readonly changes: SessionChange;
  readonly attempt: NewAttempt | null;
  readonly twiml: string;
  /** The domain events the change stands for, numbered after the session's eventCount (raised in `changes`). */
  readonly events: readonly OutboxRow[];
}

/** Another webhook of the same call wrote between this one's read and its write: decide again on a fresh read. */
export class LostRaceError extends Error {
  constructor(callSid: string) {
    super(`call ${callSid}: another webhook of the call wrote first`);
  }
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

/** The session a call's first webhook creates (whichever webhook arrives first). */
function newSession(call: WebhookCall & Pick<WebhookDelivery, 'receivedAt'>): CallSession {
  return Object.assign(new CallSession(), {
    callSid: call.callSid,
    accountSid: call.accountSid ?? null,
    fromNumber: call.from ?? null,
    toNumber: call.to ?? null,
    startedAt: call.receivedAt,
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
    statusSequence: null,
    durationSeconds: null,
    recordingSid: null,
    recordingUrl: null,
    recordingDurationSeconds: null,
    transcriptionSid: null,
    transcriptionStatus: null,
    transcriptionText: null,
    errorCode: null,
    errorUrl: null,
    callerName: null,
    tags: null,
    callerLookup: null,
    language: null,
    menuPath: [],
    closedAttempts: 0,
    eventCount: 0,
    version: 0,
  });
}

/**
 * A call's webhooks, written with optimistic concurrency: one statement reads the session (with the
 * delivery's receipt and a Gather round's stored answer), and one statement writes session, attempt
 * and receipt together, only if the session is still at the version read (else LostRaceError). No lock
 * is held between round trips, on any instance sharing the database. The hot path uses the driver's
 * pool and named (prepared once per connection) statements rather than TypeORM's query builder, which
 * cost more CPU than the rest of the webhook.
 */
@Injectable()
export class CallSessionRepository {
  private statementsBuilt: CallStatements | undefined;
  private readonly remembered = new RememberedSessions(REMEMBERED_SESSIONS);

  constructor(@InjectIvrDataSource() private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  private get statements(): CallStatements {
    this.statementsBuilt ??= new CallStatements(
      tableSpec(this.dataSource.getMetadata(CallSession)),
      tableSpec(this.dataSource.getMetadata(CallAttempt)),
      tableSpec(this.dataSource.getMetadata(WebhookReceipt)),
      IVR_TABLES.outbox,
    );
    return this.statementsBuilt;
  }

  /**
   * The call as this instance last wrote it, or "no session yet" for the webhook that opens a call:
   * decided on without a read. A wrong guess (another instance wrote since, or this delivery was
   * answered already) fails the write's checks and is decided again on a read. A guess carries no
   * stored answers, so a Gather for another round than the remembered one is read.
   */
  guess(event: WebhookEvent): CallState | null {
    const remembered = this.remembered.get(event.callSid);
    if (remembered) {
      if (event.kind === 'gather' && event.round !== undefined && event.round !== remembered.round) return null;
      return { session: remembered, isNew: false, receipt: null, roundAnswer: null };
    }
    if (event.kind !== 'incoming') return null;
    return { session: newSession(event), isNew: true, receipt: null, roundAnswer: null };
  }

  /** The call's session (or a new one), this delivery's receipt and the named round's answer, in one statement. */
  async read(event: WebhookEvent): Promise<CallState> {
    const { rows } = await this.pool.query<Record<string, unknown>>({
      name: 'call-session-read',
      text: this.statements.read,
      values: [
        event.callSid,
        event.kind,
        event.idempotencyToken ?? null,
        event.kind === 'gather' ? (event.round ?? null) : null,
      ],
    });
    const { receiptTwiml, roundAnswer, ...row } = rows[0];
    const found = row.callSid !== null;
    return {
      session: found ? Object.assign(new CallSession(), row) : newSession(event),
      isNew: !found,
      receipt: typeof receiptTwiml === 'string' ? receiptTwiml : null,
      roundAnswer: typeof roundAnswer === 'string' ? roundAnswer : null,
    };
  }

  /** Writes session, attempt and receipt in one statement, all or nothing, at the version `state` was read at. */
  async write(event: WebhookEvent, state: CallState, write: CallWrite): Promise<void> {
    const { session, isNew } = state;
    const { changes } = write;
    const receipt = event.idempotencyToken
      ? { endpoint: event.kind, idempotencyToken: event.idempotencyToken, responseTwiml: write.twiml }
      : null;
    const statement = isNew
      ? this.statements.write({
          isNew,
          session: { ...session, ...changes },
          attempt: write.attempt,
          receipt,
          events: write.events,
        })
      : this.statements.write({
          isNew,
          callSid: session.callSid,
          version: session.version,
          changes,
          attempt: write.attempt,
          receipt,
          events: write.events,
        });
    try {
      const { rows } = await this.pool.query<{ written: number }>(statement);
      if (rows[0].written === 0) throw new LostRaceError(session.callSid);
    } catch (error) {
      this.remembered.delete(session.callSid);
      // The same round or the same delivery written by a racing webhook: it is the other's now.
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw new LostRaceError(session.callSid);
      throw error;
    }
    this.remembered.set(
      Object.assign(new CallSession(), session, changes, {
        version: isNew ? FIRST_VERSION : session.version + 1,
      }),
    );
  }
}
