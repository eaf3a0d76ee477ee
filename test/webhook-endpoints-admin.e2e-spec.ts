import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { adminClient, type AuditItem, viewerClient } from './helpers/admin-client.js';
import { newCallSid } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

const PATH = '/admin/webhook-endpoints';
const NEW_ENDPOINT = {
  url: 'https://hooks.example.com/ivr-events',
  eventTypes: ['call.ended', 'voicemail.recorded'],
  description: 'CRM sync',
};
const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{43}=$/;

interface Endpoint {
  id: string;
  secret: string;
  etag: string;
}

interface DeliveryFields {
  callSid?: string;
  status?: 'pending' | 'delivered' | 'failed';
  attempts?: number;
  lastStatusCode?: number | null;
  lastError?: string | null;
  deliveredAt?: Date | null;
  nextAttemptAt?: Date;
}

/** One event in the outbox and one delivery of it to the endpoint, as the dispatcher would have fanned it out. */
async function insertDelivery(
  dataSource: DataSource,
  endpointId: string,
  sequence: number,
  fields: DeliveryFields = {},
): Promise<string> {
  const eventId = randomUUID();
  const callSid = fields.callSid ?? newCallSid();
  const [{ position }] = await dataSource.query<{ position: string }[]>(
    `INSERT INTO ivr.outbox (id, type, call_sid, sequence, occurred_at, data)
     VALUES ($1, 'call.ended', $2, $3, now(), '{}') RETURNING position`,
    [eventId, callSid, sequence],
  );
  const [{ id }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO ivr.event_deliveries (event_id, subscriber, endpoint_id, order_key, event_position, status, attempts,
        next_attempt_at, leased_until, first_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at)
     VALUES ($1, 'endpoint:' || $2, $2::uuid, $3, $4, $5, $6, $7, now() + interval '1 minute',
        now() - interval '1 day', now(), $8, $9, $10)
     RETURNING id::text`,
    [
      eventId,
      endpointId,
      callSid,
      position,
      fields.status ?? 'failed',
      fields.attempts ?? 0,
      fields.nextAttemptAt ?? new Date('2030-01-01T00:00:00Z'),
      fields.lastStatusCode ?? null,
      fields.lastError ?? null,
      fields.deliveredAt ?? null,
    ],
  );
  return id;
}

/** Attempts 1..count of a delivery, a second apart: status 500 and "attempt n" as the error. */
async function insertAttempts(dataSource: DataSource, deliveryId: string, count: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO ivr.event_delivery_attempts (delivery_id, attempted_at, status_code, latency_ms, error)
     SELECT $1, timestamptz '2030-01-01T00:00:00Z' + n * interval '1 second', 500, 10 * n, 'attempt ' || n
       FROM generate_series(1, $2::int) AS n`,
    [deliveryId, count],
  );
}

describe('admin API: webhook endpoints (e2e)', () => {
  const ctx = useTestApp();

  async function createEndpoint(body: object = NEW_ENDPOINT): Promise<Endpoint> {
    const response = await adminClient(ctx.app).post(PATH, body).expect(201);
    return { id: response.body.id, secret: response.body.secret, etag: response.headers.etag };
  }

  const rotate = (id: string, ifMatch?: string) => {
    const pending = adminClient(ctx.app).post(`${PATH}/${id}/rotate-secret`, {});
    return ifMatch === undefined ? pending : pending.set('If-Match', ifMatch);
  };

  async function auditOf(entityId: string): Promise<AuditItem[]> {
    const response = await adminClient(ctx.app)
      .get(`/admin/audit-log?entity=webhook_endpoint&entityId=${entityId}`)
      .expect(200);
    return response.body.items as AuditItem[];
  }

  const fieldsOf = (body: { fields: { field: string; messages: string[] }[] }): Record<string, string[]> =>
    Object.fromEntries(body.fields.map((field) => [field.field, field.messages]));

  describe('create and read', () => {
    it('creates an endpoint (201, ETag, Location) and shows its generated secret this once', async () => {
      const response = await adminClient(ctx.app).post(PATH, NEW_ENDPOINT).expect(201);

      expect(response.body).toMatchObject({ ...NEW_ENDPOINT, active: true, previousSecretUntil: null, version: 1 });
      expect(response.body.secret).toMatch(SECRET_PATTERN);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`${PATH}/${response.body.id}`);
      expect(response.headers['cache-control']).toBe('no-store');
      const [row] = await ctx.dataSource.query('SELECT secret FROM ivr.webhook_endpoints WHERE id = $1', [
        response.body.id,
      ]);
      expect(row.secret).toBe(response.body.secret);
    });

    it('never shows a secret when reading one endpoint or the list', async () => {
      const { id, secret } = await createEndpoint();

      const one = await adminClient(ctx.app).get(`${PATH}/${id}`).expect(200);
      const list = await adminClient(ctx.app).get(PATH).expect(200);

      expect(one.headers.etag).toBe('"1"');
      expect(Object.keys(one.body).sort()).toEqual(
        [
          'id',
          'url',
          'description',
          'eventTypes',
          'active',
          'previousSecretUntil',
          'createdAt',
          'updatedAt',
          'version',
        ].sort(),
      );
      expect(list.body.find((endpoint: { id: string }) => endpoint.id === id)).toEqual(one.body);
      expect(JSON.stringify(one.body)).not.toContain(secret);
      expect(JSON.stringify(list.body)).not.toMatch(/whsec_|secret"/);
    });

    it('lists the newest first', async () => {
      const first = await createEndpoint({ ...NEW_ENDPOINT, description: 'older' });
      const second = await createEndpoint({ ...NEW_ENDPOINT, description: 'newer' });

      const list = await adminClient(ctx.app).get(PATH).expect(200);

      const ids = list.body.map((endpoint: { id: string }) => endpoint.id);
      expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    });

    it('takes active: false and no description', async () => {
      const response = await adminClient(ctx.app)
        .post(PATH, { url: NEW_ENDPOINT.url, eventTypes: ['call.started'], active: false })
        .expect(201);

      expect(response.body).toMatchObject({ active: false, description: null, eventTypes: ['call.started'] });
    });

    it('answers 404 for an unknown endpoint, and for an id that is no UUID', async () => {
      const unknown = await adminClient(ctx.app).get(`${PATH}/${randomUUID()}`).expect(404);
      expect(unknown.body.code).toBe('WEBHOOK_ENDPOINT.NOT_FOUND');
      await adminClient(ctx.app).get(`${PATH}/not-a-uuid`).expect(404);
    });
  });

  describe('validation', () => {
    it.each([
      [
        'an http URL (events.allowHttp is not set)',
        { url: 'http://hooks.example.com/ivr' },
        'url',
        'url must use https (http is allowed only when events.allowHttp is set, for development)',
      ],
      [
        'credentials in the URL',
        { url: 'https://user:pass@hooks.example.com/ivr' },
        'url',
        'url must not contain credentials (user:password@): requests are signed with the endpoint secret instead',
      ],
      [
        'a URL that is no URL',
        { url: 'hooks.example.com' },
        'url',
        'url must be an absolute URL such as https://example.com/ivr-events',
      ],
      ['another scheme', { url: 'ftp://hooks.example.com/ivr' }, 'url', 'url must be an https:// URL (not ftp:)'],
      [
        'an unknown event type',
        { eventTypes: ['call.ended', 'call.exploded'] },
        'eventTypes',
        'eventTypes must each be one of call.started, call.routed, call.ended, voicemail.recorded, ' +
          'voicemail.transcribed, call.failed, routing.changed',
      ],
      [
        'an empty list of event types',
        { eventTypes: [] },
        'eventTypes',
        'eventTypes must name at least one event type',
      ],
      [
        'a repeated event type',
        { eventTypes: ['call.ended', 'call.ended'] },
        'eventTypes',
        'eventTypes must not repeat an event type',
      ],
      [
        'a description with a line break',
        { description: 'one\ntwo' },
        'description',
        'description must be printable text without control characters',
      ],
    ])('refuses %s with 400 naming the field', async (_what, change, field, message) => {
      const before = await ctx.dataSource.query('SELECT count(*)::int AS n FROM ivr.webhook_endpoints');

      const response = await adminClient(ctx.app)
        .post(PATH, { ...NEW_ENDPOINT, ...change })
        .expect(400);

      expect(fieldsOf(response.body)[field]).toContain(message);
      expect(await ctx.dataSource.query('SELECT count(*)::int AS n FROM ivr.webhook_endpoints')).toEqual(before);
    });

    it('refuses a missing URL, a secret sent by the client and unknown fields', async () => {
      const response = await adminClient(ctx.app)
        .post(PATH, { eventTypes: ['call.ended'], secret: 'whsec_mine' })
        .expect(400);

      expect(Object.keys(fieldsOf(response.body)).sort()).toEqual(['secret', 'url']);
    });

    it('checks a new URL on PATCH too', async () => {
      const { id, etag } = await createEndpoint();

      const response = await adminClient(ctx.app)
        .patch(`${PATH}/${id}`, { url: 'http://hooks.example.com/ivr' }, etag)
        .expect(400);

      expect(response.body.code).toBe('WEBHOOK_ENDPOINT.INVALID_URL');
      expect(fieldsOf(response.body).url).toEqual([expect.stringMatching(/^url must use https/)]);
    });

    it('refuses null for a field that cannot be null on PATCH', async () => {
      const { id, etag } = await createEndpoint();

      const response = await adminClient(ctx.app).patch(`${PATH}/${id}`, { eventTypes: null }, etag).expect(400);

      expect(Object.keys(fieldsOf(response.body))).toEqual(['eventTypes']);
    });
  });

  describe('update, delete and rotate need a current If-Match', () => {
    it('updates url, eventTypes, description and active with the current ETag, and audits it', async () => {
      const { id, etag } = await createEndpoint();
      const change = {
        url: 'https://hooks.example.com/v2',
        eventTypes: ['call.started'],
        description: null,
        active: false,
      };

      const response = await adminClient(ctx.app).patch(`${PATH}/${id}`, change, etag).expect(200);

      expect(response.body).toMatchObject({ ...change, version: 2 });
      expect(response.headers.etag).toBe('"2"');
      const [entry] = await auditOf(id);
      expect(entry).toMatchObject({
        action: 'deactivate',
        entity: 'webhook_endpoint',
        before: { url: NEW_ENDPOINT.url, active: true, version: 1 },
        after: { ...change, version: 2 },
      });
    });

    it.each([
      [
        'PATCH',
        (id: string, ifMatch?: string) => adminClient(ctx.app).patch(`${PATH}/${id}`, { active: false }, ifMatch),
      ],
      ['DELETE', (id: string, ifMatch?: string) => adminClient(ctx.app).delete(`${PATH}/${id}`, ifMatch)],
      ['rotate-secret', (id: string, ifMatch?: string) => rotate(id, ifMatch)],
    ])('%s answers 428 without If-Match and 412 with a stale one, changing nothing', async (_route, send) => {
      const { id } = await createEndpoint();

      const missing = await send(id).expect(428);
      const stale = await send(id, '"7"').expect(412);

      expect(missing.body.code).toBe('PRECONDITION.REQUIRED');
      expect(stale.body).toMatchObject({ code: 'PRECONDITION.FAILED', currentEtag: '"1"' });
      await adminClient(ctx.app).get(`${PATH}/${id}`).expect(200).expect('ETag', '"1"');
      expect(await auditOf(id)).toHaveLength(1);
    });

    it('deletes with the current ETag (204), its deliveries and their attempts with it', async () => {
      const { id, etag } = await createEndpoint();
      const deliveryId = await insertDelivery(ctx.dataSource, id, 1);
      await insertAttempts(ctx.dataSource, deliveryId, 2);

      await adminClient(ctx.app).delete(`${PATH}/${id}`, etag).expect(204);

      await adminClient(ctx.app).get(`${PATH}/${id}`).expect(404);
      const [counts] = await ctx.dataSource.query(
        `SELECT (SELECT count(*)::int FROM ivr.event_deliveries WHERE id = $1) AS deliveries,
                (SELECT count(*)::int FROM ivr.event_delivery_attempts WHERE delivery_id = $1) AS attempts`,
        [deliveryId],
      );
      expect(counts).toEqual({ deliveries: 0, attempts: 0 });
      const [entry] = await auditOf(id);
      expect(entry).toMatchObject({ action: 'delete', before: { id, url: NEW_ENDPOINT.url }, after: null });
    });

    it('rotates the secret: a new one shown once, the previous one kept for 24 hours', async () => {
      const { id, secret, etag } = await createEndpoint();

      const response = await rotate(id, etag).expect(200);

      expect(response.body.secret).toMatch(SECRET_PATTERN);
      expect(response.body.secret).not.toBe(secret);
      expect(response.headers.etag).toBe('"2"');
      expect(response.headers['cache-control']).toBe('no-store');
      const [row] = await ctx.dataSource.query(
        `SELECT secret, previous_secret AS "previousSecret", previous_secret_until AS "until",
                extract(epoch FROM previous_secret_until - updated_at)::int AS "keptSeconds"
           FROM ivr.webhook_endpoints WHERE id = $1`,
        [id],
      );
      expect(row).toMatchObject({ secret: response.body.secret, previousSecret: secret, keptSeconds: 24 * 60 * 60 });
      expect(response.body.previousSecretUntil).toBe(row.until.toISOString());
      const read = await adminClient(ctx.app).get(`${PATH}/${id}`).expect(200);
      expect(read.body.previousSecretUntil).toBe(row.until.toISOString());
      expect(read.body.version).toBe(2);
      expect(new Date(read.body.updatedAt).getTime()).toBeGreaterThan(new Date(read.body.createdAt).getTime());
      expect(JSON.stringify(read.body)).not.toMatch(/whsec_/);
    });
  });

  describe('roles', () => {
    it('lets a viewer read endpoints and deliveries', async () => {
      const { id } = await createEndpoint();

      await viewerClient(ctx.app).get(PATH).expect(200);
      await viewerClient(ctx.app).get(`${PATH}/${id}`).expect(200);
      await viewerClient(ctx.app).get(`${PATH}/${id}/deliveries`).expect(200);
    });

    it('answers 403 when a viewer writes, and changes nothing', async () => {
      const { id } = await createEndpoint();
      const deliveryId = await insertDelivery(ctx.dataSource, id, 1);
      const before = await ctx.dataSource.query('SELECT * FROM ivr.webhook_endpoints ORDER BY id');
      const viewer = viewerClient(ctx.app);

      const create = await viewer.post(PATH, NEW_ENDPOINT).expect(403);
      await viewer.patch(`${PATH}/${id}`, { active: false }, '*').expect(403);
      await viewer.post(`${PATH}/${id}/rotate-secret`, {}).set('If-Match', '*').expect(403);
      await viewer.post(`${PATH}/${id}/deliveries/${deliveryId}/resend`, {}).expect(403);
      await viewer.delete(`${PATH}/${id}`, '*').expect(403);

      expect(create.body.message).toMatch(/viewer role/);
      expect(await ctx.dataSource.query('SELECT * FROM ivr.webhook_endpoints ORDER BY id')).toEqual(before);
      const [delivery] = await ctx.dataSource.query('SELECT status FROM ivr.event_deliveries WHERE id = $1', [
        deliveryId,
      ]);
      expect(delivery.status).toBe('failed');
    });

    it('answers 401 without a token', async () => {
      await request(ctx.app.getHttpServer()).get(PATH).expect(401);
      await request(ctx.app.getHttpServer()).post(PATH).send(NEW_ENDPOINT).expect(401);
    });
  });

  describe('deliveries', () => {
    it('lists deliveries newest first with their latest attempts, page by page', async () => {
      const { id } = await createEndpoint();
      const other = await createEndpoint();
      const callSid = newCallSid();
      const oldest = await insertDelivery(ctx.dataSource, id, 1, {
        callSid,
        status: 'failed',
        attempts: 12,
        lastStatusCode: 500,
        lastError: 'attempt 12',
      });
      await insertAttempts(ctx.dataSource, oldest, 12);
      const delivered = await insertDelivery(ctx.dataSource, id, 2, {
        callSid,
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 204,
        deliveredAt: new Date('2030-01-01T00:00:01Z'),
      });
      const newest = await insertDelivery(ctx.dataSource, id, 3, { callSid, status: 'pending' });
      await insertDelivery(ctx.dataSource, other.id, 4);

      const first = await adminClient(ctx.app).get(`${PATH}/${id}/deliveries?limit=2`).expect(200);
      const second = await adminClient(ctx.app)
        .get(`${PATH}/${id}/deliveries?limit=2&cursor=${first.body.nextCursor}`)
        .expect(200);

      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([newest, delivered]);
      expect(first.body.nextCursor).toBe(delivered);
      expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([oldest]);
      expect(second.body.nextCursor).toBeNull();
      expect(first.body.items[1]).toMatchObject({
        eventType: 'call.ended',
        callSid,
        sequence: 2,
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 204,
        lastError: null,
        deliveredAt: '2030-01-01T00:00:01.000Z',
        attemptsLog: [],
      });
      const [failed] = second.body.items;
      expect(failed).toMatchObject({ status: 'failed', attempts: 12, lastStatusCode: 500, lastError: 'attempt 12' });
      expect(failed.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(failed.attemptsLog).toHaveLength(10);
      expect(failed.attemptsLog[0]).toEqual({
        attemptedAt: '2030-01-01T00:00:03.000Z',
        statusCode: 500,
        latencyMs: 30,
        error: 'attempt 3',
      });
      expect(failed.attemptsLog[9].error).toBe('attempt 12');
    });

    it('filters by status', async () => {
      const { id } = await createEndpoint();
      const failed = await insertDelivery(ctx.dataSource, id, 1, { status: 'failed' });
      await insertDelivery(ctx.dataSource, id, 2, { status: 'delivered' });

      const response = await adminClient(ctx.app).get(`${PATH}/${id}/deliveries?status=failed`).expect(200);

      expect(response.body).toEqual({ items: [expect.objectContaining({ id: failed })], nextCursor: null });
    });

    it.each([
      ['status=lost', 'status must be one of pending, delivered, failed'],
      ['limit=0', 'limit must be an integer between 1 and 100'],
      ['limit=101', 'limit must be an integer between 1 and 100'],
      ['cursor=abc', 'cursor must be the nextCursor of a previous page'],
      ['cursor=9999999999999999999', 'cursor must be the nextCursor of a previous page'],
    ])('answers 400 for %s', async (query, message) => {
      const { id } = await createEndpoint();

      const response = await adminClient(ctx.app).get(`${PATH}/${id}/deliveries?${query}`).expect(400);

      expect(response.body.message).toEqual([message]);
    });

    it('answers 404 for the deliveries of an unknown endpoint', async () => {
      const response = await adminClient(ctx.app).get(`${PATH}/${randomUUID()}/deliveries`).expect(404);

      expect(response.body.code).toBe('WEBHOOK_ENDPOINT.NOT_FOUND');
    });
  });

  describe('resend', () => {
    it('queues a failed delivery again (202): pending, due now, free, with a fresh retry window and backoff; audited', async () => {
      const { id } = await createEndpoint();
      const deliveryId = await insertDelivery(ctx.dataSource, id, 1, { status: 'failed', attempts: 3 });
      await insertAttempts(ctx.dataSource, deliveryId, 3);

      const response = await adminClient(ctx.app).post(`${PATH}/${id}/deliveries/${deliveryId}/resend`, {}).expect(202);

      // Attempts count again from the first (the backoff doubles with them); the log keeps the earlier ones.
      expect(response.body).toMatchObject({ id: deliveryId, status: 'pending', attempts: 0 });
      expect(response.body.attemptsLog).toHaveLength(3);
      const [row] = await ctx.dataSource.query(
        `SELECT status, leased_until AS "leasedUntil", first_attempt_at AS "firstAttemptAt",
                next_attempt_at <= now() AS "due"
           FROM ivr.event_deliveries WHERE id = $1`,
        [deliveryId],
      );
      expect(row).toEqual({ status: 'pending', leasedUntil: null, firstAttemptAt: null, due: true });
      const [entry] = await auditOf(id);
      expect(entry).toMatchObject({
        action: 'resend_delivery',
        before: { delivery: { id: deliveryId, status: 'failed' } },
        after: { delivery: { id: deliveryId, status: 'pending' } },
      });
    });

    it('queues a delivered delivery again', async () => {
      const { id } = await createEndpoint();
      const deliveryId = await insertDelivery(ctx.dataSource, id, 1, {
        status: 'delivered',
        deliveredAt: new Date('2030-01-01T00:00:00Z'),
      });

      const response = await adminClient(ctx.app).post(`${PATH}/${id}/deliveries/${deliveryId}/resend`, {}).expect(202);

      expect(response.body).toMatchObject({ status: 'pending', deliveredAt: null });
    });

    it('answers 409 for a delivery that is still pending, and leaves it alone', async () => {
      const { id } = await createEndpoint();
      const nextAttemptAt = new Date('2030-06-01T00:00:00Z');
      const deliveryId = await insertDelivery(ctx.dataSource, id, 1, { status: 'pending', nextAttemptAt });

      const response = await adminClient(ctx.app).post(`${PATH}/${id}/deliveries/${deliveryId}/resend`, {}).expect(409);

      expect(response.body.code).toBe('WEBHOOK_DELIVERY.STILL_PENDING');
      expect(response.body.message).toMatch(/still pending: it is retried automatically/);
      const [row] = await ctx.dataSource.query(
        'SELECT next_attempt_at AS "nextAttemptAt", leased_until IS NOT NULL AS "leased" FROM ivr.event_deliveries WHERE id = $1',
        [deliveryId],
      );
      expect(row).toEqual({ nextAttemptAt, leased: true });
      expect((await auditOf(id)).map((entry) => entry.action)).toEqual(['create']);
    });

    it("answers 404 for an unknown delivery, another endpoint's delivery and an unknown endpoint", async () => {
      const { id } = await createEndpoint();
      const other = await createEndpoint();
      const othersDelivery = await insertDelivery(ctx.dataSource, other.id, 1);
      const resend = (endpointId: string, deliveryId: string) =>
        adminClient(ctx.app).post(`${PATH}/${endpointId}/deliveries/${deliveryId}/resend`, {});

      const unknown = await resend(id, '999999').expect(404);
      await resend(id, othersDelivery).expect(404);
      await resend(id, 'not-a-number').expect(404);
      const noEndpoint = await resend(randomUUID(), othersDelivery).expect(404);

      expect(unknown.body.code).toBe('WEBHOOK_DELIVERY.NOT_FOUND');
      expect(noEndpoint.body.code).toBe('WEBHOOK_ENDPOINT.NOT_FOUND');
    });
  });

  it('audits every change without a secret anywhere in the log', async () => {
    const { id, secret, etag } = await createEndpoint();
    const patched = await adminClient(ctx.app).patch(`${PATH}/${id}`, { description: 'renamed' }, etag).expect(200);
    const rotated = await rotate(id, patched.headers.etag).expect(200);
    const deliveryId = await insertDelivery(ctx.dataSource, id, 1);
    await adminClient(ctx.app).post(`${PATH}/${id}/deliveries/${deliveryId}/resend`, {}).expect(202);
    await adminClient(ctx.app).delete(`${PATH}/${id}`, rotated.headers.etag).expect(204);

    const entries = await auditOf(id);

    expect(entries.map((entry) => entry.action)).toEqual([
      'delete',
      'resend_delivery',
      'rotate_secret',
      'update',
      'create',
    ]);
    expect(entries.every((entry) => entry.actor === 'alice' && entry.role === 'admin')).toBe(true);
    const log = await ctx.dataSource.query<{ row: string }[]>(
      'SELECT to_jsonb(entry)::text AS row FROM ivr.audit_log entry',
    );
    const everything = log.map((entry) => entry.row).join('\n');
    expect(everything).toContain(id);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(rotated.body.secret);
    expect(everything).not.toMatch(/whsec_/);
  });

  it('describes the routes in OpenAPI, with If-Match on the writes that need it', async () => {
    const response = await request(ctx.app.getHttpServer()).get('/docs-json').expect(200);
    const paths = response.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;

    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        PATH,
        `${PATH}/{id}`,
        `${PATH}/{id}/rotate-secret`,
        `${PATH}/{id}/deliveries`,
        `${PATH}/{id}/deliveries/{deliveryId}/resend`,
      ]),
    );
    for (const [path, method] of [
      [`${PATH}/{id}`, 'patch'],
      [`${PATH}/{id}`, 'delete'],
      [`${PATH}/{id}/rotate-secret`, 'post'],
    ]) {
      expect(Object.keys(paths[path][method].responses)).toEqual(expect.arrayContaining(['400', '412', '428']));
    }
  });
});
