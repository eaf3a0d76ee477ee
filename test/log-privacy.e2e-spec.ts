import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import { freePort } from '../src/common/free-port.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { BILLING, SALES } from './helpers/factories.js';
import {
  ADMIN_SECRET,
  callParams,
  createTestDatabase,
  newCallSid,
  TEST_AUTH_TOKEN,
  TEST_PUBLIC_BASE_URL,
  VIEWER_SECRET,
  type WebhookParams,
} from './helpers/test-app.js';

// Its own folder: graceful-shutdown.e2e-spec.ts compiles into .test-build at the same time.
const BUILD_DIR = '.test-build/log-privacy';
const CALLER = '+15551230123';
/** The caller's digits in any spelling: +15551230123, %2B15551230123, " 15551230123". */
const WHOLE_NUMBER = /15551230123/;

describe('no whole caller number in the logs of the built server (e2e)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let dataDir: string;
  let server: ChildProcess;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    await promisify(execFile)('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], {
      timeout: 150_000,
    });
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    for (const department of [SALES, BILLING]) {
      await dataSource.query(
        'INSERT INTO ivr.departments (name, digit, keywords, phone_number, position) VALUES ($1, $2, $3, $4, $5)',
        [department.name, department.digit, department.keywords, department.phoneNumber, department.position],
      );
    }
    dataDir = await mkdtemp(join(tmpdir(), 'ivr-log-privacy-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn('node', [`${BUILD_DIR}/src/main.js`], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        PORT: String(port),
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
        ADMIN_TOKENS: `alice:admin:${ADMIN_SECRET},victor:viewer:${VIEWER_SECRET}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`${baseUrl}/health/ready`).then(
        (response) => response.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not become ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 200_000);

  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await dataSource.destroy();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function webhook(path: string, callSid: string, params: WebhookParams): Promise<void> {
    const body = callParams(callSid, { From: CALLER, Caller: CALLER, ...params });
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(
          TEST_AUTH_TOKEN,
          `${TEST_PUBLIC_BASE_URL}${path}`,
          body,
        ),
      },
      body: new URLSearchParams(body).toString(),
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
  }

  const get = (path: string, secret = ADMIN_SECRET): Promise<Response> =>
    fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${secret}` } });

  /** Creates a webhook endpoint and rotates its secret: the two answers that hold a secret. */
  async function webhookSecrets(): Promise<string[]> {
    const headers = { Authorization: `Bearer ${ADMIN_SECRET}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${baseUrl}/admin/webhook-endpoints`, {
      method: 'POST',
      headers,
      // Loopback without WEBHOOKS_ALLOWED_RANGES: any delivery is refused before a connection (or a DNS query).
      body: JSON.stringify({ url: 'https://127.0.0.1/ivr', eventTypes: ['call.ended'] }),
    });
    const endpoint = (await created.json()) as { id: string; secret: string };
    const rotated = await fetch(`${baseUrl}/admin/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      method: 'POST',
      headers: { ...headers, 'If-Match': created.headers.get('etag') ?? '' },
    });
    const { secret } = (await rotated.json()) as { secret: string };
    expect([created.status, rotated.status]).toEqual([201, 200]);
    return [endpoint.secret, secret];
  }

  it('masks caller numbers in request URLs and leaves query values out of database errors, at level debug', async () => {
    const callSid = newCallSid();
    await webhook('/voice/incoming', callSid, { CallStatus: 'ringing' });
    await webhook('/voice/gather?round=1', callSid, { Digits: '3' });
    await webhook('/voice/dial-status', callSid, { DialCallStatus: 'no-answer', DialCallSid: `CA${'d'.repeat(32)}` });
    await webhook('/voice/voicemail', callSid, { RecordingUrl: 'https://api.twilio.com/recording' });
    await webhook('/voice/status', callSid, { CallStatus: 'completed', CallDuration: '31' });

    const statuses: Record<string, number> = {};
    for (const [who, path] of [
      ['admin', '/admin/call-sessions?caller=%2B15551230123'],
      ['admin', '/admin/call-sessions?caller=+15551230123&limit=10'],
      ['admin', '/admin/call-sessions?format=csv&caller=%2B15551230123'],
      ['viewer', '/admin/call-sessions?caller=%2B15551230123'],
      ['admin', `/admin/call-sessions/${callSid}`],
      ['admin', '/admin/call-sessions/+15551230123'],
      ['admin', '/admin/call-sessions?from=%2B15551230123'],
      ['admin', '/admin/reports/summary?from=2020-01-01&to=2100-01-01'],
    ]) {
      const response = await get(path, who === 'viewer' ? VIEWER_SECRET : ADMIN_SECRET);
      await response.text();
      statuses[`${who} ${path}`] = response.status;
    }
    // A query that fails in PostgreSQL, with the caller number among its parameters.
    await dataSource.query('ALTER TABLE ivr.call_sessions RENAME TO call_sessions_away');
    try {
      const failed = await get('/admin/call-sessions?caller=%2B15551230123');
      await failed.text();
      statuses.failed = failed.status;
    } finally {
      await dataSource.query('ALTER TABLE ivr.call_sessions_away RENAME TO call_sessions');
    }
    const secrets = await webhookSecrets();
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;

    expect(statuses).toMatchObject({
      'admin /admin/call-sessions?caller=%2B15551230123': 200,
      'admin /admin/call-sessions?format=csv&caller=%2B15551230123': 200,
      failed: 500,
    });
    // The log did capture these requests, the export and the failed query ...
    expect(output).toContain('/admin/call-sessions?format=csv&caller=');
    expect(output).toContain('"event":"report.csv_export"');
    expect(output).toContain('call_sessions');
    expect(output).toMatch(/"level":50/);
    // ... and no whole caller number in any spelling.
    const leaks = output.split('\n').filter((line) => WHOLE_NUMBER.test(line));
    expect(leaks).toEqual([]);
    // Nor a webhook endpoint's secret, though the requests that answered one were logged.
    expect(output).toContain('/admin/webhook-endpoints');
    expect(secrets.filter((secret) => output.includes(secret.slice('whsec_'.length)))).toEqual([]);
    expect(output).not.toContain('whsec_');
  });
});
