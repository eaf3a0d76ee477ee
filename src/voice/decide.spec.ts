import type { AttemptFailure } from '../call-sessions/call-attempt.entity.js';
import type { CallOutcome } from '../call-sessions/call-session.entity.js';
import type { MenuDepartment, MenuSettings } from '../routing/routing-rules.js';
import type { AttemptRecord, SessionState } from './call-decision.js';
import {
  decideDialResult,
  decideGather,
  decideIncoming,
  isFinalCallStatus,
  mergeOutcome,
  outcomeForCallStatus,
  type CallStatus,
  type GatherInput,
  type GatherResult,
} from './decide.js';
import { menuDepartment, menuSupport, rulesBuilder } from '../../test/helpers/menu-fixtures.js';

const RECEIVED_AT = new Date('2030-01-02T03:04:05.000Z');
const OPERATOR_NUMBER = '+15555550100';

const department = menuDepartment;

const SALES = department();
const SUPPORT = menuSupport();

const rules = rulesBuilder({ settings: { operatorNumber: OPERATOR_NUMBER }, departments: [SALES, SUPPORT] });

function session(overrides: Partial<SessionState> = {}): SessionState {
  return { round: 1, failedAttempts: 0, dialTarget: null, outcome: null, ...overrides };
}

function input(overrides: Partial<GatherInput> = {}): GatherInput {
  return { round: 1, receivedAt: RECEIVED_AT, ...overrides };
}

function answered(result: GatherResult): Extract<GatherResult, { kind: 'answered' }> {
  if (result.kind !== 'answered') throw new Error(`expected an answered round, got ${JSON.stringify(result)}`);
  return result;
}

/** What a fresh session's caller answering round 1 with `given` leads to, under rules(settings, departments). */
function answerFirstRound(
  given: Partial<GatherInput>,
  settings?: Partial<MenuSettings>,
  departments?: readonly MenuDepartment[],
): Extract<GatherResult, { kind: 'answered' }> {
  return answered(decideGather(session(), rules(settings, departments), input(given)));
}

/** What the caller gave in round 1, as the attempt records it. */
type Answer = Pick<AttemptRecord, 'inputKind'> & Partial<Pick<AttemptRecord, 'digits' | 'speechResult' | 'confidence'>>;

/** The attempt a round-1 answer records: what the caller gave (null for what they did not) and what came of it. */
function firstAttempt(
  answer: Answer,
  outcome: Pick<AttemptRecord, 'departmentId' | 'decision' | 'failure'>,
): AttemptRecord {
  return { round: 1, digits: null, speechResult: null, confidence: null, ...answer, ...outcome };
}

interface FirstAnswerCase {
  /** What Twilio posted for round 1. */
  readonly given: Partial<GatherInput>;
  readonly settings?: Partial<MenuSettings>;
  /** What the attempt records of it. */
  readonly recorded: Answer;
}

/** A test that a first-round answer routes to `department`: its attempt, the session's change and the dial. */
function itRoutes(name: string, department: MenuDepartment, { given, settings, recorded }: FirstAnswerCase): void {
  it(name, () => {
    const result = answerFirstRound(given, settings);

    expect(result.attempt).toEqual(
      firstAttempt(recorded, { departmentId: department.id, decision: 'route', failure: null }),
    );
    expect(result.changes).toStrictEqual({
      round: 2,
      departmentId: department.id,
      dialTarget: 'department',
      dialedNumber: department.phoneNumber,
      routedAt: RECEIVED_AT,
    });
    expect(result.decision).toEqual({ kind: 'dial-department', department });
  });
}

/**
 * A test that a first-round answer is re-prompted for `failure`: its attempt (with the department it
 * matched, if any), one failed attempt on the session, and the menu again with the failure's notice.
 */
function itReprompts(
  name: string,
  failure: AttemptFailure,
  { given, settings, recorded, departmentId = null }: FirstAnswerCase & { readonly departmentId?: string | null },
): void {
  it(name, () => {
    const result = answerFirstRound(given, settings);

    expect(result.attempt).toEqual(firstAttempt(recorded, { departmentId, decision: `reprompt_${failure}`, failure }));
    expect(result.changes).toStrictEqual({ round: 2, failedAttempts: 1 });
    expect(result.decision).toEqual({ kind: 'menu', round: 2, greet: false, notice: failure });
  });
}

describe('decideIncoming', () => {
  it('greets the caller on the first round', () => {
    expect(decideIncoming(session({ round: 1 }))).toEqual({ kind: 'menu', round: 1, greet: true, notice: null });
  });

  it('repeats the menu of the current round without the greeting after the first round', () => {
    expect(decideIncoming(session({ round: 3 }))).toEqual({ kind: 'menu', round: 3, greet: false, notice: null });
  });
});

describe('decideGather', () => {
  describe('DTMF', () => {
    itRoutes('routes to the department whose digit was pressed', SUPPORT, {
      given: { digits: '2' },
      recorded: { inputKind: 'dtmf', digits: '2' },
    });

    it('ignores whitespace around the pressed digit', () => {
      const result = answerFirstRound({ digits: ' 1 ' });

      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
      expect(result.attempt.digits).toBe('1');
    });

    itReprompts('re-prompts with a no-match notice when the digit belongs to no department', 'no_match', {
      given: { digits: '9' },
      recorded: { inputKind: 'dtmf', digits: '9' },
    });

    it('lets the pressed digit win over a keyword said at the same time', () => {
      const result = answerFirstRound({ digits: '1', speechResult: 'support', confidence: 0.9 });

      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
      expect(result.attempt).toMatchObject({
        inputKind: 'dtmf',
        digits: '1',
        speechResult: 'support',
        confidence: 0.9,
      });
    });

    it('does not fall back to speech when the pressed digit matches nothing', () => {
      const result = answerFirstRound({ digits: '9', speechResult: 'support', confidence: 0.9 });

      expect(result.attempt).toMatchObject({ inputKind: 'dtmf', decision: 'reprompt_no_match', departmentId: null });
      expect(result.decision).toEqual({ kind: 'menu', round: 2, greet: false, notice: 'no_match' });
    });
  });

  describe('speech', () => {
    itRoutes('routes when a keyword matches with a confidence above the threshold', SUPPORT, {
      given: { speechResult: 'I need help', confidence: 0.8 },
      recorded: { inputKind: 'speech', speechResult: 'I need help', confidence: 0.8 },
    });

    it('routes when the confidence equals the department threshold exactly', () => {
      const strict = department({ confidenceThreshold: 0.75 });
      const result = answerFirstRound({ speechResult: 'sales', confidence: 0.75 }, {}, [strict]);

      expect(result.decision).toEqual({ kind: 'dial-department', department: strict });
    });

    it('routes when the confidence equals the global minimum exactly and the department has no threshold', () => {
      const result = answerFirstRound({ speechResult: 'sales', confidence: 0.6 }, { minConfidence: 0.6 });

      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
    });

    it('applies a department threshold stricter than the global minimum', () => {
      const strict = department({ confidenceThreshold: 0.9 });
      const result = answerFirstRound({ speechResult: 'sales', confidence: 0.7 }, { minConfidence: 0.5 }, [strict]);

      expect(result.attempt.decision).toBe('reprompt_low_confidence');
    });

    it('applies a department threshold looser than the global minimum', () => {
      const lenient = department({ confidenceThreshold: 0.3 });
      const result = answerFirstRound({ speechResult: 'sales', confidence: 0.5 }, { minConfidence: 0.9 }, [lenient]);

      expect(result.decision).toEqual({ kind: 'dial-department', department: lenient });
    });

    it('routes when Twilio sent no confidence and records the confidence as unknown', () => {
      const strict = department({ confidenceThreshold: 0.99 });
      const result = answerFirstRound({ speechResult: 'sales' }, {}, [strict]);

      expect(result.decision).toEqual({ kind: 'dial-department', department: strict });
      expect(result.attempt.confidence).toBeNull();
    });

    itReprompts(
      're-prompts with a low-confidence notice and keeps the matched department on the attempt',
      'low_confidence',
      {
        given: { speechResult: 'support', confidence: 0.2 },
        settings: { minConfidence: 0.5 },
        recorded: { inputKind: 'speech', speechResult: 'support', confidence: 0.2 },
        departmentId: 'support-id',
      },
    );

    itReprompts('re-prompts with a no-match notice when no keyword was said', 'no_match', {
      given: { speechResult: 'pizza please', confidence: 0.95 },
      recorded: { inputKind: 'speech', speechResult: 'pizza please', confidence: 0.95 },
    });

    it('uses speech when the digits are only whitespace', () => {
      const result = answerFirstRound({ digits: '  ', speechResult: 'sales', confidence: 0.9 });

      expect(result.attempt).toMatchObject({ inputKind: 'speech', digits: null });
      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
    });
  });

  describe('no input', () => {
    itReprompts('re-prompts with a no-input notice when the caller neither pressed nor said anything', 'no_input', {
      given: {},
      recorded: { inputKind: 'none' },
    });

    it('counts blank digits and blank speech as no input', () => {
      const result = answerFirstRound({ digits: ' ', speechResult: '  ', confidence: 0.4 });

      expect(result.attempt).toMatchObject({ inputKind: 'none', confidence: null, decision: 'reprompt_no_input' });
    });
  });

  describe('failed attempts', () => {
    it('keeps re-prompting while the failed attempts stay below maxAttempts', () => {
      const result = answered(
        decideGather(session({ round: 2, failedAttempts: 1 }), rules({ maxAttempts: 3 }), input({ round: 2 })),
      );

      expect(result.changes).toStrictEqual({ round: 3, failedAttempts: 2 });
      expect(result.decision).toEqual({ kind: 'menu', round: 3, greet: false, notice: 'no_input' });
    });

    it('routes to the operator after three failed attempts', () => {
      const result = answered(
        decideGather(
          session({ round: 3, failedAttempts: 2 }),
          rules({ maxAttempts: 3 }),
          input({ round: 3, digits: '9' }),
        ),
      );

      expect(result.attempt).toMatchObject({ round: 3, decision: 'operator', failure: 'no_match', digits: '9' });
      expect(result.changes).toStrictEqual({
        round: 4,
        failedAttempts: 3,
        dialTarget: 'operator',
        dialedNumber: OPERATOR_NUMBER,
        routedAt: RECEIVED_AT,
      });
      expect(result.decision).toEqual({ kind: 'dial-operator', number: OPERATOR_NUMBER });
    });

    it('keeps the matched department on the attempt when a low-confidence answer sends the caller to the operator', () => {
      const result = answered(
        decideGather(
          session({ failedAttempts: 1 }),
          rules({ maxAttempts: 2, minConfidence: 0.8 }),
          input({ speechResult: 'sales', confidence: 0.1 }),
        ),
      );

      expect(result.attempt).toMatchObject({
        decision: 'operator',
        failure: 'low_confidence',
        departmentId: 'sales-id',
      });
      expect(result.decision).toEqual({ kind: 'dial-operator', number: OPERATOR_NUMBER });
    });

    it('offers voicemail when the attempts run out and no operator number is configured', () => {
      const result = answered(
        decideGather(session({ failedAttempts: 2 }), rules({ maxAttempts: 3, operatorNumber: null }), input()),
      );

      expect(result.attempt).toMatchObject({ decision: 'operator', failure: 'no_input' });
      expect(result.changes).toStrictEqual({ round: 2, failedAttempts: 3 });
      expect(result.decision).toEqual({ kind: 'voicemail', reason: 'no-operator' });
    });
  });

  describe('rounds', () => {
    it('ignores an answer to a round before the current one', () => {
      expect(decideGather(session({ round: 2 }), rules(), input({ round: 1, digits: '1' }))).toEqual({ kind: 'stale' });
    });

    it('ignores an answer to a round after the current one', () => {
      expect(decideGather(session({ round: 2 }), rules(), input({ round: 3, digits: '1' }))).toEqual({ kind: 'stale' });
    });

    it('moves to the next round after an answer to the current one', () => {
      const result = answered(
        decideGather(session({ round: 4, failedAttempts: 0 }), rules({ maxAttempts: 9 }), input({ round: 4 })),
      );

      expect(result.attempt.round).toBe(4);
      expect(result.changes.round).toBe(5);
      expect(result.decision).toEqual({ kind: 'menu', round: 5, greet: false, notice: 'no_input' });
    });
  });
});

describe('decideDialResult', () => {
  const ANSWERED_CALLS = [
    ['a department call connected', 'department', 'connected'],
    ['an operator call as operator', 'operator', 'operator'],
  ] as const;

  it.each(
    ANSWERED_CALLS.flatMap(([call, dialTarget, outcome]) =>
      (['completed', 'answered'] as const).map((status) => [call, status, dialTarget, outcome] as const),
    ),
  )('says goodbye and marks %s when the dial is %s', (_call, status, dialTarget, outcome) => {
    expect(decideDialResult(session({ dialTarget }), status)).toEqual({
      decision: { kind: 'goodbye' },
      changes: { outcome },
    });
  });

  it('replaces an abandoned outcome recorded by an earlier status callback', () => {
    expect(decideDialResult(session({ dialTarget: 'department', outcome: 'abandoned' }), 'completed').changes).toEqual({
      outcome: 'connected',
    });
  });

  it.each(['busy', 'no-answer', 'failed', 'canceled'] as const)(
    'offers voicemail without changing the outcome when the dial is %s',
    (status) => {
      const result = decideDialResult(session({ dialTarget: 'department' }), status);

      expect(result.decision).toEqual({ kind: 'voicemail', reason: 'no-answer' });
      expect(result.changes).toStrictEqual({});
    },
  );
});

describe('mergeOutcome', () => {
  const ALL: readonly CallOutcome[] = ['connected', 'operator', 'voicemail', 'abandoned', 'failed'];
  const ROUTED: readonly CallOutcome[] = ['connected', 'operator', 'voicemail'];
  const ENDED: readonly CallOutcome[] = ['abandoned', 'failed'];
  const pairs = (currents: readonly CallOutcome[], nexts: readonly CallOutcome[]): [CallOutcome, CallOutcome][] =>
    currents.flatMap((current) => nexts.map((next): [CallOutcome, CallOutcome] => [current, next]));

  it.each(ALL)('takes %s when there is no outcome yet', (next) => {
    expect(mergeOutcome(null, next)).toBe(next);
  });

  it.each(pairs(ENDED, ROUTED))('replaces %s with the routed outcome %s', (current, next) => {
    expect(mergeOutcome(current, next)).toBe(next);
  });

  it.each(pairs(ROUTED, ENDED))('keeps the routed outcome %s when %s arrives later', (current, next) => {
    expect(mergeOutcome(current, next)).toBe(current);
  });

  it.each(pairs(ROUTED, ROUTED).filter(([current, next]) => current !== next))(
    'keeps the first routed outcome %s over %s',
    (current, next) => {
      expect(mergeOutcome(current, next)).toBe(current);
    },
  );

  it.each(pairs(ENDED, ENDED).filter(([current, next]) => current !== next))(
    'keeps the first ending %s over %s',
    (current, next) => {
      expect(mergeOutcome(current, next)).toBe(current);
    },
  );
});

describe('isFinalCallStatus', () => {
  it.each(['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const)('treats %s as final', (status) => {
    expect(isFinalCallStatus(status)).toBe(true);
  });

  it.each(['queued', 'initiated', 'ringing', 'in-progress'] as const)('treats %s as not final', (status) => {
    expect(isFinalCallStatus(status)).toBe(false);
  });
});

describe('outcomeForCallStatus', () => {
  const NON_FINAL: readonly CallStatus[] = ['queued', 'initiated', 'ringing', 'in-progress'];

  it.each(['completed', 'canceled'] as const)('marks an unrouted call abandoned when it ends %s', (status) => {
    expect(outcomeForCallStatus(session(), status)).toBe('abandoned');
  });

  it.each(['busy', 'failed', 'no-answer'] as const)('marks an unrouted call failed when it ends %s', (status) => {
    expect(outcomeForCallStatus(session(), status)).toBe('failed');
  });

  it.each(NON_FINAL)('keeps no outcome while the call is %s', (status) => {
    expect(outcomeForCallStatus(session(), status)).toBeNull();
  });

  it.each(NON_FINAL)('keeps the current outcome while the call is %s', (status) => {
    expect(outcomeForCallStatus(session({ outcome: 'connected' }), status)).toBe('connected');
  });

  it('keeps a connected outcome when the call completes', () => {
    expect(outcomeForCallStatus(session({ outcome: 'connected' }), 'completed')).toBe('connected');
  });

  it('keeps an operator outcome when the call ends failed', () => {
    expect(outcomeForCallStatus(session({ outcome: 'operator' }), 'failed')).toBe('operator');
  });

  it('keeps a voicemail outcome when the call completes', () => {
    expect(outcomeForCallStatus(session({ outcome: 'voicemail' }), 'completed')).toBe('voicemail');
  });
});
