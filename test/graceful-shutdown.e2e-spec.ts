import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { insertStandardMenu } from './helpers/factories.js';
import { compileServer, startBuiltServer } from './helpers/built-server.js';
import {
  callParams,
  newCallSid,
  TEST_AUTH_TOKEN,
  TEST_PUBLIC_BASE_URL,
  type WebhookParams,
} from './helpers/test-app.js';
import { parseTwiml } from './helpers/twiml.js';
import { useTestDatabase } from './helpers/use-test-app.js';

const BUILD_DIR = '.test-build';
const CALLS = 150;
const CONCURRENCY = 30;

type Outcome =
  { kind: 'answered'; status: number; body: string; afterSignal: boolean } | { kind: 'refused'; code: string };

/** One webhook on a fresh connection (no keep-alive), so a refused connection and an answered request are told apart. */
function post(port: number, path: string, params: WebhookParams, signalled: () => boolean): Promise<Outcome> {
  const body = new URLSearchParams(params).toString();
  const signature = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${TEST_PUBLIC_BASE_URL}${path}`, params);
  return new Promise((resolve) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signature,
          Connection: 'close',
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ kind: 'answered', status: response.statusCode ?? 0, body: text, afterSignal: signalled() }),
        );
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ kind: 'refused', code: error.code ?? error.message }),
    );
    request.end(body);
  });
}

describe('graceful shutdown of the built server (e2e)', () => {
  const database = useTestDatabase();
  let dataSource: DataSource;
  let server: ChildProcess;
  let port: number;
  let output: () => string;

  beforeAll(async () => {
    // The real entry point, compiled as `npm run build` compiles it.
    await compileServer(BUILD_DIR);
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    await insertStandardMenu(dataSource);
    const built = await startBuiltServer(BUILD_DIR, {
      DATABASE_URL: database.url,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
      ADMIN_TOKENS: 'ops:admin:shutdown-test-secret-0123',
    });
    server = built.process;
    port = built.port;
    output = built.output;
  }, 180_000);

  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await dataSource.destroy();
  });

  it('answers and persists every webhook it accepted when SIGTERM arrives during a burst, then exits 0', async () => {
    let signalled = false;
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const results: { path: string; callSid: string; outcome: Outcome }[] = [];
    let started = 0;
    const worker = async (): Promise<void> => {
      while (started < CALLS) {
        started += 1;
        if (started === CALLS / 3) {
          signalled = true;
          server.kill('SIGTERM');
        }
        const callSid = newCallSid();
        const incoming = await post(port, '/voice/incoming', callParams(callSid), () => signalled);
        results.push({ path: '/voice/incoming', callSid, outcome: incoming });
        if (incoming.kind !== 'answered') continue;
        const gather = await post(port, '/voice/gather?round=1', callParams(callSid, { Digits: '1' }), () => signalled);
        results.push({ path: '/voice/gather', callSid, outcome: gather });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(await exited).toBe(0);

    const answered = results.filter((result) => result.outcome.kind === 'answered');
    const refused = results.filter((result) => result.outcome.kind === 'refused');
    // Every answer is TwiML with 200; anything else never reached the app (refused or reset before it was read).
    for (const result of answered) {
      if (result.outcome.kind !== 'answered') continue;
      expect({ path: result.path, status: result.outcome.status }).toEqual({ path: result.path, status: 200 });
      expect(() => parseTwiml(result.outcome.kind === 'answered' ? result.outcome.body : '')).not.toThrow();
    }
    for (const result of refused)
      expect(['ECONNREFUSED', 'ECONNRESET']).toContain(result.outcome.kind === 'refused' ? result.outcome.code : '');
    expect(answered.some((result) => result.outcome.kind === 'answered' && result.outcome.afterSignal)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);

    const sessions = new Set(
      (await dataSource.query<{ call_sid: string }[]>('SELECT call_sid FROM ivr.call_sessions')).map(
        (row) => row.call_sid,
      ),
    );
    const attempts = new Set(
      (await dataSource.query<{ call_sid: string }[]>('SELECT call_sid FROM ivr.call_attempts WHERE round = 1')).map(
        (row) => row.call_sid,
      ),
    );
    for (const result of answered) {
      expect(sessions.has(result.callSid)).toBe(true);
      if (result.path === '/voice/gather') expect(attempts.has(result.callSid)).toBe(true);
    }
    expect(output()).not.toMatch(/"level":(50|60)/);
  });
});
