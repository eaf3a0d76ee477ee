import type { CallOutcome } from '../call-sessions/call-session.entity.js';
import type { MenuDepartment, MenuSettings, RoutingRules } from '../routing/routing-rules.js';
import type { SessionState } from './call-decision.js';
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
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';

const RECEIVED_AT = new Date('2030-01-02T03:04:05.000Z');
const OPERATOR_NUMBER = '+15555550100';

const department = menuDepartment;

const SALES = department();
const SUPPORT = department({
  id: 'support-id',
  name: 'Support',
  digit: '2',
  keywords: ['support', 'help'],
  phoneNumber: '+15555550102',
});

function rules(
  settings: Partial<MenuSettings> = {},
  departments: readonly MenuDepartment[] = [SALES, SUPPORT],
): RoutingRules {
  return {
    settings: menuSettings({ operatorNumber: OPERATOR_NUMBER, ...settings }),
    departments,
  };
}

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
    it('routes to the department whose digit was pressed', () => {
      const result = answered(decideGather(session(), rules(), input({ digits: '2' })));

      expect(result.attempt).toEqual({
        round: 1,
        inputKind: 'dtmf',
        digits: '2',
        speechResult: null,
        confidence: null,
        departmentId: 'support-id',
        decision: 'route',
        failure: null,
      });
      expect(result.changes).toStrictEqual({
        round: 2,
        departmentId: 'support-id',
        dialTarget: 'department',
        dialedNumber: '+15555550102',
        routedAt: RECEIVED_AT,
      });
      expect(result.decision).toEqual({ kind: 'dial-department', department: SUPPORT });
    });

    it('ignores whitespace around the pressed digit', () => {
      const result = answered(decideGather(session(), rules(), input({ digits: ' 1 ' })));

      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
      expect(result.attempt.digits).toBe('1');
    });

    it('re-prompts with a no-match notice when the digit belongs to no department', () => {
      const result = answered(decideGather(session(), rules(), input({ digits: '9' })));

      expect(result.attempt).toEqual({
        round: 1,
        inputKind: 'dtmf',
        digits: '9',
        speechResult: null,
        confidence: null,
        departmentId: null,
        decision: 'reprompt_no_match',
        failure: 'no_match',
      });
      expect(result.changes).toStrictEqual({ round: 2, failedAttempts: 1 });
      expect(result.decision).toEqual({ kind: 'menu', round: 2, greet: false, notice: 'no_match' });
    });

    it('lets the pressed digit win over a keyword said at the same time', () => {
      const result = answered(
        decideGather(session(), rules(), input({ digits: '1', speechResult: 'support', confidence: 0.9 })),
      );

      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
      expect(result.attempt).toMatchObject({
        inputKind: 'dtmf',
        digits: '1',
        speechResult: 'support',
        confidence: 0.9,
      });
    });

    it('does not fall back to speech when the pressed digit matches nothing', () => {
      const result = answered(
        decideGather(session(), rules(), input({ digits: '9', speechResult: 'support', confidence: 0.9 })),
      );

      expect(result.attempt).toMatchObject({ inputKind: 'dtmf', decision: 'reprompt_no_match', departmentId: null });
      expect(result.decision).toEqual({ kind: 'menu', round: 2, greet: false, notice: 'no_match' });
    });
  });

  describe('speech', () => {
    it('routes when a keyword matches with a confidence above the threshold', () => {
      const result = answered(
        decideGather(session(), rules(), input({ speechResult: 'I need help', confidence: 0.8 })),
      );

      expect(result.attempt).toEqual({
        round: 1,
        inputKind: 'speech',
        digits: null,
        speechResult: 'I need help',
        confidence: 0.8,
        departmentId: 'support-id',
        decision: 'route',
        failure: null,
      });
      expect(result.changes).toStrictEqual({
        round: 2,
        departmentId: 'support-id',
        dialTarget: 'department',
        dialedNumber: '+15555550102',
        routedAt: RECEIVED_AT,
      });
      expect(result.decision).toEqual({ kind: 'dial-department', department: SUPPORT });
    });

    it('routes when the confidence equals the department threshold exactly', () => {
      const strict = department({ confidenceThreshold: 0.75 });
      const result = answered(
        decideGather(session(), rules({}, [strict]), input({ speechResult: 'sales', confidence: 0.75 })),
      );

      expect(result.decision).toEqual({ kind: 'dial-department', department: strict });
    });

    it('routes when the confidence equals the global minimum exactly and the department has no threshold', () => {
      const result = answered(
        decideGather(session(), rules({ minConfidence: 0.6 }), input({ speechResult: 'sales', confidence: 0.6 })),
      );

      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
    });

    it('applies a department threshold stricter than the global minimum', () => {
      const strict = department({ confidenceThreshold: 0.9 });
      const result = answered(
        decideGather(
          session(),
          rules({ minConfidence: 0.5 }, [strict]),
          input({ speechResult: 'sales', confidence: 0.7 }),
        ),
      );

      expect(result.attempt.decision).toBe('reprompt_low_confidence');
    });

    it('applies a department threshold looser than the global minimum', () => {
      const lenient = department({ confidenceThreshold: 0.3 });
      const result = answered(
        decideGather(
          session(),
          rules({ minConfidence: 0.9 }, [lenient]),
          input({ speechResult: 'sales', confidence: 0.5 }),
        ),
      );

      expect(result.decision).toEqual({ kind: 'dial-department', department: lenient });
    });

    it('routes when Twilio sent no confidence and records the confidence as unknown', () => {
      const strict = department({ confidenceThreshold: 0.99 });
      const result = answered(decideGather(session(), rules({}, [strict]), input({ speechResult: 'sales' })));

      expect(result.decision).toEqual({ kind: 'dial-department', department: strict });
      expect(result.attempt.confidence).toBeNull();
    });

    it('re-prompts with a low-confidence notice and keeps the matched department on the attempt', () => {
      const result = answered(
        decideGather(session(), rules({ minConfidence: 0.5 }), input({ speechResult: 'support', confidence: 0.2 })),
      );

      expect(result.attempt).toEqual({
        round: 1,
        inputKind: 'speech',
        digits: null,
        speechResult: 'support',
        confidence: 0.2,
        departmentId: 'support-id',
        decision: 'reprompt_low_confidence',
        failure: 'low_confidence',
      });
      expect(result.changes).toStrictEqual({ round: 2, failedAttempts: 1 });
      expect(result.decision).toEqual({ kind: 'menu', round: 2, greet: false, notice: 'low_confidence' });
    });

    it('re-prompts with a no-match notice when no keyword was said', () => {
      const result = answered(
        decideGather(session(), rules(), input({ speechResult: 'pizza please', confidence: 0.95 })),
      );

      expect(result.attempt).toEqual({
        round: 1,
        inputKind: 'speech',
        digits: null,
        speechResult: 'pizza please',
        confidence: 0.95,
        departmentId: null,
        decision: 'reprompt_no_match',
        failure: 'no_match',
      });
      expect(result.changes).toStrictEqual({ round: 2, failedAttempts: 1 });
      expect(result.decision).toEqual({ kind: 'menu', round: 2, greet: false, notice: 'no_match' });
    });

    it('uses speech when the digits are only whitespace', () => {
      const result = answered(
        decideGather(session(), rules(), input({ digits: '  ', speechResult: 'sales', confidence: 0.9 })),
      );

      expect(result.attempt).toMatchObject({ inputKind: 'speech', digits: null });
      expect(result.decision).toEqual({ kind: 'dial-department', department: SALES });
    });
  });

  describe('no input', () => {
    it('re-prompts with a no-input notice when the caller neither pressed nor said anything', () => {
      const result = answered(decideGather(session(), rules(), input()));

      expect(result.attempt).toEqual({
        round: 1,
        inputKind: 'none',
        digits: null,
        speechResult: null,
        confidence: null,
        departmentId: null,
        decision: 'reprompt_no_input',
        failure: 'no_input',
      });
      expect(result.changes).toStrictEqual({ round: 2, failedAttempts: 1 });
      expect(result.decision).toEqual({ kind: 'menu', round: 2, greet: false, notice: 'no_input' });
    });

    it('counts blank digits and blank speech as no input', () => {
      const result = answered(
        decideGather(session(), rules(), input({ digits: ' ', speechResult: '  ', confidence: 0.4 })),
      );

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
  it.each(['completed', 'answered'] as const)(
    'says goodbye and marks a department call connected when the dial is %s',
    (status) => {
      expect(decideDialResult(session({ dialTarget: 'department' }), status)).toEqual({
        decision: { kind: 'goodbye' },
        changes: { outcome: 'connected' },
      });
    },
  );

  it.each(['completed', 'answered'] as const)(
    'says goodbye and marks an operator call as operator when the dial is %s',
    (status) => {
      expect(decideDialResult(session({ dialTarget: 'operator' }), status)).toEqual({
        decision: { kind: 'goodbye' },
        changes: { outcome: 'operator' },
      });
    },
  );

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
