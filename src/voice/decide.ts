import type { CallOutcome } from '../call-sessions/call-session.entity.js';
import type { SessionChange } from '../call-sessions/session-change.js';
import type { CallerLookup } from '../events/caller-info.js';
import { callLanguages, type CallLanguage, offersLanguageChoice, startingLanguage } from '../routing/languages.js';
import { findByDigit, matchBySpeech } from '../routing/match.js';
import { menuAt } from '../routing/menu-at.js';
import { type LevelOption, type MenuLevel, menuLevel, STANDARD_KEYS } from '../routing/menu-tree.js';
import type { MenuDepartment, RoutingRules } from '../routing/routing-rules.js';
import {
  type CallStatus,
  DIAL_CONNECTED_STATUSES,
  type DialCallStatus,
  FINAL_CALL_STATUSES,
} from '../twilio/twilio-statuses.js';
import type { WebhookEvent, WebhookEventOf } from '../twilio/webhook-event.js';
import type { AttemptRecord, CallDecision, Decided, MenuNotice, SessionState } from './call-decision.js';

// The menu at a moment moved to routing (the admin API's tree reads it too); its callers here still find it here.
export { menuAt };

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
      readonly changes: SessionChange;
      readonly decision: CallDecision;
    };

export type { CallStatus, DialCallStatus };

const FINAL_STATUSES: ReadonlySet<CallStatus> = new Set(FINAL_CALL_STATUSES);

/**
 * The first answer to an incoming call, or the same again when Twilio repeats it: the choice of language while
 * one is to be made, else the menu the caller is in.
 */
export function decideIncoming(session: SessionState, rules?: RoutingRules): CallDecision {
  if (rules && awaitingLanguage(session, rules)) return { kind: 'language-menu', round: session.round, notice: null };
  return menuDecision(session.round, session.menuPath ?? [], { greet: session.round === 1, notice: null });
}

/**
 * An incoming call's language when it has none yet: the only one, or the one for the caller's country; else it
 * stays to be chosen (null, no change).
 */
function startingLanguageChange(
  event: WebhookEventOf<'incoming'>,
  session: SessionState,
  rules: RoutingRules,
): SessionChange {
  if ((session.language ?? null) !== null) return {};
  const language = startingLanguage(rules.settings, event.fromCountry);
  return language === null ? {} : { language };
}

/**
 * A new call the host's caller hook answered for: its name and tags stored, its greeting said, and when it named a
 * department the menu offers now, the caller sent straight there (a closed one gives its after-hours action, as
 * when chosen from the menu). Otherwise the normal menu, after the personal greeting.
 */
export function decideIncomingCall(
  session: SessionState,
  rules: RoutingRules,
  caller: CallerLookup,
  at: Date,
): Decided {
  const { info } = caller;
  const { greeting } = info;
  const changes: SessionChange = {
    callerName: info.callerName ?? null,
    tags: info.tags ? [...info.tags] : null,
    callerLookup: caller.status,
  };
  const department = info.departmentId
    ? rules.departments.find((candidate) => candidate.id === info.departmentId)
    : undefined;
  const menu = (closed?: MenuDepartment): Decided => ({
    // The menu comes after the choice of language, whatever brought the caller to it.
    decision: awaitingLanguage(session, rules)
      ? { kind: 'language-menu', round: session.round, notice: null, closed, greeting }
      : { kind: 'menu', round: session.round, greet: session.round === 1, notice: null, closed, greeting },
    changes,
    attempt: null,
  });
  // A department hidden while closed is not in the menu now: the caller hears the menu, where it is hidden too.
  if (!department) return menu();
  const routed = (number: string): SessionChange => ({
    ...changes,
    departmentId: department.id,
    dialTarget: 'department',
    dialedNumber: number,
    routedAt: at,
  });
  if (!department.closedNow)
    return {
      decision: { kind: 'dial-department', department, greeting },
      changes: routed(department.phoneNumber),
      attempt: null,
    };
  const action = department.afterHours?.closedAction ?? { kind: 'voicemail' };
  switch (action.kind) {
    case 'forward':
      return {
        decision: { kind: 'closed-forward', department, number: action.number, greeting },
        changes: routed(action.number),
        attempt: null,
      };
    case 'voicemail':
      return {
        decision: { kind: 'closed-voicemail', department, greeting },
        changes: { ...changes, departmentId: department.id },
        attempt: null,
      };
    case 'menu':
      return menu(department);
  }
}

/**
 * The menu a webhook is decided on: as it stood at the webhook's arrival for the two that read the
 * departments (incoming, gather); the others (status, dial, recording callbacks, most of the traffic)
 * read only the settings, so the business hours are not worked out for them.
 */
export function menuFor(event: WebhookEvent, rules: RoutingRules): RoutingRules {
  return event.kind === 'incoming' || event.kind === 'gather' ? menuAt(rules, event.receivedAt) : rules;
}

type AnswerRecord = Omit<AttemptRecord, 'decision' | 'failure' | 'departmentId' | 'round'>;

/** A menu decision at `path` (the root's carries no path, as before submenus). */
function menuDecision(
  round: number,
  path: readonly string[],
  rest: Omit<Extract<CallDecision, { kind: 'menu' }>, 'kind' | 'round' | 'path'>,
): CallDecision {
  return path.length > 0 ? { kind: 'menu', round, path, ...rest } : { kind: 'menu', round, ...rest };
}

/** The operator, or a voicemail when there is none: where a menu ends that cannot go on. */
function toOperator(
  rules: RoutingRules,
  input: GatherInput,
  changes: SessionChange,
  closed?: MenuDepartment,
): { changes: SessionChange; decision: CallDecision } {
  const operatorNumber = rules.settings.operatorNumber;
  if (!operatorNumber)
    return { changes, decision: { kind: 'voicemail', reason: 'no-operator', ...(closed ? { closed } : {}) } };
  return {
    changes: { ...changes, dialTarget: 'operator', dialedNumber: operatorNumber, routedAt: input.receivedAt },
    decision: { kind: 'dial-operator', number: operatorNumber, ...(closed ? { closed } : {}) },
  };
}

/**
 * A closed department's after-hours action. Not a failed attempt: the caller chose well. A `menu`
 * action plays the menu again, until the caller has met a closed department maxAttempts times: then
 * the menu ends as after too many failed attempts (operator, else voicemail), so it cannot loop.
 */
function closedDepartment(
  session: SessionState,
  rules: RoutingRules,
  level: MenuLevel,
  department: MenuDepartment,
  input: GatherInput,
  answer: AnswerRecord,
): GatherResult {
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
    case 'menu': {
      const closedAttempts = (session.closedAttempts ?? 0) + 1;
      if (closedAttempts < rules.settings.maxAttempts)
        return {
          kind: 'answered',
          attempt,
          changes: { round, closedAttempts },
          decision: menuDecision(round, level.path, { greet: false, notice: null, closed: department }),
        };
      return { kind: 'answered', attempt, ...toOperator(rules, input, { round, closedAttempts }, department) };
    }
    case 'voicemail':
      return {
        kind: 'answered',
        attempt,
        changes: { round, departmentId: department.id },
        decision: { kind: 'closed-voicemail', department },
      };
  }
}

function routeTo(
  session: SessionState,
  rules: RoutingRules,
  level: MenuLevel,
  department: MenuDepartment,
  input: GatherInput,
  attempt: AnswerRecord,
): GatherResult {
  if (department.closedNow) return closedDepartment(session, rules, level, department, input, attempt);
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
  level: MenuLevel,
  input: GatherInput,
  attempt: Omit<AttemptRecord, 'decision' | 'failure' | 'round'>,
  failure: MenuNotice,
): GatherResult {
  const failedAttempts = session.failedAttempts + 1;
  const base = { ...attempt, round: input.round, failure };
  if (failedAttempts >= rules.settings.maxAttempts)
    return {
      kind: 'answered',
      attempt: { ...base, decision: 'operator' },
      ...toOperator(rules, input, { round: input.round + 1, failedAttempts }),
    };
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
    decision: menuDecision(input.round + 1, level.path, { greet: false, notice: failure }),
  };
}

/** A round that moves within the menu (into a submenu, back, the same again): neither routed nor failed. */
function moveTo(
  input: GatherInput,
  answer: AnswerRecord,
  decision: 'submenu' | 'back' | 'repeat',
  path: readonly string[],
  current: readonly string[],
): GatherResult {
  const round = input.round + 1;
  return {
    kind: 'answered',
    attempt: { ...answer, round: input.round, departmentId: null, decision, failure: null },
    changes: path === current ? { round } : { round, menuPath: [...path] },
    decision: menuDecision(round, path, { greet: false, notice: null }),
  };
}

/** The caller asked for a person (the `0` key or an option), or to leave a message. */
function requested(
  rules: RoutingRules,
  input: GatherInput,
  answer: AnswerRecord,
  what: 'operator' | 'voicemail',
): GatherResult {
  const round = input.round + 1;
  const attempt: AttemptRecord = {
    ...answer,
    round: input.round,
    departmentId: null,
    decision: what === 'operator' ? 'operator_requested' : 'voicemail_requested',
    failure: null,
  };
  if (what === 'operator') return { kind: 'answered', attempt, ...toOperator(rules, input, { round }) };
  return { kind: 'answered', attempt, changes: { round }, decision: { kind: 'voicemail', reason: 'requested' } };
}

function chooseOption(
  session: SessionState,
  rules: RoutingRules,
  level: MenuLevel,
  option: LevelOption,
  input: GatherInput,
  answer: AnswerRecord,
): GatherResult {
  const chosen = option.optionId ? { ...answer, optionId: option.optionId } : answer;
  const { target } = option;
  switch (target.kind) {
    case 'department':
      return routeTo(session, rules, level, target.department, input, chosen);
    case 'menu':
      return moveTo(input, chosen, 'submenu', [...level.path, target.menuId], level.path);
    case 'operator':
    case 'voicemail':
      return requested(rules, input, chosen, target.kind);
  }
}

/** A standard key the menu offers: `*` back (below the root), `#` again, `0` the operator. */
function standardKey(
  rules: RoutingRules,
  level: MenuLevel,
  digits: string,
  input: GatherInput,
  answer: AnswerRecord,
): GatherResult | null {
  if (digits === STANDARD_KEYS.back && level.keys.back && level.path.length > 0)
    return moveTo(input, answer, 'back', level.path.slice(0, -1), level.path);
  if (digits === STANDARD_KEYS.repeat && level.keys.repeat)
    return moveTo(input, answer, 'repeat', level.path, level.path);
  if (digits === STANDARD_KEYS.operator && level.keys.operator) return requested(rules, input, answer, 'operator');
  return null;
}

/** Whether the caller is still to choose a language: a call with several starts with that choice. */
export function awaitingLanguage(session: SessionState, rules: RoutingRules): boolean {
  return (session.language ?? null) === null && offersLanguageChoice(rules.settings);
}

/**
 * The answer to the choice of language. A language's key or name chooses it (speech at the global minimum
 * confidence, an absent confidence meeting it); no answer at all keeps the default language (callers who
 * understand it need not choose); a wrong answer asks again, until maxAttempts rounds, then the default.
 * Neither counts as a failed menu attempt: the menu has not started.
 */
function decideLanguage(rules: RoutingRules, input: GatherInput): GatherResult {
  const { settings } = rules;
  const languages = callLanguages(settings);
  const digits = input.digits?.trim() || undefined;
  const speechResult = input.speechResult?.trim() || undefined;
  let chosen: CallLanguage | null = null;
  let failure: MenuNotice | null = null;
  if (digits !== undefined) {
    chosen = findByDigit(digits, languages);
    if (!chosen) failure = 'no_match';
  } else if (speechResult !== undefined) {
    const match = matchBySpeech(speechResult, languages);
    if (!match) failure = 'no_match';
    else if (input.confidence === undefined || input.confidence >= settings.minConfidence) chosen = match.option;
    else failure = 'low_confidence';
  } else failure = 'no_input';
  const round = input.round + 1;
  const attempt: AttemptRecord = {
    round: input.round,
    inputKind: digits !== undefined ? 'dtmf' : speechResult !== undefined ? 'speech' : 'none',
    digits: digits ?? null,
    speechResult: speechResult ?? null,
    confidence: digits === undefined && speechResult === undefined ? null : (input.confidence ?? null),
    departmentId: null,
    decision: 'language',
    failure,
  };
  if (chosen || failure === 'no_input' || input.round >= settings.maxAttempts)
    return {
      kind: 'answered',
      attempt,
      changes: { round, language: chosen?.code ?? settings.language },
      decision: { kind: 'menu', round, greet: true, notice: null },
    };
  return { kind: 'answered', attempt, changes: { round }, decision: { kind: 'language-menu', round, notice: failure } };
}

/**
 * Decides what a menu answer does, in the menu level the caller is in. DTMF wins over speech; the level's
 * standard keys first, then its options; speech routes when a keyword matches with a confidence at or above the
 * department's threshold (else the global minimum), and an absent confidence counts as meeting it. Failed
 * answers re-prompt the same level until maxAttempts (counted over the whole call), then go to the operator.
 * A department closed at the moment (see menuAt) gets its after-hours action instead of a dial.
 */
export function decideGather(session: SessionState, rules: RoutingRules, input: GatherInput): GatherResult {
  if (input.round !== session.round) return { kind: 'stale' };
  if (awaitingLanguage(session, rules)) return decideLanguage(rules, input);
  const level = menuLevel(rules, session.menuPath ?? []);
  const where = level.menuId ? { menuId: level.menuId } : {};
  const digits = input.digits?.trim() || undefined;
  const speechResult = input.speechResult?.trim() || undefined;

  if (digits !== undefined) {
    const attempt = {
      inputKind: 'dtmf' as const,
      digits,
      speechResult: speechResult ?? null,
      confidence: input.confidence ?? null,
      ...where,
    };
    const key = standardKey(rules, level, digits, input, attempt);
    if (key) return key;
    const option = findByDigit(digits, level.options);
    return option
      ? chooseOption(session, rules, level, option, input, attempt)
      : failAttempt(session, rules, level, input, { ...attempt, departmentId: null }, 'no_match');
  }

  if (speechResult !== undefined) {
    const attempt = {
      inputKind: 'speech' as const,
      digits: null,
      speechResult,
      confidence: input.confidence ?? null,
      ...where,
    };
    const match = matchBySpeech(speechResult, level.options);
    if (!match) return failAttempt(session, rules, level, input, { ...attempt, departmentId: null }, 'no_match');
    const threshold = match.option.confidenceThreshold ?? rules.settings.minConfidence;
    if (input.confidence === undefined || input.confidence >= threshold)
      return chooseOption(session, rules, level, match.option, input, attempt);
    const department = match.option.target.kind === 'department' ? match.option.target.department.id : null;
    return failAttempt(session, rules, level, input, { ...attempt, departmentId: department }, 'low_confidence');
  }

  const attempt = {
    inputKind: 'none' as const,
    digits: null,
    speechResult: null,
    confidence: null,
    departmentId: null,
    ...where,
  };
  return failAttempt(session, rules, level, input, attempt, 'no_input');
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
): { decision: CallDecision; changes: SessionChange } {
  if ((DIAL_CONNECTED_STATUSES as readonly string[]).includes(status)) {
    const outcome = mergeOutcome(session.outcome, session.dialTarget === 'operator' ? 'operator' : 'connected');
    return { decision: { kind: 'goodbye' }, changes: { outcome } };
  }
  return { decision: { kind: 'voicemail', reason: 'no-answer' }, changes: {} };
}

export function isFinalCallStatus(status: CallStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** The status callback: a call that ends before it was routed (or connected) is abandoned; one Twilio could not complete failed. */
export function outcomeForCallStatus(session: SessionState, status: CallStatus): CallOutcome | null {
  if (!isFinalCallStatus(status)) return session.outcome;
  const ended: CallOutcome = status === 'completed' || status === 'canceled' ? 'abandoned' : 'failed';
  return mergeOutcome(session.outcome, ended);
}

// Progress statuses in the order a call goes through them, for status callbacks without a SequenceNumber.
const PROGRESS_ORDER: Readonly<Record<string, number>> = { queued: 0, initiated: 0, ringing: 1, 'in-progress': 2 };

/** Whether a progress status callback is newer than the status the session holds (never one after a final status). */
export function supersedesStatus(session: SessionState, status: CallStatus, sequenceNumber?: number): boolean {
  if (session.endedAt) return false;
  const held = session.statusSequence ?? null;
  if (sequenceNumber !== undefined && held !== null) return sequenceNumber > held;
  return (PROGRESS_ORDER[status] ?? 0) >= (PROGRESS_ORDER[session.callStatus ?? 'queued'] ?? 0);
}

// Anything outside this range is not a real call's time (and may not fit a timestamptz).
const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
const LATEST_TIMESTAMP = Date.UTC(2200, 0, 1);

function parseTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return time >= EARLIEST_TIMESTAMP && time < LATEST_TIMESTAMP ? new Date(time) : null;
}

/**
 * A call never ends before it starts: Twilio's Timestamp has whole seconds, the start is the first
 * webhook's arrival in milliseconds, so the end of a short call can read a fraction of a second earlier.
 */
function notBefore(end: Date, start: Date | undefined): Date {
  return start && end.getTime() < start.getTime() ? start : end;
}

const ACKNOWLEDGE: CallDecision = { kind: 'acknowledge' };

function decideGatherWebhook(event: WebhookEventOf<'gather'>, session: SessionState, rules: RoutingRules): Decided {
  const round = event.round ?? session.round;
  const result = decideGather(session, rules, {
    round,
    digits: event.digits,
    speechResult: event.speechResult,
    confidence: event.confidence,
    receivedAt: event.receivedAt,
  });
  if (result.kind === 'answered')
    return { decision: result.decision, changes: result.changes, attempt: result.attempt };
  // Already answered: the same answer again, counted once.
  const decision: CallDecision = session.roundAnswer
    ? { kind: 'replay', twiml: session.roundAnswer }
    : awaitingLanguage(session, rules)
      ? { kind: 'language-menu', round: session.round, notice: null }
      : menuDecision(session.round, session.menuPath ?? [], { greet: false, notice: null });
  return { decision, changes: {}, attempt: null };
}

function decideDialStatus(event: WebhookEventOf<'dial-status'>, session: SessionState): Decided {
  const { decision, changes } = decideDialResult(session, event.status);
  return {
    decision,
    changes: {
      ...changes,
      dialCallStatus: event.status,
      dialCallSid: event.dialCallSid ?? null,
      dialDurationSeconds: event.durationSeconds ?? null,
    },
    attempt: null,
  };
}

function decideRecording(event: WebhookEventOf<'recording'>, session: SessionState): Decided {
  if (event.status && event.status !== 'completed') return { decision: ACKNOWLEDGE, changes: {}, attempt: null };
  return {
    decision: ACKNOWLEDGE,
    changes: {
      recordingSid: event.recordingSid,
      recordingUrl: event.recordingUrl ?? null,
      recordingDurationSeconds: event.durationSeconds ?? null,
      outcome: mergeOutcome(session.outcome, 'voicemail'),
    },
    attempt: null,
  };
}

/**
 * The transcribeCallback: the voicemail's text, or that Twilio could not transcribe it (no text). A
 * failure arriving after a completed transcription keeps the text; the same callback again changes nothing.
 */
function decideTranscription(event: WebhookEventOf<'transcription'>, session: SessionState): Decided {
  if (event.status === 'failed' && session.transcriptionStatus === 'completed')
    return { decision: ACKNOWLEDGE, changes: {}, attempt: null };
  return {
    decision: ACKNOWLEDGE,
    changes: {
      transcriptionSid: event.transcriptionSid,
      transcriptionStatus: event.status,
      transcriptionText: event.status === 'completed' ? (event.text ?? null) : null,
    },
    attempt: null,
  };
}

function decideStatus(event: WebhookEventOf<'status'>, session: SessionState): Decided {
  if (isFinalCallStatus(event.status)) {
    return {
      decision: ACKNOWLEDGE,
      changes: {
        callStatus: event.status,
        statusSequence: event.sequenceNumber,
        durationSeconds: event.durationSeconds ?? null,
        endedAt: notBefore(parseTimestamp(event.timestamp) ?? event.receivedAt, session.startedAt),
        outcome: outcomeForCallStatus(session, event.status),
      },
      attempt: null,
    };
  }
  // Progress callbacks arrive in any order: an older one, or any after a final status, changes nothing.
  const changes = supersedesStatus(session, event.status, event.sequenceNumber)
    ? { callStatus: event.status, statusSequence: event.sequenceNumber }
    : {};
  return { decision: ACKNOWLEDGE, changes, attempt: null };
}

// Twilio's late callbacks (recording, transcription) come minutes after a call; no call lasts a day.
export const LATE_AFTER_END_MS = 24 * 60 * 60 * 1000;
export const LATE_AFTER_START_MS = 2 * LATE_AFTER_END_MS;
/**
 * How long after its start a call's rows can still change, at worst: its end may come up to LATE_AFTER_START_MS
 * after the start, and late callbacks LATE_AFTER_END_MS after that. Its attempts all fall in that span too.
 */
export const SETTLED_AFTER_MS = LATE_AFTER_START_MS + LATE_AFTER_END_MS;

/**
 * Whether a webhook arrives long after its call was over: no real one does, so it is a captured
 * request replayed (the idempotency token is not signed), answered with nothing and not written.
 */
export function isLongOver(session: SessionState, at: Date): boolean {
  if (session.endedAt) return at.getTime() - session.endedAt.getTime() > LATE_AFTER_END_MS;
  return session.startedAt !== undefined && at.getTime() - session.startedAt.getTime() > LATE_AFTER_START_MS;
}

/**
 * What a webhook does to its call: pure, synchronous, decided on the session as read (or as this
 * instance last wrote it) and the menu as it stood when the webhook arrived (see menuAt). `caller` is the caller
 * hook's answer, asked for a new call's first webhook.
 */
export function decide(
  event: WebhookEvent,
  session: SessionState,
  rules: RoutingRules,
  caller?: CallerLookup,
): Decided {
  if (isLongOver(session, event.receivedAt)) return { decision: ACKNOWLEDGE, changes: {}, attempt: null };
  switch (event.kind) {
    case 'incoming': {
      const language = startingLanguageChange(event, session, rules);
      const started = { ...session, ...language };
      if (caller) {
        const decided = decideIncomingCall(started, rules, caller, event.receivedAt);
        return { ...decided, changes: { ...language, ...decided.changes } };
      }
      return { decision: decideIncoming(started, rules), changes: language, attempt: null };
    }
    case 'gather':
      return decideGatherWebhook(event, session, rules);
    case 'dial-status':
      return decideDialStatus(event, session);
    case 'voicemail':
      return { decision: { kind: 'voicemail-recorded' }, changes: {}, attempt: null };
    case 'recording':
      return decideRecording(event, session);
    case 'transcription':
      return decideTranscription(event, session);
    case 'status':
      return decideStatus(event, session);
    case 'fallback':
      // Twilio's error from the fallback URL: the call counts as failed unless it is routed afterwards.
      return {
        decision: ACKNOWLEDGE,
        changes: {
          errorCode: event.errorCode ?? null,
          errorUrl: event.errorUrl ?? null,
          outcome: mergeOutcome(session.outcome, 'failed'),
        },
        attempt: null,
      };
  }
}
