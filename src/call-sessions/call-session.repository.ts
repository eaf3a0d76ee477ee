import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CallAttempt } from './call-attempt.entity.js';
import { CallSession } from './call-session.entity.js';
import { WebhookReceipt } from './webhook-receipt.entity.js';

const LOCK_TIMEOUT = '5s';

export interface CallDetails {
  readonly callSid: string;
  readonly accountSid?: string;
  readonly from?: string;
  readonly to?: string;
  readonly receivedAt: Date;
}

export type NewAttempt = Omit<CallAttempt, 'id' | 'callSid' | 'createdAt'>;
export type SessionUpdate = Partial<Omit<CallSession, 'callSid' | 'createdAt' | 'updatedAt'>>;

/** A call's rows, read and written inside the transaction that holds the call's lock. */
export class LockedCall {
  constructor(
    private readonly manager: EntityManager,
    readonly callSid: string,
  ) {}

  async findReceipt(endpoint: string, idempotencyToken: string): Promise<string | null> {
    const receipt = await this.manager.findOneBy(WebhookReceipt, { callSid: this.callSid, endpoint, idempotencyToken });
    return receipt?.responseTwiml ?? null;
  }

  async saveReceipt(endpoint: string, idempotencyToken: string, responseTwiml: string): Promise<void> {
    await this.manager.insert(WebhookReceipt, { callSid: this.callSid, endpoint, idempotencyToken, responseTwiml });
  }

  /** The call's session, created on the first webhook that mentions it (whichever arrives first). */
  async ensureSession(details: CallDetails): Promise<CallSession> {
    // Every webhook after the first finds its session: one read, and an insert only for a new call.
    const existing = await this.manager.findOneBy(CallSession, { callSid: this.callSid });
    if (existing) return existing;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(CallSession)
      .values({
        callSid: this.callSid,
        accountSid: details.accountSid ?? null,
        fromNumber: details.from ?? null,
        toNumber: details.to ?? null,
        startedAt: details.receivedAt,
      })
      .orIgnore()
      .execute();
    return this.manager.findOneByOrFail(CallSession, { callSid: this.callSid });
  }

  async findAttemptResponse(round: number): Promise<string | null> {
    const attempt = await this.manager.findOne(CallAttempt, {
      select: { responseTwiml: true },
      where: { callSid: this.callSid, round },
    });
    return attempt?.responseTwiml ?? null;
  }

  /**
   * `at` is the moment the answer arrived (the webhook's arrival, also for one replayed from the spool
   * after an outage): the moment the menu decided at, and the time reports attribute the attempt to.
   */
  async recordAttempt(attempt: NewAttempt, at: Date): Promise<void> {
    await this.manager.insert(CallAttempt, { ...attempt, callSid: this.callSid, createdAt: at });
  }

  async updateSession(changes: SessionUpdate): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.manager.update(CallSession, { callSid: this.callSid }, changes);
  }
}

@Injectable()
export class CallSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one transaction that first takes a lock keyed by CallSid, so webhooks of one
   * call run one at a time, on every instance sharing the database; a failure writes nothing.
   */
  async withCallLock<T>(callSid: string, work: (call: LockedCall) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // A stuck holder must not keep every later webhook of the call (and its pool connection) waiting past Twilio's 15 s.
      // One round trip: set_config(..., true) is SET LOCAL, in effect before the lock is requested.
      await manager.query(
        `SELECT set_config('lock_timeout', $2, true), pg_advisory_xact_lock(hashtextextended($1, 0))`,
        [callSid, LOCK_TIMEOUT],
      );
      return work(new LockedCall(manager, callSid));
    });
  }
}
