import { ivrConfigForTests } from '../../test/helpers/app-config.js';
import type { DataSource } from 'typeorm';
import { CallSession } from '../call-sessions/call-session.entity.js';
import {
  type CallSessionRepository,
  type CallState,
  type CallWrite,
  LostRaceError,
} from '../call-sessions/call-session.repository.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { WebhookEvent, WebhookInput } from '../twilio/webhook-event.js';
import { CallFlowService } from './call-flow.service.js';
import type { CallerLookup } from '../events/caller-info.js';
import type { CallerLookupService } from '../events/caller-lookup.service.js';
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';

const RECEIVED_AT = new Date('2030-01-02T03:04:05.000Z');
const SALES = menuDepartment();
const RULES: RoutingRules = { settings: menuSettings(), departments: [SALES] };

function event(input: WebhookInput): WebhookEvent {
  return { callSid: 'CA1', receivedAt: RECEIVED_AT, requestId: 'r1', idempotencyToken: 'token-1', ...input };
}

function state(session: Partial<CallSession> = {}, extra: Partial<CallState> = {}): CallState {
  return {
    session: Object.assign(new CallSession(), {
      callSid: 'CA1',
      round: 1,
      failedAttempts: 0,
      dialTarget: null,
      outcome: null,
      startedAt: RECEIVED_AT,
      fromNumber: '+15550001111',
      toNumber: '+15550002222',
      // Recorded by the call's first webhook (the menu's only language).
      language: 'en-US',
      eventCount: 0,
      version: 1,
      ...session,
    }),
    isNew: false,
    receipt: null,
    roundAnswer: null,
    ...extra,
  };
}

/** The repository boundary: each method answers from a script; a call the test did not script fails it. */
class FakeCalls {
  readonly guesses: (CallState | null)[] = [];
  readonly reads: CallState[] = [];
  readonly writes: (Error | null)[] = [];
  readonly written: { state: CallState; write: CallWrite }[] = [];
  readCount = 0;

  guess(): CallState | null {
    if (this.guesses.length === 0) throw new Error('unexpected guess()');
    return this.guesses.shift() ?? null;
  }

  read(): Promise<CallState> {
    this.readCount += 1;
    const next = this.reads.shift();
    if (!next) throw new Error('unexpected read()');
    return Promise.resolve(next);
  }

  write(_event: WebhookEvent, current: CallState, write: CallWrite): Promise<void> {
    if (this.writes.length === 0) throw new Error('unexpected write()');
    const failure = this.writes.shift();
    if (failure) return Promise.reject(failure);
    this.written.push({ state: current, write });
    return Promise.resolve();
  }
}

/** The caller hook: answers from `answer`, and counts the questions. */
const callers = {
  answer: undefined as CallerLookup | undefined,
  asked: 0,
  lookup(): Promise<CallerLookup | undefined> {
    this.asked += 1;
    return Promise.resolve(this.answer);
  },
};

describe('CallFlowService', () => {
  let calls: FakeCalls;
  let metrics: MetricsService;
  let sut: CallFlowService;

  beforeEach(() => {
    callers.answer = undefined;
    callers.asked = 0;
    calls = new FakeCalls();
    metrics = new MetricsService({} as DataSource, ivrConfigForTests());
    const routing = { rules: () => Promise.resolve(RULES) } as unknown as RoutingService;
    sut = new CallFlowService(
      routing,
      calls as unknown as CallSessionRepository,
      metrics,
      callers as unknown as CallerLookupService,
    );
  });

  async function counted(counter: 'decisions' | 'outcomes', label: string): Promise<number> {
    const { values } = await metrics[counter].get();
    return values.find((entry) => Object.values(entry.labels).includes(label))?.value ?? 0;
  }

  it('decides on the guessed session without reading, and writes the answer with the round it answered', async () => {
    calls.guesses.push(state());
    calls.writes.push(null);

    const twiml = await sut.handle(event({ kind: 'gather', round: 1, digits: '1' }));

    expect(calls.readCount).toBe(0);
    expect(twiml).toContain('<Dial');
    const [{ write }] = calls.written;
    expect(write.twiml).toBe(twiml);
    expect(write.changes).toMatchObject({ round: 2, departmentId: SALES.id, dialTarget: 'department' });
    expect(write.attempt).toMatchObject({ round: 1, decision: 'route', responseTwiml: twiml, createdAt: RECEIVED_AT });
    expect(await counted('decisions', 'route')).toBe(1);
  });

  it('reads when there is no guess, and inserts a new session (with its call.started event) even though the webhook changes nothing else', async () => {
    calls.guesses.push(null);
    calls.reads.push(state({}, { isNew: true }));
    calls.writes.push(null);

    await sut.handle(event({ kind: 'incoming' }));

    expect(calls.readCount).toBe(1);
    const { write } = calls.written[0];
    expect(write).toMatchObject({ changes: { eventCount: 1 }, attempt: null });
    expect(write.events).toMatchObject([{ type: 'call.started', sequence: 1, data: { from: '+15550001111' } }]);
  });

  it('asks the caller hook about a new call once, even when its write loses a race, and routes on its answer', async () => {
    callers.answer = { status: 'ok', info: { callerName: 'Ada', departmentId: SALES.id, tags: ['vip'] } };
    calls.guesses.push(null);
    calls.reads.push(state({}, { isNew: true }), state({}, { isNew: true }));
    calls.writes.push(new LostRaceError('CA1'), null);

    const twiml = await sut.handle(event({ kind: 'incoming' }));

    expect(callers.asked).toBe(1);
    expect(twiml).toContain('<Dial');
    const { write } = calls.written[calls.written.length - 1];
    expect(write.changes).toMatchObject({
      callerName: 'Ada',
      tags: ['vip'],
      callerLookup: 'ok',
      departmentId: SALES.id,
    });
    expect(write.events.map((each) => each.type)).toEqual(['call.started', 'call.routed']);
  });

  it('does not ask the caller hook about a call that has a session already', async () => {
    calls.guesses.push(state());
    calls.reads.push(state());

    await sut.handle(event({ kind: 'incoming' }));

    expect(callers.asked).toBe(0);
  });

  it("numbers a write's events after those the call has, and counts them on the session in the same write", async () => {
    calls.guesses.push(state({ eventCount: 2 }));
    calls.writes.push(null);

    await sut.handle(event({ kind: 'gather', round: 1, digits: '1' }));

    const { write } = calls.written[0];
    expect(write.events).toMatchObject([{ type: 'call.routed', sequence: 3, data: { departmentId: SALES.id } }]);
    expect(write.changes).toMatchObject({ eventCount: 3 });
  });

  it('writes nothing (no receipt, no new version) when the webhook changes nothing on the session as read', async () => {
    calls.guesses.push(null);
    calls.reads.push(
      state({ callStatus: 'completed', durationSeconds: null, endedAt: RECEIVED_AT, outcome: 'abandoned' }),
    );

    await sut.handle(event({ kind: 'status', status: 'completed' }));

    expect(calls.written).toEqual([]);
  });

  it('reads before trusting a guess that the webhook changes nothing: the guess may be stale', async () => {
    calls.guesses.push(state({ round: 1 }));
    // Another instance answered round 1 since: the repeated incoming now hears round 2.
    calls.reads.push(state({ round: 2 }));

    const twiml = await sut.handle(event({ kind: 'incoming' }));

    expect(calls.readCount).toBe(1);
    expect(twiml).toContain('round=2');
    expect(calls.written).toEqual([]);
  });

  it('answers a retried delivery with its stored answer and writes nothing', async () => {
    calls.guesses.push(null);
    calls.reads.push(state({}, { receipt: '<Response>stored</Response>' }));

    await expect(sut.handle(event({ kind: 'gather', round: 1, digits: '1' }))).resolves.toBe(
      '<Response>stored</Response>',
    );
    expect(calls.written).toEqual([]);
  });

  it('replays the answer of an already answered round, read with the session', async () => {
    calls.guesses.push(null);
    calls.reads.push(state({ round: 2 }, { roundAnswer: '<Response>round 1</Response>' }));

    await expect(sut.handle(event({ kind: 'gather', round: 1, digits: '2' }))).resolves.toBe(
      '<Response>round 1</Response>',
    );
    expect(calls.written).toEqual([]);
  });

  it('reads, decides and writes again when a racing webhook wrote first, and counts the decision once', async () => {
    calls.guesses.push(state({ version: 1 }));
    calls.writes.push(new LostRaceError('CA1'), null);
    // The racing webhook ended the call meanwhile (final status first): the dial result is written on its row.
    calls.reads.push(state({ version: 2, callStatus: 'completed', outcome: 'abandoned', dialTarget: 'department' }));

    await sut.handle(event({ kind: 'dial-status', status: 'completed' }));

    expect(calls.readCount).toBe(1);
    expect(calls.written).toHaveLength(1);
    expect(calls.written[0].state.session.version).toBe(2);
    expect(calls.written[0].write.changes).toMatchObject({ outcome: 'connected', dialCallStatus: 'completed' });
    expect(await counted('outcomes', 'connected')).toBe(1);
  });

  it('counts the decision of a webhook only once it is written', async () => {
    calls.guesses.push(state({ version: 1 }));
    calls.writes.push(new LostRaceError('CA1'));
    // The racing webhook already routed round 1: this one is now a stale answer, written by nobody.
    calls.reads.push(state({ round: 2, version: 2 }, { roundAnswer: '<Response>theirs</Response>' }));

    await expect(sut.handle(event({ kind: 'gather', round: 1, digits: '1' }))).resolves.toBe(
      '<Response>theirs</Response>',
    );
    expect(calls.written).toEqual([]);
    expect(await counted('decisions', 'route')).toBe(0);
  });

  it('gives up after ten lost races', async () => {
    calls.guesses.push(null);
    for (let tries = 0; tries < 10; tries++) {
      calls.reads.push(state());
      calls.writes.push(new LostRaceError('CA1'));
    }

    await expect(sut.handle(event({ kind: 'gather', round: 1, digits: '1' }))).rejects.toBeInstanceOf(LostRaceError);
    expect(calls.readCount).toBe(10);
  });

  it('lets any other write error through untouched', async () => {
    calls.guesses.push(state());
    calls.writes.push(new Error('disk full'));

    await expect(sut.handle(event({ kind: 'gather', round: 1, digits: '1' }))).rejects.toThrow('disk full');
  });

  it('counts an outcome the webhook changed', async () => {
    calls.guesses.push(state({ dialTarget: 'department' }));
    calls.writes.push(null);

    await sut.handle(event({ kind: 'dial-status', status: 'completed' }));

    expect(await counted('outcomes', 'connected')).toBe(1);
  });
});
