import { Injectable, Logger } from '@nestjs/common';
import type { AttemptDecision } from '../call-sessions/call-attempt.entity.js';
import type { CallOutcome, CallSession } from '../call-sessions/call-session.entity.js';
import { type CallChanges, type CallDetails, CallSessionRepository } from '../call-sessions/call-session.repository.js';
import { maskPhoneNumber } from '../common/mask.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import { RoutingService } from '../routing/routing.service.js';
import {
  type CallStatus,
  type DialCallStatus,
  decideDialResult,
  decideGather,
  decideIncoming,
  type GatherInput,
  isFinalCallStatus,
  menuAt,
  mergeOutcome,
  outcomeForCallStatus,
} from './decide.js';
import { renderEmptyResponse, renderTwiml } from './twiml.js';

/** One webhook delivery, as the call flow sees it. */
export interface WebhookContext {
  /** Which webhook this is; idempotency tokens are unique per call and endpoint. */
  readonly endpoint: string;
  readonly idempotencyToken?: string;
  readonly requestId: string;
  readonly call: CallDetails;
}

export interface DialResult {
  readonly status: DialCallStatus;
  readonly dialCallSid?: string;
  readonly durationSeconds?: number;
}

export interface RecordingResult {
  readonly recordingSid: string;
  readonly recordingUrl?: string;
  readonly durationSeconds?: number;
  readonly status?: string;
}

/** Twilio's fallback URL request: why the primary handler failed. */
export interface FallbackReport {
  readonly errorCode?: string;
  readonly errorUrl?: string;
}

export interface CallStatusReport {
  readonly status: CallStatus;
  readonly durationSeconds?: number;
  /** Twilio's RFC 2822 Timestamp, when sent. */
  readonly timestamp?: string;
}

// Anything outside this range is not a real call's time (and may not fit a timestamptz).
const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
const LATEST_TIMESTAMP = Date.UTC(2200, 0, 1);

/** What a webhook answers, and what it decided, for the metrics. */
interface WebhookAnswer {
  readonly twiml: string;
  readonly decision?: AttemptDecision;
  /** The session's outcome after this webhook, when it may have changed it. */
  readonly outcome?: CallOutcome | null;
}

function parseTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return time >= EARLIEST_TIMESTAMP && time < LATEST_TIMESTAMP ? new Date(time) : null;
}

/**
 * Orchestrates each webhook: the call's session (read, or as this instance last wrote it), the pure
 * decision, then the session, the attempt and the receipt (the response, per idempotency token)
 * written together in one statement, checked against the session's version.
 */
@Injectable()
export class CallFlowService {
  private readonly logger = new Logger(CallFlowService.name);

  constructor(
    private readonly routing: RoutingService,
    private readonly calls: CallSessionRepository,
    private readonly metrics: MetricsService,
  ) {}

  async incoming(context: WebhookContext): Promise<string> {
    const rules = await this.menuOnArrival(context);
    return this.respondOnce(context, (_call, session) => {
      const decision = decideIncoming(session);
      this.log(context, { event: 'call.incoming', from: maskPhoneNumber(context.call.from), round: session.round });
      return Promise.resolve({ twiml: renderTwiml(decision, rules) });
    });
  }

  async gather(
    context: WebhookContext,
    input: Omit<GatherInput, 'round' | 'receivedAt'> & { round?: number },
  ): Promise<string> {
    const rules = await this.menuOnArrival(context);
    return this.respondOnce(context, async (call, session) => {
      const round = input.round ?? session.round;
      const result = decideGather(session, rules, { ...input, round, receivedAt: context.call.receivedAt });
      if (result.kind === 'stale') {
        this.log(context, { event: 'call.gather_stale', round, currentRound: session.round });
        // Already answered: the same answer again, counted once.
        const previous = await this.calls.findAttemptResponse(context.call.callSid, round);
        return {
          twiml: previous ?? renderTwiml({ kind: 'menu', round: session.round, greet: false, notice: null }, rules),
        };
      }
      const twiml = renderTwiml(result.decision, rules);
      call.recordAttempt({ ...result.attempt, responseTwiml: twiml }, context.call.receivedAt);
      call.updateSession(result.changes);
      this.log(context, {
        event: 'call.gather',
        round,
        input: result.attempt.inputKind,
        confidence: result.attempt.confidence,
        decision: result.attempt.decision,
        departmentId: result.attempt.departmentId,
      });
      return { twiml, decision: result.attempt.decision };
    });
  }

  async dialStatus(context: WebhookContext, dial: DialResult): Promise<string> {
    const rules = await this.routing.rules();
    return this.respondOnce(context, (call, session) => {
      const { decision, changes } = decideDialResult(session, dial.status);
      call.updateSession({
        ...changes,
        dialCallStatus: dial.status,
        dialCallSid: dial.dialCallSid ?? null,
        dialDurationSeconds: dial.durationSeconds ?? null,
      });
      this.log(context, { event: 'call.dial_result', dialCallStatus: dial.status, target: session.dialTarget });
      return Promise.resolve({ twiml: renderTwiml(decision, rules), outcome: changes.outcome });
    });
  }

  async voicemailRecorded(context: WebhookContext): Promise<string> {
    const rules = await this.routing.rules();
    return this.respondOnce(context, () =>
      Promise.resolve({ twiml: renderTwiml({ kind: 'voicemail-recorded' }, rules) }),
    );
  }

  async recording(context: WebhookContext, recording: RecordingResult): Promise<string> {
    return this.respondOnce(context, (call, session) => {
      if (recording.status && recording.status !== 'completed') {
        this.log(context, { event: 'call.recording_failed', recordingStatus: recording.status });
        return Promise.resolve({ twiml: renderEmptyResponse() });
      }
      const outcome = mergeOutcome(session.outcome, 'voicemail');
      call.updateSession({
        recordingSid: recording.recordingSid,
        recordingUrl: recording.recordingUrl ?? null,
        recordingDurationSeconds: recording.durationSeconds ?? null,
        outcome,
      });
      this.log(context, { event: 'call.voicemail', recordingSid: recording.recordingSid });
      return Promise.resolve({ twiml: renderEmptyResponse(), outcome });
    });
  }

  async status(context: WebhookContext, report: CallStatusReport): Promise<string> {
    return this.respondOnce(context, (call, session) => {
      const outcome = outcomeForCallStatus(session, report.status);
      if (isFinalCallStatus(report.status)) {
        call.updateSession({
          callStatus: report.status,
          durationSeconds: report.durationSeconds ?? null,
          endedAt: parseTimestamp(report.timestamp) ?? context.call.receivedAt,
          outcome,
        });
      } else if (!session.endedAt) {
        // Progress events arrive in any order; one never overwrites a final status.
        call.updateSession({ callStatus: report.status });
      }
      this.log(context, { event: 'call.status', callStatus: report.status, outcome });
      return Promise.resolve({ twiml: renderEmptyResponse(), outcome });
    });
  }

  /** Records Twilio's error from the fallback URL; the call counts as failed unless it is routed afterwards. */
  async recordFallback(context: WebhookContext, report: FallbackReport): Promise<string> {
    return this.respondOnce(context, (call, session) => {
      const outcome = mergeOutcome(session.outcome, 'failed');
      call.updateSession({ errorCode: report.errorCode ?? null, errorUrl: report.errorUrl ?? null, outcome });
      return Promise.resolve({ twiml: renderEmptyResponse(), outcome });
    });
  }

  /**
   * Runs a webhook once per idempotency token: a retry gets the stored answer and changes nothing.
   * Counted in the metrics only once written: the work is decided again when a racing webhook wrote first.
   */
  private async respondOnce(
    context: WebhookContext,
    work: (call: CallChanges, session: CallSession) => Promise<WebhookAnswer>,
  ): Promise<string> {
    const delivery = {
      endpoint: context.endpoint,
      idempotencyToken: context.idempotencyToken,
      opensCall: context.endpoint === 'incoming',
    };
    const done = await this.calls.runWebhook(context.call, delivery, work);
    if ('duplicate' in done) {
      this.log(context, { event: 'webhook.duplicate' });
      return done.duplicate;
    }
    const { result, session } = done;
    if (result.decision) this.metrics.countDecision(result.decision);
    if (result.outcome !== undefined) this.metrics.countOutcome(session.outcome, result.outcome);
    return result.twiml;
  }

  /** The menu as it stood when the webhook arrived (a replayed webhook included): closed departments marked or hidden. */
  private async menuOnArrival(context: WebhookContext): Promise<RoutingRules> {
    return menuAt(await this.routing.rules(), context.call.receivedAt);
  }

  private log(context: WebhookContext, fields: Record<string, unknown>): void {
    this.logger.log({ ...fields, callSid: context.call.callSid, requestId: context.requestId });
  }
}
