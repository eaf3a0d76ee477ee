import type { INestApplication } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../src/common/free-port.js';
import { CallSimulator } from '../../src/simulator/call-simulator.js';
import { migrations } from '../../migrations/index.js';
import { useEmptyDatabase, tablesIn } from '../helpers/migrations.js';
import { TEST_DATA_PARENT } from '../helpers/test-data-dir.js';
import { withClient } from '../helpers/test-database.js';
import { launchChromium, openConsole, waitForText } from '../helpers/console-browser.js';
import { companyAppModule, CompanyLogger, type CompanySettings } from './company-app.js';

const TWILIO_TOKEN = 'company-twilio-token-0123456789';
const ALICE = { 'X-Company-Session': 'session-alice' };
const VICTOR = { 'X-Company-Session': 'session-victor' };

/** Two ways a company may have set up body parsing: Nest's default parsers, or none but its own JSON one. */
const BODY_PARSING = [
  { name: "Nest's default body parsers (urlencoded extended: true)", bodyParser: true },
  { name: 'bodyParser: false, with only a JSON parser of its own', bodyParser: false },
] as const;

describe.each(BODY_PARSING)('the IVR inside a company backend: $name (e2e)', ({ bodyParser }) => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'host');
  let app: INestApplication;
  let logger: CompanyLogger;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    logger = new CompanyLogger();
    const module = companyAppModule({
      databaseUrl: database.url,
      publicBaseUrl: base,
      twilioAuthToken: TWILIO_TOKEN,
      spoolDir: join(inject('testDataRoot') ?? join(TEST_DATA_PARENT, 'host'), randomUUID(), 'spool'),
    });
    const express = await NestFactory.create<NestExpressApplication>(module, { bodyParser, logger });
    if (!bodyParser) express.useBodyParser('json');
    express.use(helmet());
    express.setGlobalPrefix('api');
    // The company's own global pipe, with options unlike the IVR's strict one.
    express.useGlobalPipes(new ValidationPipe({ errorHttpStatusCode: 422 }));
    app = await express.listen(port, '127.0.0.1').then(() => express);
  });

  afterAll(async () => {
    await app?.close();
  });

  const admin = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${base}/api/ivr-admin${path}`, init);

  it('runs a whole call through the simulator on the prefixed, signed URLs', async () => {
    const lines: string[] = [];
    const call = await new CallSimulator({
      script: {
        url: `${base}/api`,
        from: '+15551230123',
        to: '+15559870000',
        inputs: [],
        dialResults: ['completed'],
      },
      authToken: TWILIO_TOKEN,
      publicBaseUrl: base,
      print: (line) => lines.push(line),
    }).run();
    // The fresh IVR schema has no departments: three silences end at the operator or a voicemail; either way
    // the call went through every webhook under /api and was stored.
    const stored = await admin(`/call-sessions/${call.callSid}`, { headers: ALICE });
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { callSid: string }).callSid).toBe(call.callSid);
    expect(lines.join('\n')).not.toMatch(/HTTP 4\d\d|HTTP 5\d\d/);
    // The IVR's log lines reach the company's logger.
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ context: 'CallFlowService', event: 'call.incoming' }),
    );
  });

  it("serves the console at the company's path, signed in by the company's own session cookie", async () => {
    const browser = await launchChromium();
    try {
      const tab = await openConsole(browser, `${base}/api/ivr-console/`, undefined, [
        { name: 'company_session', value: 'session-victor' },
      ]);
      // No sign-in form: the company's session says who this is, and the viewer cannot sign out of it here.
      await waitForText(tab.page, '.who', 'Victor Viewer');
      await waitForText(tab.page, '.role', 'viewer');
      expect(await tab.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      const page = await fetch(`${base}/api/ivr-console/`);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await page.text()).toContain('<meta name="ivr-admin-base" content="../ivr-admin"');
      expect(tab.problems).toEqual([]);
      await tab.close();
    } finally {
      await browser.close();
    }
  });

  it("protects the admin API with the company's sessions and records the company's user in the audit log", async () => {
    expect((await admin('/departments')).status).toBe(401);
    const body = JSON.stringify({ name: 'Sales', digit: '1', keywords: ['sales'], phoneNumber: '+15555550101' });
    const json = { 'Content-Type': 'application/json' };
    expect((await admin('/departments', { method: 'POST', headers: { ...VICTOR, ...json }, body })).status).toBe(403);
    const created = await admin('/departments', { method: 'POST', headers: { ...ALICE, ...json }, body });
    expect(created.status).toBe(201);

    const audit = (await (await admin('/audit-log', { headers: VICTOR })).json()) as {
      items: { actor: string; actorId: string; action: string }[];
    };
    expect(audit.items[0]).toMatchObject({ actor: 'Alice Operator', actorId: 'user-17', action: 'create' });
  });

  it("validates the IVR's input with its own strict pipe, and the company's with the company's", async () => {
    const json = { 'Content-Type': 'application/json' };
    const strict = await admin('/departments', {
      method: 'POST',
      headers: { ...ALICE, ...json },
      body: JSON.stringify({ name: 'Billing', digit: '3', keywords: ['billing'], phoneNumber: '+15555550103', x: 1 }),
    });
    expect(strict.status).toBe(400);

    const lenient = await fetch(`${base}/api/notes`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ text: 'hello', extra: true }),
    });
    expect(lenient.status).toBe(201);
    const refused = await fetch(`${base}/api/notes`, { method: 'POST', headers: json, body: '{}' });
    expect(refused.status).toBe(422);
    // The company's own throttler keeps its own limit (3 a minute per route), not the IVR's.
    const listed: number[] = [];
    for (let request = 0; request < 4; request++) listed.push((await fetch(`${base}/api/notes`)).status);
    expect(listed).toEqual([200, 200, 200, 429]);
    const missing = await fetch(`${base}/api/nowhere`);
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 404,
      body: { message: 'Cannot GET /api/nowhere', error: 'Not Found', statusCode: 404 },
    });
  });

  it("reports the IVR's readiness in the company's own health endpoint", async () => {
    const health = await fetch(`${base}/api/health`);

    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      info: { ivr: { status: 'up', applied: migrations.length } },
    });
  });

  it("keeps the IVR's tables and migration history in schema ivr, and the company's in public", async () => {
    expect(await tablesIn(database.url, 'public')).toEqual(['migrations', 'notes']);
    expect(await tablesIn(database.url, 'ivr')).toContain('call_sessions');
    await withClient(database.url, async (client) => {
      const company = await client.query<{ name: string }>('SELECT name FROM public.migrations');
      expect(company.rows.map((row) => row.name)).toEqual(['CreateNotes1700000000000']);
      const ivr = await client.query<{ name: string }>('SELECT name FROM ivr.migrations ORDER BY id');
      expect(ivr.rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
    });
  });
});

describe('a company backend that turns the console off (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'host');
  let app: INestApplication | undefined;

  afterAll(async () => {
    await app?.close();
  });

  it('serves no console at any path', async () => {
    const settings: CompanySettings = {
      databaseUrl: database.url,
      publicBaseUrl: 'https://ivr.example.com',
      twilioAuthToken: TWILIO_TOKEN,
      spoolDir: join(inject('testDataRoot') ?? join(TEST_DATA_PARENT, 'host'), randomUUID(), 'spool'),
      consolePath: false,
    };
    const express = await NestFactory.create<NestExpressApplication>(companyAppModule(settings), { logger: false });
    express.setGlobalPrefix('api');
    app = await express.init();
    const port = await freePort();
    await express.listen(port, '127.0.0.1');
    for (const path of ['/api/console/', '/api/ivr-console/'])
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/api/ivr-admin/departments`)).status).toBe(401);
  });
});
