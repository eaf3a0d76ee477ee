import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { MetricsService } from '../src/metrics/metrics.service.js';
import { type CallerInfo, type IncomingCall, IVR_CALL_HOOKS, type IvrCallHooks } from '../src/index.js';
import { generateWebhookSecret } from '../src/events/outbound/standard-webhooks.js';
import { viewerClient } from './helpers/admin-client.js';
import { findSession, setSchedule } from './helpers/factories.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';
import { WebhookReceiver } from './helpers/webhook-receiver.js';

const BUDGET_MS = 300;
// A Sunday: Support, open on weekdays only, is closed.
const SUNDAY_NOON = new Date('2030-01-06T17:00:00.000Z');

/** The company's directory, as a host's provider of the caller hook: answers by the caller's number. */
@Injectable()
class CompanyDirectory implements IvrCallHooks {
  readonly asked: IncomingCall[] = [];
  readonly answers = new Map<string, CallerInfo | 'throw' | 'slow'>();

  async onIncomingCall(call: IncomingCall): Promise<CallerInfo | undefined> {
    this.asked.push(call);
    const answer = this.answers.get(call.from ?? '');
    if (answer === 'throw') throw new Error('CRM is down');
    if (answer === 'slow') {
      await sleep(BUDGET_MS * 5);
      return { callerName: 'Too Late' };
    }
    return answer;
  }
}

@Module({
  providers: [CompanyDirectory, { provide: IVR_CALL_HOOKS, useExisting: CompanyDirectory }],
  exports: [IVR_CALL_HOOKS],
})
class HostHooks {}

let numbers = 0;
const newCaller = (): string => `+1555777${String(++numbers).padStart(4, '0')}`;

async function callFrom(app: INestApplication, from: string): Promise<{ callSid: string; twiml: string; ms: number }> {
  const callSid = newCallSid();
  const started = Date.now();
  const response = await signedPost(
    app,
    '/voice/incoming',
    callParams(callSid, { CallStatus: 'ringing', From: from }),
  ).expect(200);
  return { callSid, twiml: response.text, ms: Date.now() - started };
}

async function hookFailures(app: INestApplication, reason: string): Promise<number> {
  const { values } = await app.get(MetricsService).callerHookFailures.get();
  return values.find((value) => value.labels.reason === reason)?.value ?? 0;
}

describe('the caller hook, in-process (e2e)', () => {
  const ctx = useTestApp({
    menu: 'beforeAll',
    imports: [HostHooks],
    systemTime: SUNDAY_NOON,
    config: { callerLookupTimeoutMs: BUDGET_MS },
  });
  let directory: CompanyDirectory;

  beforeAll(async () => {
    directory = ctx.app.get(CompanyDirectory);
    await setSchedule(ctx.app, ctx.menu.support.id, { closedAction: 'voicemail' });
  });

  it('greets a known caller by name, then plays the menu; the name and tags are on the session and in reports', async () => {
    const from = newCaller();
    directory.answers.set(from, { callerName: 'Ada Lovelace', greeting: 'Hello Ada, welcome back.', tags: ['vip'] });

    const { callSid, twiml } = await callFrom(ctx.app, from);

    expect(twiml).toMatch(/<Gather[^>]*><Say[^>]*>Hello Ada, welcome back\. /);
    expect(twiml).not.toContain('Thank you for calling.');
    expect(directory.asked.at(-1)).toMatchObject({ callSid, from, to: '+15559870000' });
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
      callerName: 'Ada Lovelace',
      tags: ['vip'],
      callerLookup: 'ok',
    });
    const detail = await viewerClient(ctx.app).get(`/admin/call-sessions/${callSid}`).expect(200);
    expect(detail.body).toMatchObject({ callerName: 'Ada Lovelace', tags: ['vip'], callerLookup: 'ok' });
  });

  it('sends a caller straight to the department the hook names, skipping the menu', async () => {
    const from = newCaller();
    directory.answers.set(from, { departmentId: ctx.menu.sales.id, greeting: 'Hi Bob.' });

    const { callSid, twiml } = await callFrom(ctx.app, from);

    expect(twiml).not.toContain('<Gather');
    expect(twiml).toMatch(/<Say[^>]*>Hi Bob\. [^<]*<\/Say><Dial[^>]*><Number>\+15555550101<\/Number><\/Dial>/);
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
      departmentId: ctx.menu.sales.id,
      dialTarget: 'department',
      dialedNumber: '+15555550101',
      callerLookup: 'ok',
    });
    const [routed] = await ctx.dataSource.query<{ data: { via: string } }[]>(
      `SELECT data FROM ivr.outbox WHERE call_sid = $1 AND type = 'call.routed'`,
      [callSid],
    );
    expect(routed.data.via).toBe('caller-hook');
  });

  it("honours a closed department's hours: its after-hours action, not a dial", async () => {
    const from = newCaller();
    directory.answers.set(from, { departmentId: ctx.menu.support.id });

    const { callSid, twiml } = await callFrom(ctx.app, from);

    expect(twiml).not.toContain('<Dial');
    expect(twiml).toContain('<Record');
    expect(twiml).toMatch(/Support is closed/);
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
      departmentId: ctx.menu.support.id,
      dialTarget: null,
    });
  });

  it.each([
    ['times out', 'slow' as const, 'timeout'],
    ['throws', 'throw' as const, 'error'],
    ['names an unknown department', { departmentId: '00000000-0000-4000-8000-00000000dead' }, 'unknown-department'],
  ])(
    'goes on with the normal menu, within the budget, when the hook %s; logged, counted, recorded',
    async (_case, answer, status) => {
      const from = newCaller();
      directory.answers.set(from, answer);
      const counted = await hookFailures(ctx.app, status);

      const { callSid, twiml, ms } = await callFrom(ctx.app, from);

      expect(twiml).toContain('<Gather');
      expect(twiml).toContain('Thank you for calling.');
      expect(ms).toBeLessThan(BUDGET_MS + 700);
      expect(await findSession(ctx.dataSource, callSid)).toMatchObject({
        callerLookup: status,
        callerName: null,
        departmentId: null,
      });
      expect(await hookFailures(ctx.app, status)).toBe(counted + 1);
    },
  );

  it('asks once per call: a retried first webhook gets its first answer', async () => {
    const from = newCaller();
    directory.answers.set(from, { callerName: 'Cy' });
    const callSid = newCallSid();
    const params = callParams(callSid, { CallStatus: 'ringing', From: from });
    const asked = directory.asked.length;

    const first = await signedPost(ctx.app, '/voice/incoming', params, { idempotencyToken: 'first-try' }).expect(200);
    const retry = await signedPost(ctx.app, '/voice/incoming', params, { idempotencyToken: 'first-try' }).expect(200);

    expect(retry.text).toBe(first.text);
    expect(directory.asked.length).toBe(asked + 1);
  });
});

describe('the caller hook over HTTP, as the standalone server calls CALLER_LOOKUP_URL (e2e)', () => {
  const lookup = new WebhookReceiver();
  const secret = generateWebhookSecret();
  lookup.secret = secret;
  // Before the app starts: its configuration names the receiver's port.
  beforeAll(async () => {
    await lookup.start();
  });
  const ctx = useTestApp({
    menu: 'beforeAll',
    config: {
      callerLookupTimeoutMs: BUDGET_MS,
      events: { allowHttp: true, allowedAddressRanges: ['127.0.0.1/32'] },
      get callerLookup() {
        return { url: lookup.url, secret };
      },
    },
  });

  afterAll(async () => {
    await lookup.stop();
  });

  it('posts the caller, signed, and greets with the answer', async () => {
    lookup.answer = () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ callerName: 'Dee', greeting: 'Welcome back, Dee.', tags: ['gold'] }),
    });
    const from = newCaller();

    const { callSid, twiml } = await callFrom(ctx.app, from);

    expect(twiml).toContain('Welcome back, Dee.');
    const [request] = lookup.received.filter((received) => received.body.includes(callSid));
    expect(request.verified).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({ type: 'call.incoming', data: { callSid, from } });
    expect(await findSession(ctx.dataSource, callSid)).toMatchObject({ callerName: 'Dee', tags: ['gold'] });
  });

  it('goes on with the menu within the budget when the service is slow or fails', async () => {
    lookup.answer = () => ({ status: 200, body: '{}', delayMs: BUDGET_MS * 5 });
    const slow = await callFrom(ctx.app, newCaller());
    lookup.answer = () => ({ status: 500 });
    const failing = await callFrom(ctx.app, newCaller());

    expect(slow.ms).toBeLessThan(BUDGET_MS + 700);
    for (const call of [slow, failing]) expect(call.twiml).toContain('Thank you for calling.');
    expect(await findSession(ctx.dataSource, slow.callSid)).toMatchObject({ callerLookup: 'timeout' });
    expect(await findSession(ctx.dataSource, failing.callSid)).toMatchObject({ callerLookup: 'error' });
  });
});
