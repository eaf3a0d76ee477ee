import { Injectable, Logger } from '@nestjs/common';
import { IvrConfig } from '../ivr-options.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { RoutingService } from '../routing/routing.service.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import { CallFlowService } from './call-flow.service.js';
import type { SessionState } from './call-decision.js';
import { withDeadline } from '../common/deadline.js';
import { DatabaseTimeoutError, isDatabaseUnavailable } from './database-outage.js';
import { decide, menuFor } from './decide.js';
import { renderApology, renderOperatorApology, renderTwiml } from './twiml.js';
import { WebhookSpool } from './webhook-spool.js';

// Twilio waits 15 s; a caller should not wait more than a breath. Past this the answer comes from the cached menu.
const DATABASE_DEADLINE_MS = 1500;

/**
 * The session a webhook is decided on without the database: a new call, except that a Gather's
 * round (from its action URL) stands in for the attempts used so far.
 */
export function degradedSession(event: WebhookEvent): SessionState {
  if (event.kind !== 'gather') return { round: 1, failedAttempts: 0, dialTarget: null, outcome: null };
  const round = event.round ?? 1;
  // The submenu and language the Gather was read in, from its URL: a caller in a submenu stays in it.
  return {
    round,
    failedAttempts: round - 1,
    dialTarget: null,
    outcome: null,
    menuPath: event.menuPath ?? [],
    language: event.language ?? null,
  };
}

/**
 * Keeps calls answered when the database is down or slow: the webhook is answered from the cached
 * menu (the keypad and speech still route; counts come from the round in the URL) and spooled as it
 * is, to be handled in order once the database is back. With no menu cached, callers hear an apology
 * and go to the operator.
 */
@Injectable()
export class ResilientCallFlow {
  private readonly logger = new Logger(ResilientCallFlow.name);

  constructor(
    private readonly callFlow: CallFlowService,
    private readonly routing: RoutingService,
    private readonly spool: WebhookSpool,
    private readonly metrics: MetricsService,
    private readonly config: IvrConfig,
  ) {}

  async handle(event: WebhookEvent): Promise<string> {
    if (event.kind === 'fallback') return this.fallback(event);
    // While a call's older webhooks wait to be written, its newer ones must not overtake them.
    if (!this.spool.holds(event.callSid)) {
      try {
        return await withDeadline(
          this.callFlow.handle(event),
          DATABASE_DEADLINE_MS,
          () => new DatabaseTimeoutError(DATABASE_DEADLINE_MS),
        );
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.logger.warn({
          event: 'database.unavailable',
          callSid: event.callSid,
          requestId: event.requestId,
          error: (error as Error).message,
        });
      }
    }
    this.spool.push(event);
    this.metrics.spooledWebhooks.inc({ endpoint: event.kind });
    const rules = this.routing.lastKnownRules();
    // The same moment rules as the normal path: closed departments stay closed during an outage.
    return rules ? this.degradedAnswer(event, menuFor(event, rules)) : this.operatorApology();
  }

  private degradedAnswer(event: WebhookEvent, rules: RoutingRules): string {
    return renderTwiml(decide(event, degradedSession(event), rules).decision, rules, event.voicePath);
  }

  /**
   * Twilio's fallback URL (its request to the primary URL failed): answered without the database,
   * an apology and the operator; the error is recorded on the session when the spool is replayed.
   */
  private fallback(event: WebhookEvent & { readonly kind: 'fallback' }): string {
    this.logger.warn({
      event: 'call.fallback',
      callSid: event.callSid,
      requestId: event.requestId,
      errorCode: event.errorCode,
      errorUrl: event.errorUrl,
    });
    this.spool.push(event);
    return this.operatorApology();
  }

  /** In the cached menu's words when there is one; the operator is the cached menu's, else OPERATOR_NUMBER. */
  private operatorApology(): string {
    const settings = this.routing.lastKnownRules()?.settings;
    const operator = settings?.operatorNumber ?? this.config.fallbackOperatorNumber;
    return operator ? renderOperatorApology(operator, settings?.prompts) : renderApology(settings?.prompts);
  }
}
