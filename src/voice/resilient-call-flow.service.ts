import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { RoutingService } from '../routing/routing.service.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import {
  CallFlowService,
  type CallStatusReport,
  type DialResult,
  type FallbackReport,
  type RecordingResult,
  type WebhookContext,
} from './call-flow.service.js';
import type { CallDecision, SessionState } from './call-decision.js';
import { isDatabaseUnavailable, withDeadline } from './database-outage.js';
import { decideDialResult, decideGather, decideIncoming, type GatherInput, menuAt } from './decide.js';
import { renderApology, renderEmptyResponse, renderOperatorApology, renderTwiml } from './twiml.js';
import { type SpooledEndpoint, type SpooledWebhook, WebhookSpool } from './webhook-spool.js';

// Twilio waits 15 s; a caller should not wait more than a breath. Past this the answer comes from the cached menu.
const DATABASE_DEADLINE_MS = 1500;

const NEW_SESSION: SessionState = { round: 1, failedAttempts: 0, dialTarget: null, outcome: null };

type GatherRequest = Omit<GatherInput, 'round' | 'receivedAt'> & { round?: number };

/**
 * Keeps calls answered when the database is down or slow: the webhook is answered from the cached
 * menu (the keypad and speech still route; counts come from the round in the URL) and spooled, to
 * be written in order once the database is back. With no menu cached, callers hear an apology and
 * go to OPERATOR_NUMBER.
 */
@Injectable()
export class ResilientCallFlow {
  private readonly logger = new Logger(ResilientCallFlow.name);

  constructor(
    private readonly callFlow: CallFlowService,
    private readonly routing: RoutingService,
    private readonly spool: WebhookSpool,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  incoming(context: WebhookContext): Promise<string> {
    return this.guard(
      context,
      'incoming',
      {},
      () => this.callFlow.incoming(context),
      (rules) => renderTwiml(decideIncoming(NEW_SESSION), rules),
    );
  }

  gather(context: WebhookContext, input: GatherRequest): Promise<string> {
    return this.guard(
      context,
      'gather',
      { ...input },
      () => this.callFlow.gather(context, input),
      (rules) => {
        const round = input.round ?? 1;
        // Without the session, the menu round stands in for the attempts used so far.
        const session = { round, failedAttempts: round - 1, dialTarget: null, outcome: null };
        const result = decideGather(session, rules, { ...input, round, receivedAt: context.call.receivedAt });
        const decision: CallDecision = result.kind === 'answered' ? result.decision : decideIncoming(session);
        return renderTwiml(decision, rules);
      },
    );
  }

  dialStatus(context: WebhookContext, dial: DialResult): Promise<string> {
    return this.guard(
      context,
      'dial-status',
      { ...dial },
      () => this.callFlow.dialStatus(context, dial),
      (rules) => renderTwiml(decideDialResult(NEW_SESSION, dial.status).decision, rules),
    );
  }

  voicemailRecorded(context: WebhookContext): Promise<string> {
    return this.guard(
      context,
      'voicemail',
      {},
      () => this.callFlow.voicemailRecorded(context),
      (rules) => renderTwiml({ kind: 'voicemail-recorded' }, rules),
    );
  }

  recording(context: WebhookContext, recording: RecordingResult): Promise<string> {
    return this.guard(
      context,
      'recording',
      { ...recording },
      () => this.callFlow.recording(context, recording),
      () => renderEmptyResponse(),
    );
  }

  status(context: WebhookContext, report: CallStatusReport): Promise<string> {
    return this.guard(
      context,
      'status',
      { ...report },
      () => this.callFlow.status(context, report),
      () => renderEmptyResponse(),
    );
  }

  /**
   * Twilio's fallback URL (its request to the primary URL failed): answered without the database,
   * an apology and the operator; the error is recorded on the session when the database can take it.
   */
  fallback(context: WebhookContext, report: FallbackReport): string {
    this.logger.warn({
      event: 'call.fallback',
      callSid: context.call.callSid,
      requestId: context.requestId,
      errorCode: report.errorCode,
      errorUrl: report.errorUrl,
    });
    this.spool.push(this.spooled(context, 'fallback', { ...report }));
    return this.operatorApology();
  }

  /** Writes one spooled webhook through the normal path (used by the replayer). */
  async replay(event: SpooledWebhook): Promise<void> {
    const context: WebhookContext = {
      endpoint: event.endpoint,
      idempotencyToken: event.idempotencyToken,
      requestId: event.requestId,
      call: {
        callSid: event.callSid,
        accountSid: event.accountSid,
        from: event.from,
        to: event.to,
        receivedAt: new Date(event.receivedAt),
      },
    };
    // Each input was spooled by spooled() from the handler's own argument type.
    const input: unknown = event.input;
    switch (event.endpoint) {
      case 'incoming':
        await this.callFlow.incoming(context);
        return;
      case 'gather':
        await this.callFlow.gather(context, input as GatherRequest);
        return;
      case 'dial-status':
        await this.callFlow.dialStatus(context, input as DialResult);
        return;
      case 'voicemail':
        await this.callFlow.voicemailRecorded(context);
        return;
      case 'recording':
        await this.callFlow.recording(context, input as RecordingResult);
        return;
      case 'status':
        await this.callFlow.status(context, input as CallStatusReport);
        return;
      case 'fallback':
        await this.callFlow.recordFallback(context, input as FallbackReport);
        return;
    }
  }

  private async guard(
    context: WebhookContext,
    endpoint: SpooledEndpoint,
    input: Record<string, string | number | undefined>,
    work: () => Promise<string>,
    degraded: (rules: RoutingRules) => string,
  ): Promise<string> {
    // While a call's older webhooks wait to be written, its newer ones must not overtake them.
    if (!this.spool.holds(context.call.callSid)) {
      try {
        return await withDeadline(work(), DATABASE_DEADLINE_MS);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.logger.warn({
          event: 'database.unavailable',
          callSid: context.call.callSid,
          requestId: context.requestId,
          error: (error as Error).message,
        });
      }
    }
    this.spool.push(this.spooled(context, endpoint, input));
    this.metrics.spooledWebhooks.inc({ endpoint });
    const rules = this.routing.lastKnownRules();
    // The same moment rules as the normal path: closed departments stay closed during an outage.
    return rules ? degraded(menuAt(rules, context.call.receivedAt)) : this.operatorApology();
  }

  private operatorApology(): string {
    const operator = this.routing.lastKnownRules()?.settings.operatorNumber ?? this.config.fallbackOperatorNumber;
    return operator ? renderOperatorApology(operator) : renderApology();
  }

  private spooled(
    context: WebhookContext,
    endpoint: SpooledEndpoint,
    input: Record<string, string | number | undefined>,
  ): SpooledWebhook {
    return {
      endpoint,
      callSid: context.call.callSid,
      accountSid: context.call.accountSid,
      from: context.call.from,
      to: context.call.to,
      receivedAt: context.call.receivedAt.toISOString(),
      idempotencyToken: context.idempotencyToken,
      requestId: context.requestId,
      input,
    };
  }
}
