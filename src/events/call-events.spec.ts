import { CallSession } from '../call-sessions/call-session.entity.js';
import type { SessionChange } from '../call-sessions/session-change.js';
import type { WebhookEvent, WebhookInput } from '../twilio/webhook-event.js';
import { callEventsOf, numberedEvents } from './call-events.js';

const STARTED = new Date('2030-01-02T03:00:00.000Z');
const AT = new Date('2030-01-02T03:01:00.000Z');
const SALES = '00000000-0000-4000-8000-000000000001';

function webhook(input: WebhookInput): WebhookEvent {
  return { callSid: 'CA1', receivedAt: AT, requestId: 'r1', ...input };
}

function session(fields: Partial<CallSession> = {}): CallSession {
  return Object.assign(new CallSession(), {
    callSid: 'CA1',
    fromNumber: '+15550001111',
    toNumber: '+15550002222',
    startedAt: STARTED,
    endedAt: null,
    round: 1,
    failedAttempts: 0,
    departmentId: null,
    dialTarget: null,
    dialedNumber: null,
    routedAt: null,
    outcome: null,
    callStatus: null,
    durationSeconds: null,
    dialDurationSeconds: null,
    recordingSid: null,
    recordingUrl: null,
    recordingDurationSeconds: null,
    errorCode: null,
    errorUrl: null,
    callerName: null,
    tags: null,
    eventCount: 0,
    transcriptionSid: null,
    transcriptionStatus: null,
    transcriptionText: null,
    ...fields,
  });
}

const routed: SessionChange = {
  round: 2,
  departmentId: SALES,
  dialTarget: 'department',
  dialedNumber: '+15550003333',
  routedAt: AT,
};

describe('callEventsOf', () => {
  it.each([
    ['a new call', webhook({ kind: 'incoming' }), session(), {}, true, ['call.started']],
    [
      'a menu answer routing to a department',
      webhook({ kind: 'gather', digits: '1' }),
      session(),
      routed,
      false,
      ['call.routed'],
    ],
    [
      "a caller hook's department on the first webhook",
      webhook({ kind: 'incoming' }),
      session(),
      routed,
      true,
      ['call.started', 'call.routed'],
    ],
    ['a re-prompt', webhook({ kind: 'gather', digits: '9' }), session(), { round: 2, failedAttempts: 1 }, false, []],
    [
      'a recording',
      webhook({ kind: 'recording', recordingSid: 'RE1' }),
      session(),
      { recordingSid: 'RE1', outcome: 'voicemail' },
      false,
      ['voicemail.recorded'],
    ],
    [
      'a transcription',
      webhook({ kind: 'transcription', transcriptionSid: 'TR1', status: 'completed', text: 'Call me.' }),
      session({ recordingSid: 'RE1' }),
      { transcriptionSid: 'TR1', transcriptionStatus: 'completed', transcriptionText: 'Call me.' },
      false,
      ['voicemail.transcribed'],
    ],
    [
      "Twilio's fallback",
      webhook({ kind: 'fallback', errorCode: '11200' }),
      session(),
      { errorCode: '11200', outcome: 'failed' },
      false,
      ['call.failed'],
    ],
    [
      'the final status',
      webhook({ kind: 'status', status: 'completed' }),
      session(),
      { callStatus: 'completed', endedAt: AT, outcome: 'abandoned' },
      false,
      ['call.ended'],
    ],
    [
      'a second final status correcting the end time',
      webhook({ kind: 'status', status: 'completed' }),
      session({ endedAt: STARTED }),
      { endedAt: AT },
      false,
      [],
    ],
    ['a webhook that changes nothing', webhook({ kind: 'status', status: 'ringing' }), session(), {}, false, []],
  ] as const)('%s → %j', (_name, event, before, changes, isNew, types) => {
    expect(callEventsOf(event, before, changes, isNew).map((each) => each.type)).toEqual(types);
  });

  it('says where the call went and how, for call.routed', () => {
    const [event] = callEventsOf(webhook({ kind: 'gather', digits: '1' }), session(), routed, false);
    expect(event).toEqual({
      type: 'call.routed',
      occurredAt: AT,
      data: {
        from: '+15550001111',
        to: '+15550002222',
        target: 'department',
        departmentId: SALES,
        number: '+15550003333',
        via: 'menu',
        routedAt: AT.toISOString(),
      },
    });
  });

  it('sums the call up in call.ended: outcome, attempts, durations, caller and tags', () => {
    const before = session({ ...routed, failedAttempts: 1, round: 3, callerName: 'Ada', tags: ['vip'] });
    const changes: SessionChange = {
      callStatus: 'completed',
      endedAt: AT,
      durationSeconds: 60,
      outcome: 'connected',
    };
    const [event] = callEventsOf(webhook({ kind: 'status', status: 'completed' }), before, changes, false);
    expect(event.data).toEqual({
      from: '+15550001111',
      to: '+15550002222',
      outcome: 'connected',
      callStatus: 'completed',
      departmentId: SALES,
      dialTarget: 'department',
      attempts: 2,
      failedAttempts: 1,
      startedAt: STARTED.toISOString(),
      endedAt: AT.toISOString(),
      durationSeconds: 60,
      dialDurationSeconds: null,
      callerName: 'Ada',
      tags: ['vip'],
    });
  });
});

describe('numberedEvents', () => {
  it('numbers events after the count the call had, each with its own id', () => {
    const events = callEventsOf(webhook({ kind: 'incoming' }), session(), routed, true);
    const numbered = numberedEvents(events, 4);
    expect(numbered.map((event) => event.sequence)).toEqual([5, 6]);
    expect(new Set(numbered.map((event) => event.id)).size).toBe(2);
  });
});
