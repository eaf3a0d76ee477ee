import { changedFields, type SessionFields } from '../call-sessions/session-change.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import type { WebhookEvent, WebhookInput } from '../twilio/webhook-event.js';
import type { Decided, SessionState } from './call-decision.js';
import { decide, menuFor } from './decide.js';
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';

const RECEIVED_AT = new Date('2030-01-02T03:04:05.000Z');
const OPERATOR = '+15555550100';
const SALES = menuDepartment();
const CLOSED_SALES = menuDepartment({
  closedNow: { at: RECEIVED_AT, opensAt: null, reason: 'outside_regular_hours' },
  afterHours: {
    hours: { timeZone: 'UTC', weekly: {}, overrides: [], followCompanyHolidays: false },
    closedAction: { kind: 'menu' },
    hideWhenClosed: false,
  },
});
const RULES: RoutingRules = {
  settings: menuSettings({ operatorNumber: OPERATOR, maxAttempts: 3 }),
  departments: [SALES],
};
const CLOSED_RULES: RoutingRules = { ...RULES, departments: [CLOSED_SALES] };
const NO_OPERATOR_CLOSED_RULES: RoutingRules = {
  settings: menuSettings({ operatorNumber: null, maxAttempts: 3 }),
  departments: [CLOSED_SALES],
};

function event(input: WebhookInput): WebhookEvent {
  return { callSid: 'CA1', receivedAt: RECEIVED_AT, requestId: 'r1', ...input };
}

function session(overrides: Partial<SessionState> = {}): SessionState {
  return { round: 1, failedAttempts: 0, dialTarget: null, outcome: null, ...overrides };
}

const nothing = { changes: {}, attempt: null };
const HOUR = 60 * 60 * 1000;

interface Row {
  readonly name: string;
  readonly event: WebhookEvent;
  readonly session: SessionState;
  readonly rules?: RoutingRules;
  readonly expected: Partial<Decided>;
}

const ROWS: Row[] = [
  {
    name: "incoming: greets with the menu of round 1 and records the call's language (the only one)",
    event: event({ kind: 'incoming' }),
    session: session(),
    expected: { decision: { kind: 'menu', round: 1, greet: true, notice: null }, changes: { language: 'en-US' } },
  },
  {
    name: 'incoming again (Twilio repeats it): the same menu, nothing changed',
    event: event({ kind: 'incoming' }),
    session: session({ language: 'en-US' }),
    expected: { decision: { kind: 'menu', round: 1, greet: true, notice: null }, ...nothing },
  },
  {
    name: 'gather: a digit routes to its department',
    event: event({ kind: 'gather', round: 1, digits: '1' }),
    session: session(),
    expected: {
      decision: { kind: 'dial-department', department: SALES },
      changes: {
        round: 2,
        departmentId: SALES.id,
        dialTarget: 'department',
        dialedNumber: SALES.phoneNumber,
        routedAt: RECEIVED_AT,
      },
    },
  },
  {
    name: 'gather: an answered round again replays its stored answer and changes nothing',
    event: event({ kind: 'gather', round: 1, digits: '9' }),
    session: session({ round: 2, roundAnswer: '<Response><Dial/></Response>' }),
    expected: { decision: { kind: 'replay', twiml: '<Response><Dial/></Response>' }, ...nothing },
  },
  {
    name: 'gather: a round never answered that is not the current one gets the current menu',
    event: event({ kind: 'gather', round: 5, digits: '1' }),
    session: session({ round: 2, roundAnswer: null }),
    expected: { decision: { kind: 'menu', round: 2, greet: false, notice: null }, ...nothing },
  },
  {
    name: 'gather: a bare /voice/gather answers the current round',
    event: event({ kind: 'gather', digits: '1' }),
    session: session({ round: 2, failedAttempts: 1 }),
    expected: { decision: { kind: 'dial-department', department: SALES } },
  },
  {
    name: 'gather: a closed department with a menu action plays the menu again',
    event: event({ kind: 'gather', round: 2, digits: '1' }),
    session: session({ round: 2, closedAttempts: 1 }),
    rules: CLOSED_RULES,
    expected: {
      decision: { kind: 'menu', round: 3, greet: false, notice: null, closed: CLOSED_SALES },
      changes: { round: 3, closedAttempts: 2 },
    },
  },
  {
    name: 'gather: the third closed round (maxAttempts 3) ends the menu at the operator',
    event: event({ kind: 'gather', round: 3, digits: '1' }),
    session: session({ round: 3, closedAttempts: 2 }),
    rules: CLOSED_RULES,
    expected: {
      decision: { kind: 'dial-operator', number: OPERATOR, closed: CLOSED_SALES },
      changes: { round: 4, closedAttempts: 3, dialTarget: 'operator', dialedNumber: OPERATOR, routedAt: RECEIVED_AT },
    },
  },
  {
    name: 'gather: failed attempts do not count as closed rounds',
    event: event({ kind: 'gather', round: 4, digits: '1' }),
    session: session({ round: 4, failedAttempts: 2, closedAttempts: 1 }),
    rules: CLOSED_RULES,
    expected: { decision: { kind: 'menu', round: 5, greet: false, notice: null, closed: CLOSED_SALES } },
  },
  {
    name: 'gather: the last closed round without an operator ends in voicemail',
    event: event({ kind: 'gather', round: 3, digits: '1' }),
    session: session({ round: 3, closedAttempts: 2 }),
    rules: NO_OPERATOR_CLOSED_RULES,
    expected: {
      decision: { kind: 'voicemail', reason: 'no-operator', closed: CLOSED_SALES },
      changes: { round: 4, closedAttempts: 3 },
    },
  },
  {
    name: 'dial-status: answered by the department connects and records the dial',
    event: event({ kind: 'dial-status', status: 'completed', dialCallSid: 'CA2', durationSeconds: 42 }),
    session: session({ dialTarget: 'department' }),
    expected: {
      decision: { kind: 'goodbye' },
      changes: { outcome: 'connected', dialCallStatus: 'completed', dialCallSid: 'CA2', dialDurationSeconds: 42 },
      attempt: null,
    },
  },
  {
    name: 'dial-status: nobody answered takes a voicemail',
    event: event({ kind: 'dial-status', status: 'no-answer' }),
    session: session({ dialTarget: 'department' }),
    expected: {
      decision: { kind: 'voicemail', reason: 'no-answer' },
      changes: { dialCallStatus: 'no-answer', dialCallSid: null, dialDurationSeconds: null },
    },
  },
  {
    name: 'voicemail: thanks the caller, changes nothing',
    event: event({ kind: 'voicemail' }),
    session: session(),
    expected: { decision: { kind: 'voicemail-recorded' }, ...nothing },
  },
  {
    name: 'recording: a completed recording is the voicemail outcome',
    event: event({ kind: 'recording', recordingSid: 'RE1', recordingUrl: 'https://r', durationSeconds: 7 }),
    session: session({ outcome: 'abandoned' }),
    expected: {
      decision: { kind: 'acknowledge' },
      changes: { recordingSid: 'RE1', recordingUrl: 'https://r', recordingDurationSeconds: 7, outcome: 'voicemail' },
    },
  },
  {
    name: 'recording: a failed recording changes nothing',
    event: event({ kind: 'recording', recordingSid: 'RE1', status: 'failed' }),
    session: session(),
    expected: { decision: { kind: 'acknowledge' }, ...nothing },
  },
  {
    name: 'transcription: a completed transcription stores its SID, status and text',
    event: event({ kind: 'transcription', transcriptionSid: 'TR1', status: 'completed', text: 'Call me back.' }),
    session: session({ outcome: 'voicemail' }),
    expected: {
      decision: { kind: 'acknowledge' },
      changes: { transcriptionSid: 'TR1', transcriptionStatus: 'completed', transcriptionText: 'Call me back.' },
      attempt: null,
    },
  },
  {
    name: 'transcription: a failed transcription stores its status and no text',
    event: event({ kind: 'transcription', transcriptionSid: 'TR1', status: 'failed', text: 'ignored' }),
    session: session({ outcome: 'voicemail' }),
    expected: {
      decision: { kind: 'acknowledge' },
      changes: { transcriptionSid: 'TR1', transcriptionStatus: 'failed', transcriptionText: null },
    },
  },
  {
    name: 'transcription: a completed transcription without text stores none',
    event: event({ kind: 'transcription', transcriptionSid: 'TR1', status: 'completed' }),
    session: session(),
    expected: { changes: { transcriptionSid: 'TR1', transcriptionStatus: 'completed', transcriptionText: null } },
  },
  {
    name: 'transcription: a failure after a completed transcription keeps the text',
    event: event({ kind: 'transcription', transcriptionSid: 'TR2', status: 'failed' }),
    session: session({ transcriptionStatus: 'completed' }),
    expected: { decision: { kind: 'acknowledge' }, ...nothing },
  },
  {
    name: 'transcription: minutes after the call ended it is still stored, the outcome left as it is',
    event: event({ kind: 'transcription', transcriptionSid: 'TR1', status: 'completed', text: 'Hello.' }),
    session: session({ outcome: 'voicemail', endedAt: new Date(RECEIVED_AT.getTime() - 0.1 * HOUR) }),
    expected: { changes: { transcriptionSid: 'TR1', transcriptionStatus: 'completed', transcriptionText: 'Hello.' } },
  },
  {
    name: 'status: a final status ends the call at its Timestamp',
    event: event({
      kind: 'status',
      status: 'completed',
      durationSeconds: 30,
      timestamp: 'Wed, 02 Jan 2030 03:05:00 +0000',
      sequenceNumber: 3,
    }),
    session: session(),
    expected: {
      changes: {
        callStatus: 'completed',
        statusSequence: 3,
        durationSeconds: 30,
        endedAt: new Date('2030-01-02T03:05:00.000Z'),
        outcome: 'abandoned',
      },
    },
  },
  {
    name: 'status: a final status without a usable Timestamp ends the call at its arrival',
    event: event({ kind: 'status', status: 'busy', timestamp: 'not a date' }),
    session: session(),
    expected: { changes: { callStatus: 'busy', durationSeconds: null, endedAt: RECEIVED_AT, outcome: 'failed' } },
  },
  {
    name: 'status: a call never ends before it starts (Timestamp has whole seconds, the start has milliseconds)',
    event: event({ kind: 'status', status: 'completed', timestamp: 'Wed, 02 Jan 2030 03:04:05 +0000' }),
    session: session({ startedAt: new Date('2030-01-02T03:04:05.436Z') }),
    expected: {
      changes: {
        callStatus: 'completed',
        durationSeconds: null,
        endedAt: new Date('2030-01-02T03:04:05.436Z'),
        outcome: 'abandoned',
      },
    },
  },
  {
    name: 'status: a newer progress status is kept with its sequence number',
    event: event({ kind: 'status', status: 'in-progress', sequenceNumber: 2 }),
    session: session({ callStatus: 'ringing', statusSequence: 1 }),
    expected: { changes: { callStatus: 'in-progress', statusSequence: 2 } },
  },
  {
    name: 'status: a late ringing (lower SequenceNumber) never overwrites in-progress',
    event: event({ kind: 'status', status: 'ringing', sequenceNumber: 1 }),
    session: session({ callStatus: 'in-progress', statusSequence: 2 }),
    expected: { decision: { kind: 'acknowledge' }, ...nothing },
  },
  {
    name: 'status: without sequence numbers, ringing never overwrites in-progress',
    event: event({ kind: 'status', status: 'ringing' }),
    session: session({ callStatus: 'in-progress', statusSequence: null }),
    expected: nothing,
  },
  {
    name: 'status: a progress status after the final one changes nothing',
    event: event({ kind: 'status', status: 'in-progress', sequenceNumber: 9 }),
    session: session({ callStatus: 'completed', statusSequence: 3, endedAt: RECEIVED_AT }),
    expected: nothing,
  },
  {
    name: 'fallback: records Twilio error and counts the call failed',
    event: event({ kind: 'fallback', errorCode: '11200', errorUrl: 'https://x/voice/incoming' }),
    session: session(),
    expected: {
      decision: { kind: 'acknowledge' },
      changes: { errorCode: '11200', errorUrl: 'https://x/voice/incoming', outcome: 'failed' },
      attempt: null,
    },
  },
  {
    name: 'fallback: a call already routed keeps its outcome',
    event: event({ kind: 'fallback', errorCode: '11200' }),
    session: session({ outcome: 'connected' }),
    expected: { changes: { errorCode: '11200', errorUrl: null, outcome: 'connected' } },
  },
  {
    name: 'any webhook more than a day after the call ended is answered with nothing and changes nothing',
    event: event({ kind: 'gather', round: 1, digits: '1' }),
    session: session({ endedAt: new Date(RECEIVED_AT.getTime() - 25 * HOUR) }),
    expected: { decision: { kind: 'acknowledge' }, ...nothing },
  },
  {
    name: 'a late recording callback within a day of the end is still taken',
    event: event({ kind: 'recording', recordingSid: 'RE1' }),
    session: session({ endedAt: new Date(RECEIVED_AT.getTime() - 23 * HOUR) }),
    expected: {
      changes: { recordingSid: 'RE1', recordingUrl: null, recordingDurationSeconds: null, outcome: 'voicemail' },
    },
  },
  {
    name: 'a webhook two days after a call started that never ended changes nothing',
    event: event({ kind: 'status', status: 'completed' }),
    session: session({ startedAt: new Date(RECEIVED_AT.getTime() - 49 * HOUR), endedAt: null }),
    expected: { decision: { kind: 'acknowledge' }, ...nothing },
  },
];

describe('decide', () => {
  it.each(ROWS)('$name', ({ event: webhook, session: state, rules, expected }) => {
    const sut = decide(webhook, state, rules ?? RULES);
    // Each part a row names is compared whole: `changes: {}` means nothing changes.
    for (const part of ['decision', 'changes', 'attempt'] as const)
      if (part in expected) expect(sut[part]).toEqual(expected[part]);
  });

  it('records the answered round as an attempt, failed answers included', () => {
    const sut = decide(event({ kind: 'gather', round: 1, digits: '7' }), session(), RULES);
    expect(sut.attempt).toEqual({
      round: 1,
      inputKind: 'dtmf',
      digits: '7',
      speechResult: null,
      confidence: null,
      departmentId: null,
      decision: 'reprompt_no_match',
      failure: 'no_match',
    });
    expect(sut.changes).toEqual({ round: 2, failedAttempts: 1 });
  });

  it.each([
    ['completed', 'Call me back.'],
    ['failed', undefined],
  ] as const)('changes nothing when the same %s transcription arrives again', (status, text) => {
    const webhook = event({ kind: 'transcription', transcriptionSid: 'TR1', status, text });
    const first = decide(webhook, session(), RULES).changes;
    const stored = { ...session(), ...first } as SessionFields;

    const sut = decide(webhook, stored, RULES);

    expect(sut.decision).toEqual({ kind: 'acknowledge' });
    expect(changedFields(stored, sut.changes)).toEqual({});
  });

  it('records a closed round as a closed attempt, also when it ends the menu', () => {
    const sut = decide(
      event({ kind: 'gather', round: 3, digits: '1' }),
      session({ round: 3, closedAttempts: 2 }),
      CLOSED_RULES,
    );
    expect(sut.attempt).toMatchObject({ round: 3, decision: 'closed', failure: null, departmentId: SALES.id });
  });
});

describe('menuFor', () => {
  it.each(['incoming', 'gather'] as const)(
    'works out the business hours for %s, which reads the departments',
    (kind) => {
      const open = { ...CLOSED_RULES, departments: [{ ...CLOSED_SALES, closedNow: undefined }] };
      expect(menuFor(event({ kind }), open).departments[0].closedNow).toMatchObject({ at: RECEIVED_AT });
    },
  );

  it('leaves the menu as it is for a callback that reads only the settings', () => {
    expect(menuFor(event({ kind: 'status', status: 'completed' }), RULES)).toBe(RULES);
  });
});
