import twilio from 'twilio';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { type BuiltServer, compileServer, startBuiltServer } from './helpers/built-server.js';
import { pollUntil } from './helpers/deadline.js';
import { insertStandardMenu } from './helpers/factories.js';
import {
  callParams,
  newCallSid,
  TEST_AUTH_TOKEN,
  TEST_PUBLIC_BASE_URL,
  type WebhookParams,
} from './helpers/test-app.js';
import { useTestDatabase } from './helpers/use-test-app.js';
import { WebhookReceiver } from './helpers/webhook-receiver.js';

const BUILD_DIR = '.test-build-events';
const ADMIN_SECRET = 'crash-test-admin-secret-0123';
const CALLS = 6;

async function webhook(server: BuiltServer, path: string, params: WebhookParams): Promise<void> {
  const signature = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${TEST_PUBLIC_BASE_URL}${path}`, params);
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params),
  });
  expect(response.status).toBe(200);
}

async function connectedCall(server: BuiltServer): Promise<string> {
  const callSid = newCallSid();
  await webhook(server, '/voice/incoming', callParams(callSid, { CallStatus: 'ringing' }));
  await webhook(server, '/voice/gather?round=1', callParams(callSid, { Digits: '1' }));
  await webhook(server, '/voice/dial-status', callParams(callSid, { DialCallStatus: 'completed' }));
  await webhook(server, '/voice/status', callParams(callSid, { CallStatus: 'completed', CallDuration: '20' }));
  return callSid;
}

describe('events survive a killed process (e2e)', () => {
  const database = useTestDatabase();
  const receiver = new WebhookReceiver();
  let dataSource: DataSource;
  const servers: BuiltServer[] = [];
  const env = (): Record<string, string> => ({
    DATABASE_URL: database.url,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    ADMIN_TOKENS: `ops:admin:${ADMIN_SECRET}`,
    WEBHOOKS_ALLOW_HTTP: 'true',
    WEBHOOKS_ALLOWED_RANGES: '127.0.0.1/32',
  });

  beforeAll(async () => {
    await compileServer(BUILD_DIR);
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    await insertStandardMenu(dataSource);
    await receiver.start();
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) if (server.process.exitCode === null) server.process.kill('SIGKILL');
    await receiver.stop();
    await dataSource.destroy();
  });

  it('delivers every event after a restart when the process was killed between the change and its delivery', async () => {
    const first = await startBuiltServer(BUILD_DIR, env());
    servers.push(first);
    const created = await fetch(`${first.baseUrl}/admin/webhook-endpoints`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_SECRET}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['call.started', 'call.routed', 'call.ended'] }),
    });
    receiver.secret = ((await created.json()) as { secret: string }).secret;
    // The receiver takes the first request and never answers: that delivery is on its way when the process dies.
    receiver.answer = () => 'hang';

    const calls = await Promise.all(Array.from({ length: CALLS }, () => connectedCall(first)));
    await pollUntil(
      () => Promise.resolve(receiver.received.length),
      (count) => count > 0,
      10_000,
    );
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));

    const events = await dataSource.query<{ id: string; callSid: string; sequence: number }[]>(
      `SELECT id, call_sid AS "callSid", sequence FROM ivr.outbox WHERE call_sid = ANY ($1) ORDER BY call_sid, sequence`,
      [calls],
    );
    // Every change wrote its events: nothing depended on the process that died.
    expect(events).toHaveLength(CALLS * 3);
    // The leases the killed process held run out after two minutes: moved to now, rather than waited for.
    await dataSource.query(`UPDATE ivr.event_deliveries SET leased_until = now() WHERE leased_until IS NOT NULL`);
    receiver.answer = () => ({ status: 200 });
    const arrivedBefore = receiver.received.length;

    servers.push(await startBuiltServer(BUILD_DIR, env()));

    const delivered = await pollUntil(
      () => Promise.resolve(new Set(receiver.received.slice(arrivedBefore).map((webhook) => webhook.id))),
      (ids) => events.every((event) => ids.has(event.id)),
      20_000,
    );
    expect(events.filter((event) => !delivered.has(event.id))).toEqual([]);
    expect(receiver.received.every((webhook) => webhook.verified)).toBe(true);
    for (const callSid of calls) {
      const after = receiver.ofCall(callSid).filter((webhook) => receiver.received.indexOf(webhook) >= arrivedBefore);
      const firstArrivals = [...new Map(after.map((webhook) => [webhook.id, webhook.payload.sequence])).values()];
      expect(firstArrivals).toEqual([...firstArrivals].sort());
    }
    const [{ pending }] = await pollUntil(
      () =>
        dataSource.query<{ pending: number }[]>(
          `SELECT count(*)::int AS pending FROM ivr.event_deliveries WHERE status <> 'delivered'`,
        ),
      ([row]) => row.pending === 0,
    );
    expect(pending).toBe(0);
  }, 120_000);
});
