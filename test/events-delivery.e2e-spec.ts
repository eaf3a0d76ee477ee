import { Injectable, Module, type INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type IvrEvent, IVR_EVENT_TYPES, OnIvrEvent } from '../src/index.js';
import { adminClient } from './helpers/admin-client.js';
import { answer, startCall } from './helpers/calls.js';
import { pollUntil } from './helpers/deadline.js';
import { SALES } from './helpers/factories.js';
import { callParams, signedPost } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';
import { WebhookReceiver } from './helpers/webhook-receiver.js';

/** Every event, as a host's in-process handler gets it. */
@Injectable()
class EventLog {
  readonly events: IvrEvent[] = [];

  @OnIvrEvent()
  record(event: IvrEvent): void {
    this.events.push(event);
  }
}

/** A host's CRM sync that fails twice for each event before it takes it. */
@Injectable()
class FlakyCrm {
  readonly tries = new Map<string, number>();
  readonly accepted: IvrEvent[] = [];

  @OnIvrEvent('call.ended')
  sync(event: IvrEvent): void {
    const tries = (this.tries.get(event.id) ?? 0) + 1;
    this.tries.set(event.id, tries);
    if (tries < 3) throw new Error('CRM unavailable');
    this.accepted.push(event);
  }
}

@Module({ providers: [EventLog, FlakyCrm] })
class HostHandlers {}

const EVENTS = {
  allowHttp: true,
  allowedAddressRanges: ['127.0.0.1/32'],
  pollIntervalMs: 50,
  retryBaseDelayMs: 100,
  maxRetryDelayMs: 400,
  requestTimeoutMs: 1000,
};

const ALL_TYPES: readonly string[] = IVR_EVENT_TYPES;

async function createEndpoint(
  app: INestApplication,
  url: string,
  eventTypes = ALL_TYPES,
): Promise<{ id: string; secret: string }> {
  const response = await adminClient(app).post('/admin/webhook-endpoints', { url, eventTypes }).expect(201);
  return response.body as { id: string; secret: string };
}

const post = (app: INestApplication, path: string, callSid: string, params: Record<string, string>) =>
  signedPost(app, path, callParams(callSid, params)).expect(200);

const ended = (app: INestApplication, callSid: string) =>
  post(app, '/voice/status', callSid, { CallStatus: 'completed', CallDuration: '45' });

/** A call put through to Sales, which answers. */
async function connectedCall(app: INestApplication): Promise<string> {
  const { callSid } = await startCall(app);
  await answer(app, callSid, 1, { Digits: SALES.digit });
  await post(app, '/voice/dial-status', callSid, { DialCallStatus: 'completed', DialCallDuration: '30' });
  await ended(app, callSid);
  return callSid;
}

/** A call to Sales nobody answers: a voicemail, transcribed after the call ended. */
async function voicemailCall(app: INestApplication): Promise<string> {
  const { callSid } = await startCall(app);
  await answer(app, callSid, 1, { Digits: SALES.digit });
  await post(app, '/voice/dial-status', callSid, { DialCallStatus: 'no-answer' });
  await post(app, '/voice/recording', callSid, {
    RecordingSid: 'RE00000000000000000000000000000001',
    RecordingUrl: 'https://api.twilio.com/recordings/RE1',
    RecordingDuration: '12',
    RecordingStatus: 'completed',
  });
  await ended(app, callSid);
  await post(app, '/voice/transcription', callSid, {
    TranscriptionSid: 'TR00000000000000000000000000000001',
    TranscriptionText: 'Please call me back.',
    TranscriptionStatus: 'completed',
    RecordingSid: 'RE00000000000000000000000000000001',
  });
  return callSid;
}

/** A call Twilio could not complete: its fallback URL reports the error. */
async function failedCall(app: INestApplication): Promise<string> {
  const { callSid } = await startCall(app);
  await post(app, '/voice/fallback', callSid, {
    ErrorCode: '11200',
    ErrorUrl: 'https://ivr.example.test/voice/gather',
  });
  await ended(app, callSid);
  return callSid;
}

async function deliveriesOf(dataSource: DataSource, endpointId: string): Promise<{ status: string; count: number }[]> {
  return dataSource.query(
    `SELECT status, count(*)::int AS count FROM ivr.event_deliveries WHERE endpoint_id = $1 GROUP BY status ORDER BY status`,
    [endpointId],
  );
}

const typesIn = (events: { type: string }[]): string[] => events.map((event) => event.type);

describe('events: written with their change, delivered at least once, in order per call (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll', imports: [HostHandlers], config: { events: EVENTS } });
  const receiver = new WebhookReceiver();
  let endpoint: { id: string; secret: string };

  beforeAll(async () => {
    await receiver.start();
    endpoint = await createEndpoint(ctx.app, receiver.url);
    receiver.secret = endpoint.secret;
  });

  afterAll(async () => {
    await receiver.stop();
  });

  it("delivers each event of the real call flow to the endpoint and to the host's handlers, numbered per call, in order, signed", async () => {
    const connected = await connectedCall(ctx.app);
    const voicemail = await voicemailCall(ctx.app);
    const failed = await failedCall(ctx.app);
    const expected = {
      [connected]: ['call.started', 'call.routed', 'call.ended'],
      [voicemail]: ['call.started', 'call.routed', 'voicemail.recorded', 'call.ended', 'voicemail.transcribed'],
      [failed]: ['call.started', 'call.failed', 'call.ended'],
    };
    const log = ctx.app.get(EventLog);

    await pollUntil(
      () => Promise.resolve(receiver.received.length),
      () => Object.entries(expected).every(([callSid, types]) => receiver.ofCall(callSid).length >= types.length),
      10_000,
    );

    for (const [callSid, types] of Object.entries(expected)) {
      const webhooks = receiver.ofCall(callSid);
      expect(typesIn(webhooks.map((webhook) => webhook.payload))).toEqual(types);
      expect(webhooks.map((webhook) => webhook.payload.sequence)).toEqual(types.map((_, index) => index + 1));
      expect(webhooks.every((webhook) => webhook.verified)).toBe(true);
      // The message id is the event id: receivers dedupe on it.
      expect(webhooks.map((webhook) => webhook.id)).toEqual(webhooks.map((webhook) => webhook.payload.id));
      const handled = await pollUntil(
        () => Promise.resolve(log.events.filter((event) => event.callSid === callSid)),
        (events) => events.length >= types.length,
      );
      expect(typesIn(handled)).toEqual(types);
    }
    const [connectedEnd] = receiver.ofCall(connected).filter((webhook) => webhook.payload.type === 'call.ended');
    expect(connectedEnd.payload.data).toMatchObject({
      outcome: 'connected',
      departmentId: ctx.menu.sales.id,
      dialTarget: 'department',
      attempts: 1,
      failedAttempts: 0,
      durationSeconds: 45,
      dialDurationSeconds: 30,
      from: '+15551230123',
      tags: [],
    });
    const [routed] = receiver.ofCall(connected).filter((webhook) => webhook.payload.type === 'call.routed');
    expect(routed.payload.data).toMatchObject({ target: 'department', departmentId: ctx.menu.sales.id, via: 'menu' });
    const recorded = receiver.ofCall(voicemail).find((webhook) => webhook.payload.type === 'voicemail.recorded');
    expect(recorded?.payload.data).toMatchObject({
      recordingSid: 'RE00000000000000000000000000000001',
      recordingUrl: 'https://api.twilio.com/recordings/RE1',
      durationSeconds: 12,
      departmentId: ctx.menu.sales.id,
      from: '+15551230123',
    });
    const transcribed = receiver.ofCall(voicemail).find((webhook) => webhook.payload.type === 'voicemail.transcribed');
    expect(transcribed?.payload.data).toMatchObject({ text: 'Please call me back.', status: 'completed' });
    const callFailed = receiver.ofCall(failed).find((webhook) => webhook.payload.type === 'call.failed');
    expect(callFailed?.payload.data).toMatchObject({ errorCode: '11200' });
  });

  it('writes each event in the statement of its change: the outbox and the sessions agree, a retried webhook adds none', async () => {
    const callSid = await connectedCall(ctx.app);
    // Twilio retries the final status with the same idempotency token, and sends another with a new one.
    await signedPost(ctx.app, '/voice/status', callParams(callSid, { CallStatus: 'completed', CallDuration: '45' }), {
      idempotencyToken: 'retry-1',
    }).expect(200);
    await signedPost(ctx.app, '/voice/status', callParams(callSid, { CallStatus: 'completed', CallDuration: '45' }), {
      idempotencyToken: 'retry-1',
    }).expect(200);

    const [row] = await ctx.dataSource.query<{ eventCount: number; outboxed: number; sequences: number[] }[]>(
      `SELECT s.event_count AS "eventCount", count(o.id)::int AS outboxed, array_agg(o.sequence ORDER BY o.sequence) AS sequences
         FROM ivr.call_sessions s JOIN ivr.outbox o ON o.call_sid = s.call_sid WHERE s.call_sid = $1 GROUP BY s.event_count`,
      [callSid],
    );
    expect(row).toEqual({ eventCount: 3, outboxed: 3, sequences: [1, 2, 3] });
  });

  it('tells of admin changes with routing.changed and the actor; a refused change tells nothing', async () => {
    const before = receiver.received.filter((webhook) => webhook.payload.type === 'routing.changed').length;
    const { sales } = ctx.menu;
    const current = await adminClient(ctx.app).get(`/admin/departments/${sales.id}`).expect(200);
    await adminClient(ctx.app)
      .patch(`/admin/departments/${sales.id}`, { position: 7 })
      .set('If-Match', current.headers.etag)
      .expect(200);
    // A stale version: refused, so neither the change nor its event is written.
    await adminClient(ctx.app)
      .patch(`/admin/departments/${sales.id}`, { position: 8 })
      .set('If-Match', current.headers.etag)
      .expect(412);

    const changes = await pollUntil(
      () => Promise.resolve(receiver.received.filter((webhook) => webhook.payload.type === 'routing.changed')),
      (found) => found.length > before,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((webhook) => webhook.payload.type === 'routing.changed')).toHaveLength(before + 1);
    expect(changes.at(-1)?.payload).toMatchObject({
      callSid: null,
      sequence: null,
      data: {
        entityType: 'department',
        entityId: sales.id,
        action: 'update',
        actor: { name: 'alice', role: 'admin' },
        after: { position: 7 },
      },
    });
  });

  it('retries a handler that throws, with backoff, without holding back the other handlers', async () => {
    const callSid = await connectedCall(ctx.app);
    const crm = ctx.app.get(FlakyCrm);
    const log = ctx.app.get(EventLog);

    const accepted = await pollUntil(
      () => Promise.resolve(crm.accepted.filter((event) => event.callSid === callSid)),
      (events) => events.length === 1,
      5000,
    );

    expect(typesIn(accepted)).toEqual(['call.ended']);
    expect(crm.tries.get(accepted[0].id)).toBe(3);
    // The other handler had the call's events long before the third try.
    expect(typesIn(log.events.filter((event) => event.callSid === callSid))).toEqual([
      'call.started',
      'call.routed',
      'call.ended',
    ]);
    // Each try recorded (the results are written in batches, just after).
    const attempts = await pollUntil(
      () =>
        ctx.dataSource.query<{ errors: (string | null)[] }[]>(
          `SELECT array_agg(a.error ORDER BY a.id) AS errors
             FROM ivr.event_deliveries d JOIN ivr.event_delivery_attempts a ON a.delivery_id = d.id
            WHERE d.event_id = $1 AND d.subscriber = 'handler:FlakyCrm.sync'`,
          [accepted[0].id],
        ),
      ([row]) => row.errors.length === 3,
    );
    expect(attempts[0].errors).toEqual(['Error: CRM unavailable', 'Error: CRM unavailable', null]);
  });

  it('gets every event to an endpoint that was down for a while, in order per call, once it is back', async () => {
    await receiver.stop();
    const calls = await Promise.all([connectedCall(ctx.app), voicemailCall(ctx.app), connectedCall(ctx.app)]);
    // Tried and failed while the receiver was down (connection refused), then retried.
    await pollUntil(
      () =>
        ctx.dataSource.query<{ tried: number }[]>(
          `SELECT count(*)::int AS tried FROM ivr.event_deliveries WHERE endpoint_id = $1 AND last_error IS NOT NULL AND status = 'pending'`,
          [endpoint.id],
        ),
      ([{ tried }]) => tried > 0,
      5000,
    );

    await receiver.start();

    for (const callSid of calls) {
      const webhooks = await pollUntil(
        () => Promise.resolve(receiver.ofCall(callSid)),
        (found) => found.length >= (callSid === calls[1] ? 5 : 3),
        10_000,
      );
      const sequences = webhooks.map((webhook) => webhook.payload.sequence);
      expect(sequences).toEqual([...sequences].sort((left, right) => (left ?? 0) - (right ?? 0)));
      expect(new Set(sequences).size).toBe(sequences.length);
    }
    expect(await deliveriesOf(ctx.dataSource, endpoint.id)).not.toContainEqual(
      expect.objectContaining({ status: 'failed' }),
    );
  });

  it('keeps each call in order when the endpoint fails at random (503, 429 with Retry-After)', async () => {
    let answered = 0;
    receiver.answer = () => {
      answered += 1;
      if (answered % 3 === 0) return { status: 503 };
      if (answered % 5 === 0) return { status: 429, headers: { 'Retry-After': '0' } };
      return { status: 200 };
    };
    try {
      const calls = await Promise.all(Array.from({ length: 8 }, () => connectedCall(ctx.app)));
      for (const callSid of calls) {
        const delivered = await pollUntil(
          () => Promise.resolve(receiver.ofCall(callSid)),
          (found) => new Set(found.map((webhook) => webhook.id)).size >= 3,
          10_000,
        );
        // Each event is delivered after the one before it was (a failed try is repeated before the next is sent).
        const firstArrivals = [...new Map(delivered.map((webhook) => [webhook.id, webhook.payload.sequence])).values()];
        expect(firstArrivals).toEqual([1, 2, 3]);
      }
    } finally {
      receiver.answer = () => ({ status: 200 });
    }
  });

  it('a slow endpoint times out and holds back neither the webhooks nor another endpoint', async () => {
    const slow = new WebhookReceiver();
    slow.answer = () => 'hang';
    await slow.start();
    const slowEndpoint = await createEndpoint(ctx.app, slow.url, ['call.started']);
    slow.secret = slowEndpoint.secret;
    try {
      const started = Date.now();
      const callSid = await connectedCall(ctx.app);
      const webhookMs = Date.now() - started;
      const fast = await pollUntil(
        () => Promise.resolve(receiver.ofCall(callSid)),
        (found) => found.length >= 3,
        5000,
      );
      expect(fast).toHaveLength(3);
      expect(webhookMs).toBeLessThan(1000);
      const [attempt] = await pollUntil(
        () =>
          ctx.dataSource.query<{ error: string | null }[]>(
            `SELECT a.error FROM ivr.event_delivery_attempts a JOIN ivr.event_deliveries d ON d.id = a.delivery_id
              WHERE d.endpoint_id = $1`,
            [slowEndpoint.id],
          ),
        (rows) => rows.length > 0,
        5000,
      );
      expect(attempt.error).toMatch(/timed out after 1000 ms/);
    } finally {
      await adminClient(ctx.app).delete(`/admin/webhook-endpoints/${slowEndpoint.id}`).set('If-Match', '*').expect(204);
      await slow.stop();
    }
  });
});

describe('events: two instances deliver each event once (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll', instances: 2, config: { events: EVENTS } });
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    receiver.secret = (await createEndpoint(ctx.app, receiver.url)).secret;
  });

  afterAll(async () => {
    await receiver.stop();
  });

  it('shares the work without sending an event twice', async () => {
    const calls = await Promise.all(Array.from({ length: 20 }, (_, index) => connectedCall(ctx.apps[index % 2])));
    const [{ events }] = await ctx.dataSource.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM ivr.outbox`,
    );

    await pollUntil(
      () => Promise.resolve(receiver.received.length),
      (count) => count >= events,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const ids = receiver.received.map((webhook) => webhook.id);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
    for (const callSid of calls)
      expect(receiver.ofCall(callSid).map((webhook) => webhook.payload.sequence)).toEqual([1, 2, 3]);
  });
});
