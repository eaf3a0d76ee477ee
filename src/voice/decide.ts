import type { CallOutcome } from '../call-sessions/call-session.entity.js';
import { availabilityAt } from '../routing/business-hours.js';
import { findDepartmentByDigit, matchDepartmentBySpeech } from '../routing/match.js';
import type { MenuDepartment, RoutingRules } from '../routing/routing-rules.js';
import type { AttemptRecord, CallDecision, MenuNotice, SessionChanges, SessionState } from './call-decision.js';

/** A caller's answer to menu round `round` (Twilio's Gather action, or the fall-through redirect). */
export interface GatherInput {
  readonly round: number;
  readonly digits?: string;
  readonly speechResult?: string;
  /** Absent when Twilio did not send one: unknown, not zero. */
  readonly confidence?: number;
  readonly receivedAt: Date;
}

export type GatherResult =
  /** The round was already answered (or is not the current one): count nothing. */
  | { readonly kind: 'stale' }
  | {
      readonly kind: 'answered';
      readonly attempt: AttemptRecord;
      readonly changes: SessionChanges;
      readonly decision: CallDecision;
    };

export const DIAL_CONNECTED_STATUSES = ['completed', 'answered'] as const;
export const DIAL_STATUSES = [...DIAL_CONNECTED_STATUSES, 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type DialCallStatus = (typeof DIAL_STATUSES)[number];

export const CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
const FINAL_CALL_STATUSES: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** The first answer to an incoming call, or the menu again when Twilio repeats it. */
export function decideIncoming(session: SessionState): CallDecision {
  return { kind: 'menu', round: session.round, greet: session.round === 1, notice: null };
}

/**
 * The menu at a moment: departments closed then carry `closedNow`, except those that hide when
 * closed, which are left out (not named, not selectable), as if inactive.
 */
export function menuAt(rules: RoutingRules, at: Date): RoutingRules {
  const holidays = rules.holidays ?? [];
  const departments = rules.departments.flatMap((department): MenuDepartment[] => {
    if (!department.afterHours) return [department];
    const availability = availabilityAt(department.afterHours.hours, holidays, at);
    if (availability.open) return [department];
    if (department.afterHours.hideWhenClosed) return [];
    return [{ ...department, closedNow: { at, opensAt: availability.opensAt, reason: availability.reason } }];
  });
  return { ...rules, departments };
}

type AnswerRecord = Omit<AttemptRecord, 'decision' | 'failure' | 'departmentId' | 'round'>;

/** A closed department's after-hours action. Not a failed attempt: the caller chose well. */
function closedDepartment(department: MenuDepartment, input: GatherInput, answer: AnswerRecord): GatherResult {
  const attempt: AttemptRecord = {
    ...answer,
    round: input.round,
    departmentId: department.id,
    decision: 'closed',
    failure: null,
  };
  const round = input.round + 1;
  const action = department.afterHours?.closedAction ?? { kind: 'voicemail' };
  switch (action.kind) {
    case 'forward':
      return {
        kind: 'answered',
        attempt,
        changes: {
          round,
          departmentId: department.id,
          dialTarget: 'department',
          dialedNumber: action.number,
          routedAt: input.receivedAt,
        },
        decision: { kind: 'closed-forward', department, number: action.number },
      };
    case 'menu':
      return {
        kind: 'answered',
        attempt,
        changes: { round },
        decision: { kind: 'menu', round, greet: false, notice: null, closed: department },
      };
    case 'voicemail':
      return {
        kind: 'answered',
        attempt,
        changes: { round, departmentId: department.id },
        decision: { kind: 'closed-voicemail', department },
      };
  }
}

function routeTo(department: MenuDepartment, input: GatherInput, attempt: AnswerRecord): GatherResult {
  if (department.closedNow) return closedDepartment(department, input, attempt);
  return {
    kind: 'answered',
    attempt: { ...attempt, round: input.round, departmentId: department.id, decision: 'route', failure: null },
    changes: {
      round: input.round + 1,
      departmentId: department.id,
      dialTarget: 'department',
      dialedNumber: department.phoneNumber,
      routedAt: input.receivedAt,
    },
    decision: { kind: 'dial-department', department },
  };
}

function failAttempt(
  session: SessionState,
  rules: RoutingRules,
  input: GatherInput,
  attempt: Omit<AttemptRecord, 'decision' | 'failure' | 'round'>,
  failure: MenuNotice,
): GatherResult {
  const failedAttempts = session.failedAttempts + 1;
  const base = { ...attempt, round: input.round, failure };
  if (failedAttempts >= rules.settings.maxAttempts) {
    const operatorNumber = rules.settings.operatorNumber;
    return {
      kind: 'answered',
      attempt: { ...base, decision: 'operator' },
      changes: operatorNumber
        ? {
            round: input.round + 1,
            failedAttempts,
            dialTarget: 'operator',
            dialedNumber: operatorNumber,
            routedAt: input.receivedAt,
          }
        : { round: input.round + 1, failedAttempts },
      decision: operatorNumber
        ? { kind: 'dial-operator', number: operatorNumber }
        : { kind: 'voicemail', reason: 'no-operator' },
    };
  }
  const decision =
    failure === 'low_confidence'
      ? 'reprompt_low_confidence'
      : failure === 'no_match'
        ? 'reprompt_no_match'
        : 'reprompt_no_input';
  return {
    kind: 'answered',
    attempt: { ...base, decision },
    changes: { round: input.round + 1, failedAttempts },
    decision: { kind: 'menu', round: input.round + 1, greet: false, notice: failure },
  };
}

/**
 * Decides what a menu answer does. DTMF wins over speech; speech routes when a keyword matches
 * with a confidence at or above the department's threshold (else the global minimum), and an
 * absent confidence counts as meeting it. Failed answers re-prompt until maxAttempts, then go to the operator.
 * A department closed at the moment (see menuAt) gets its after-hours action instead of a dial.
 */
export function decideGather(session: SessionState, rules: RoutingRules, input: GatherInput): GatherResult {
  if (input.round !== session.round) return { kind: 'stale' };
  const digits = input.digits?.trim() || undefined;
  const speechResult = input.speechResult?.trim() || undefined;

  if (digits !== undefined) {
    const attempt = {
      inputKind: 'dtmf' as const,
      digits,
      speechResult: speechResult ?? null,
      confidence: input.confidence ?? null,
    };
    const department = findDepartmentByDigit(digits, rules.departments);
    return department
      ? routeTo(department, input, attempt)
      : failAttempt(session, rules, input, { ...attempt, departmentId: null }, 'no_match');
  }

  if (speechResult !== undefined) {
    const attempt = { inputKind: 'speech' as const, digits: null, speechResult, confidence: input.confidence ?? null };
    const match = matchDepartmentBySpeech(speechResult, rules.departments);
    if (!match) return failAttempt(session, rules, input, { ...attempt, departmentId: null }, 'no_match');
    const threshold = match.department.confidenceThreshold ?? rules.settings.minConfidence;
    if (input.confidence === undefined || input.confidence >= threshold)
      return routeTo(match.department, input, attempt);
    return failAttempt(session, rules, input, { ...attempt, departmentId: match.department.id }, 'low_confidence');
  }

  const attempt = {
    inputKind: 'none' as const,
    digits: null,
    speechResult: null,
    confidence: null,
    departmentId: null,
  };
  return failAttempt(session, rules, input, attempt, 'no_input');
}

const ROUTED_OUTCOMES: ReadonlySet<CallOutcome> = new Set(['connected', 'operator', 'voicemail']);

/**
 * Webhooks can arrive out of order (a final status before a late Dial result): an outcome
 * reached by routing replaces `abandoned`/`failed`, never the other way round.
 */
export function mergeOutcome(current: CallOutcome | null, next: CallOutcome): CallOutcome {
  if (current === null) return next;
  if (ROUTED_OUTCOMES.has(next) && !ROUTED_OUTCOMES.has(current)) return next;
  return current;
}

/** The `<Dial>` action: connected callers are done; unanswered ones leave a voicemail. */
export function decideDialResult(
  session: SessionState,
  status: DialCallStatus,
): { decision: CallDecision; changes: SessionChanges } {
  if ((DIAL_CONNECTED_STATUSES as readonly string[]).includes(status)) {
    const outcome = mergeOutcome(session.outcome, session.dialTarget === 'operator' ? 'operator' : 'connected');
    return { decision: { kind: 'goodbye' }, changes: { outcome } };
  }
  return { decision: { kind: 'voicemail', reason: 'no-answer' }, changes: {} };
}

export function isFinalCallStatus(status: CallStatus): boolean {
  return FINAL_CALL_STATUSES.has(status);
}

/** The status callback: a call that ends before it was routed (or connected) is abandoned; one Twilio could not complete failed. */
export function outcomeForCallStatus(session: SessionState, status: CallStatus): CallOutcome | null {
  if (!isFinalCallStatus(status)) return session.outcome;
  const ended: CallOutcome = status === 'completed' || status === 'canceled' ? 'abandoned' : 'failed';
  return mergeOutcome(session.outcome, ended);
}
