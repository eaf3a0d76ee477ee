import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { OPERATOR_NUMBER } from './helpers/factories.js';
import { TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

const run = promisify(execFile);

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run call`'s script as a separate process, as a developer would. */
async function call(url: string, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['src/simulator/cli.ts', '--url', url, ...args], {
      env: { ...process.env, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const callSidOf = (stdout: string): string => /\((CA[0-9a-f]{32})\)/.exec(stdout)?.[1] ?? 'none';

describe('npm run call against a real server (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll' });
  let url: string;

  beforeAll(async () => {
    await ctx.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  });

  async function outcomeOf(stdout: string): Promise<unknown> {
    const [session] = await ctx.dataSource.query('SELECT outcome, call_status FROM call_sessions WHERE call_sid = $1', [
      callSidOf(stdout),
    ]);
    return session;
  }

  it('presses a digit and is connected to that department', async () => {
    const result = await call(url, '--digits', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('IVR: Thank you for calling. For Sales, press 1 or say sales.');
    expect(result.stdout).toContain('Caller presses 2');
    expect(result.stdout).toContain('Dialling +15555550102... answered');
    expect(result.stdout).toContain('Call ended: connected (+15555550102)');
    expect(result.stdout).toMatch(/Report: http:\/\/127\.0\.0\.1:\d+\/admin\/call-sessions\/CA[0-9a-f]{32}/);
    expect(await outcomeOf(result.stdout)).toEqual({ outcome: 'connected', call_status: 'completed' });
  });

  it('says a department and is connected to it', async () => {
    const result = await call(url, '--say', 'billing please', '--confidence', '0.85');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Caller says "billing please" (confidence 0.85)');
    expect(result.stdout).toContain('Dialling sip:billing@pbx.example.com... answered');
    expect(await outcomeOf(result.stdout)).toEqual({ outcome: 'connected', call_status: 'completed' });
  });

  it('stays silent through every menu and reaches the operator', async () => {
    const result = await call(url, '--silence', '--silence', '--silence');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/Caller says nothing/g)).toHaveLength(3);
    expect(result.stdout).toContain(`Dialling ${OPERATOR_NUMBER}... answered`);
    expect(await outcomeOf(result.stdout)).toEqual({ outcome: 'operator', call_status: 'completed' });
  });

  it('leaves a voicemail when the department does not answer', async () => {
    const result = await call(url, '--digits', '1', '--dial', 'no-answer');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dialling +15555550101... no-answer');
    expect(result.stdout).toContain('(beep) Caller leaves a message');
    expect(result.stdout).toContain('Call ended: voicemail');
    expect(await outcomeOf(result.stdout)).toEqual({ outcome: 'voicemail', call_status: 'completed' });
  });

  it('exits 2 with the usage for a bad argument', async () => {
    const result = await call(url, '--digits', 'nine');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--digits takes keypad keys');
    expect(result.stderr).toContain('Usage: npm run call');
  });

  describe('against a broken server', () => {
    let broken: Server;
    let brokenUrl: string;
    let answer: { status: number; body: string };

    beforeAll(async () => {
      broken = createServer((_request, response) => {
        response.writeHead(answer.status, { 'Content-Type': 'text/xml' }).end(answer.body);
      });
      await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
      brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => broken.close(resolve));
    });

    it.each([
      ['malformed XML', 200, '<Response><Say>unclosed</Response>', 'invalid TwiML: malformed XML'],
      ['an unknown verb', 200, '<Response><Dance/></Response>', 'invalid TwiML: <Dance> is not allowed here'],
      [
        'an unknown attribute',
        200,
        '<Response><Gather colour="red"/></Response>',
        'invalid TwiML: <Gather> has an unknown attribute colour',
      ],
      ['an HTTP error', 500, 'boom', 'answered HTTP 500'],
    ])('exits 1 on %s', async (_case, status, body, message) => {
      answer = { status, body };
      const result = await call(brokenUrl, '--digits', '1');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
    });
  });
});
