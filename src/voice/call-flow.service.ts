import { Injectable, Logger } from '@nestjs/common';
import { type CallState, CallSessionRepository, LostRaceError } from '../call-sessions/call-session.repository.js';
import { changedFields } from '../call-sessions/session-change.js';
import { callEventsOf, numberedEvents } from '../events/call-events.js';
import type { CallerLookup } from '../events/caller-info.js';
import { CallerLookupService } from '../events/caller-lookup.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { RoutingService } from '../routing/routing.service.js';
import { rulesIn } from '../routing/translations.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import type { Decided } from './call-decision.js';
import { callFlowLogLine } from './call-flow-log.js';
import { decide, menuFor } from './decide.js';
import { renderTwiml } from './twiml.js';

// Past this many lost races the call is being hammered: fail the webhook rather than spin (Twilio retries it).
const MAX_WRITE_TRIES = 10;

/**
 * One webhook, straight through: read the call (or take this instance's guess of it), decide (pure),
 * render, write (one statement, checked against the version read). A racing webhook of the same call
 * that wrote first makes the write fail; the webhook is then read, decided and written again. A
 * webhook that changes nothing on a session as read writes nothing (no receipt, no new version).
 */
@Injectable()
export class CallFlowService {
  private readonly logger = new Logger(CallFlowService.name);

  constructor(
    private readonly routing: RoutingService,
    private readonly calls: CallSessionRepository,
    private readonly metrics: MetricsService,
    private readonly callers: CallerLookupService,
  ) {}

  async handle(event: WebhookEvent): Promise<string> {
    const allRules = await this.routing.rules();
    let guess = this.calls.guess(event);
    // Asked once per webhook, for a call's first one (a lost race decides again on the same answer).
    let caller: CallerLookup | undefined | null = null;
    for (let tries = 1; ; tries++) {
      const guessed = guess !== null;
      const state = guess ?? (await this.calls.read(event));
      guess = null;
      if (state.receipt !== null) {
        this.log(event, { event: 'webhook.duplicate' });
        return state.receipt;
      }
      if (state.isNew && event.kind === 'incoming' && caller === null)
        caller = await this.callers.lookup(event, (id) =>
          allRules.departments.some((department) => department.id === id),
        );
      // The menu as it stood when the webhook arrived (a replayed one included), in the caller's language.
      const { language } = state.session;
      const rules = menuFor(event, rulesIn(allRules, language));
      const decided = decide(event, { ...state.session, roundAnswer: state.roundAnswer }, rules, caller ?? undefined);
      // Only what differs from the session: a new session is inserted whole, with these over its defaults.
      const changes = changedFields(state.session, decided.changes);
      // A language chosen by this webhook is the one its answer is said in.
      const chosen = decided.changes.language;
      const spoken = chosen && chosen !== language ? menuFor(event, rulesIn(allRules, chosen)) : rules;
      const twiml = renderTwiml(decided.decision, spoken, event.voicePath);
      if (!state.isNew && !decided.attempt && Object.keys(changes).length === 0) {
        // Nothing to write (a replay, a late callback): trusted only on a read, since a guess may be stale.
        if (guessed) continue;
        this.written(event, state, decided);
        return twiml;
      }
      const events = numberedEvents(callEventsOf(event, state.session, changes, state.isNew), state.session.eventCount);
      try {
        await this.calls.write(event, state, {
          changes: events.length > 0 ? { ...changes, eventCount: state.session.eventCount + events.length } : changes,
          events,
          attempt: decided.attempt && { ...decided.attempt, responseTwiml: twiml, createdAt: event.receivedAt },
          twiml,
        });
      } catch (error) {
        if (!(error instanceof LostRaceError) || tries >= MAX_WRITE_TRIES) throw error;
        continue;
      }
      this.written(event, state, decided);
      return twiml;
    }
  }

  /** Logged and counted once written: a webhook that lost a race is decided again. */
  private written(event: WebhookEvent, state: CallState, decided: Decided): void {
    const line = callFlowLogLine(event, state.session, decided);
    if (line) this.log(event, line);
    if (decided.attempt) this.metrics.countDecision(decided.attempt.decision);
    if (decided.changes.outcome !== undefined)
      this.metrics.countOutcome(state.session.outcome, decided.changes.outcome);
  }

  private log(event: WebhookEvent, fields: Record<string, unknown>): void {
    this.logger.log({ ...fields, callSid: event.callSid, requestId: event.requestId });
  }
}
