import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { WebhookEvent, WebhookInput } from '../twilio/webhook-event.js';
import type { CallFlowService } from './call-flow.service.js';
import { DatabaseTimeoutError } from './database-outage.js';
import { degradedSession, ResilientCallFlow } from './resilient-call-flow.service.js';
import type { WebhookSpool } from './webhook-spool.js';
import { ivrConfigForTests } from '../../test/helpers/app-config.js';
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';
import { parseTwiml } from '../../test/helpers/twiml.js';

const SALES = menuDepartment();
const OPERATOR = '+15555550100';
const CONFIGURED_OPERATOR = '+15555550199';
const RULES: RoutingRules = {
  settings: menuSettings({ operatorNumber: OPERATOR, maxAttempts: 3 }),
  departments: [SALES],
};

function event(input: WebhookInput, callSid = 'CA1'): WebhookEvent {
  return { callSid, receivedAt: new Date('2030-01-02T03:04:05.000Z'), requestId: 'r1', ...input };
}

/** The numbers a TwiML answer dials. */
function dialled(twiml: string): string[] {
  return parseTwiml(twiml)
    .children.filter((verb) => verb.name === 'Dial')
    .flatMap((dial) => dial.children.map((target) => target.text));
}

describe('degradedSession', () => {
  const ROOT = { menuPath: [], language: null };
  it.each([
    { input: { kind: 'incoming' } as const, expected: { round: 1, failedAttempts: 0 } },
    { input: { kind: 'gather', round: 3 } as const, expected: { round: 3, failedAttempts: 2, ...ROOT } },
    { input: { kind: 'gather' } as const, expected: { round: 1, failedAttempts: 0, ...ROOT } },
    { input: { kind: 'dial-status', status: 'busy' } as const, expected: { round: 1, failedAttempts: 0 } },
    {
      input: { kind: 'gather', round: 4, menuPath: ['support-menu'], language: 'es-MX' } as const,
      expected: { round: 4, failedAttempts: 3, menuPath: ['support-menu'], language: 'es-MX' },
    },
  ])('stands in for the session of $input.kind (round $expected.round)', ({ input, expected }) => {
    expect(degradedSession(event(input))).toEqual({ ...expected, dialTarget: null, outcome: null });
  });
});

describe('ResilientCallFlow', () => {
  // Outages and fallbacks are logged on purpose; kept out of the test output.
  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  let handled: WebhookEvent[];
  let answer: () => Promise<string>;
  let spooled: WebhookEvent[];
  let held: Set<string>;
  let lastKnown: RoutingRules | null;
  let sut: ResilientCallFlow;

  beforeEach(() => {
    handled = [];
    spooled = [];
    held = new Set();
    lastKnown = RULES;
    answer = () => Promise.resolve('<Response>from the database</Response>');
    const callFlow = {
      handle: (webhook: WebhookEvent) => {
        handled.push(webhook);
        return answer();
      },
    } as unknown as CallFlowService;
    const routing = { lastKnownRules: () => lastKnown } as unknown as RoutingService;
    const spool = {
      holds: (callSid: string) => held.has(callSid),
      push: (webhook: WebhookEvent) => spooled.push(webhook),
    } as unknown as WebhookSpool;
    sut = new ResilientCallFlow(
      callFlow,
      routing,
      spool,
      new MetricsService({} as DataSource, ivrConfigForTests()),
      ivrConfigForTests({ fallbackOperatorNumber: CONFIGURED_OPERATOR }),
    );
  });

  it('answers through the call flow while the database answers, spooling nothing', async () => {
    await expect(sut.handle(event({ kind: 'incoming' }))).resolves.toBe('<Response>from the database</Response>');
    expect(spooled).toEqual([]);
  });

  it('spools the event as it is and answers from the cached menu when the database is unavailable', async () => {
    answer = () => Promise.reject(new DatabaseTimeoutError(1500));
    const webhook = event({ kind: 'gather', round: 1, digits: '1' });

    const twiml = await sut.handle(webhook);

    expect(spooled).toEqual([webhook]);
    expect(dialled(twiml)).toEqual([SALES.phoneNumber]);
  });

  it('counts the round in the URL as attempts used: a wrong key in round 3 of 3 goes to the operator', async () => {
    answer = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    const twiml = await sut.handle(event({ kind: 'gather', round: 3, digits: '9' }));

    expect(dialled(twiml)).toEqual([OPERATOR]);
  });

  it('spools without trying the database while older webhooks of the call wait in the spool', async () => {
    held.add('CA1');

    await sut.handle(event({ kind: 'dial-status', status: 'completed' }));

    expect(handled).toEqual([]);
    expect(spooled).toHaveLength(1);
  });

  it('sends callers to the configured operator when no menu was ever read', async () => {
    answer = () => Promise.reject(new DatabaseTimeoutError(1500));
    lastKnown = null;

    expect(dialled(await sut.handle(event({ kind: 'incoming' })))).toEqual([CONFIGURED_OPERATOR]);
  });

  it('answers the fallback URL without the database: spooled, and the operator of the cached menu', async () => {
    const webhook = event({ kind: 'fallback', errorCode: '11200' });

    const twiml = await sut.handle(webhook);

    expect(handled).toEqual([]);
    expect(spooled).toEqual([webhook]);
    expect(dialled(twiml)).toEqual([OPERATOR]);
  });

  it("apologises in the cached menu's words", async () => {
    lastKnown = {
      ...RULES,
      settings: { ...RULES.settings, prompts: { ...RULES.settings.prompts, technicalDifficultiesConnecting: 'Oops.' } },
    };

    const twiml = await sut.handle(event({ kind: 'fallback' }));

    expect(parseTwiml(twiml).children[0]).toMatchObject({ name: 'Say', text: 'Oops.' });
  });

  it('lets an error that is not an outage through (the exception filter answers it)', async () => {
    answer = () => Promise.reject(new Error('a bug'));

    await expect(sut.handle(event({ kind: 'incoming' }))).rejects.toThrow('a bug');
    expect(spooled).toEqual([]);
  });
});
