import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppConfig } from '../src/config/app-config.js';
import { callSidOf, type CliResult, runCallCli as runCli } from './helpers/call-cli.js';
import { OPERATOR_NUMBER, updateSettings } from './helpers/factories.js';
import { ADMIN_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('npm run call against a real server (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll' });
  let url: string;
  let port: number;
  /** A DATA_DIR holding the admin token as the server writes its development one. */
  let developmentDataDir: string;

  beforeAll(async () => {
    await ctx.app.listen(0, '127.0.0.1');
    port = (ctx.app.getHttpServer().address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
    developmentDataDir = ctx.app.get(AppConfig).dataDir;
    await mkdir(developmentDataDir, { recursive: true });
    await writeFile(join(developmentDataDir, 'admin-token'), `${ADMIN_SECRET}\n`);
  });

  /** The simulator against the test server, with the development admin token. */
  const call = (target: string, ...args: string[]): Promise<CliResult> =>
    runCli(['--url', target, ...args], { env: { DATA_DIR: developmentDataDir } });

  async function outcomeOf(stdout: string): Promise<unknown> {
    const [session] = await ctx.dataSource.query(
      'SELECT outcome, call_status FROM ivr.call_sessions WHERE call_sid = $1',
      [callSidOf(stdout)],
    );
    return session;
  }

  it('presses a digit and is connected to that department', async () => {
    const result = await call(url, '--digits', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Round 1: menu (Gather language en-US)');
    expect(result.stdout).toContain(
      'IVR [en-US, Polly.Joanna]: Thank you for calling. For Sales, press 1 or say sales.',
    );
    expect(result.stdout).toContain('Caller presses 2');
    expect(result.stdout).toContain('Dialling +15555550102... answered');
    expect(result.stdout).toContain('Path: 2 → dial +15555550102 (answered)');
    expect(result.stdout).toContain('Call ended: connected to +15555550102 (stored outcome: connected)');
    expect(result.stdout).toContain(
      `Report: curl -H "Authorization: Bearer ${ADMIN_SECRET}" ${url}/admin/call-sessions/${callSidOf(result.stdout)}`,
    );
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
    expect(result.stdout).toContain(`Call ended: connected to ${OPERATOR_NUMBER} (stored outcome: operator)`);
    expect(await outcomeOf(result.stdout)).toEqual({ outcome: 'operator', call_status: 'completed' });
  });

  it('leaves a voicemail when the department does not answer', async () => {
    const result = await call(url, '--digits', '1', '--dial', 'no-answer');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dialling +15555550101... no-answer');
    expect(result.stdout).toContain('(beep) Caller leaves a message');
    expect(result.stdout).toContain('Call ended: voicemail (stored outcome: voicemail)');
    expect(await outcomeOf(result.stdout)).toEqual({ outcome: 'voicemail', call_status: 'completed' });
  });

  it('has the voicemail transcribed when transcribeVoicemail is on', async () => {
    await updateSettings(ctx.app, { transcribeVoicemail: true });
    try {
      const result = await call(url, '--digits', '1', '--dial', 'no-answer');

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('(later) Twilio transcribes the message');
      const [session] = await ctx.dataSource.query(
        'SELECT transcription_status, transcription_text FROM ivr.call_sessions WHERE call_sid = $1',
        [callSidOf(result.stdout)],
      );
      expect(session).toEqual({
        transcription_status: 'completed',
        transcription_text: 'Hello, this is a test message. Please call me back.',
      });
    } finally {
      await updateSettings(ctx.app, { transcribeVoicemail: false });
    }
  });

  it('calls the PORT of the environment when --url is absent', async () => {
    const result = await runCli(['--digits', '2'], { env: { PORT: String(port), DATA_DIR: developmentDataDir } });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Report: curl -H "Authorization: Bearer ${ADMIN_SECRET}" http://localhost:${port}/`,
    );
    expect(await outcomeOf(result.stdout)).toEqual({ outcome: 'connected', call_status: 'completed' });
  });

  it('calls the PORT of the .env file in the working directory, with its admin token', async () => {
    const directory = join(developmentDataDir, 'project');
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, '.env'), `PORT=${port}\nADMIN_TOKENS=alice:admin:${ADMIN_SECRET}\n`);

    const result = await runCli(['--digits', '2'], { cwd: directory });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Call ended: connected to +15555550102 (stored outcome: connected)');
    // A configured token is not printed.
    expect(result.stdout).toContain(
      `Report: curl -H "Authorization: Bearer <admin token>" http://localhost:${port}/admin/call-sessions/${callSidOf(result.stdout)} (needs an admin token from ADMIN_TOKENS)`,
    );
    expect(result.stdout).not.toContain(ADMIN_SECRET);
  });

  it('says in one line that the stored outcome was not read without an admin token, and still exits 0', async () => {
    const result = await runCli(['--url', url, '--digits', '2'], {
      env: { DATA_DIR: join(developmentDataDir, 'empty') },
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Call ended: connected to +15555550102 (stored outcome not read: no admin token (set ADMIN_TOKENS, or start the server once so it writes DATA_DIR/admin-token))',
    );
    expect(result.stdout).toContain('(needs an admin token from ADMIN_TOKENS)');
  });

  it('says which answer the server gave when the admin token is refused, and still exits 0', async () => {
    const result = await runCli(['--url', url, '--digits', '2'], {
      env: { ADMIN_TOKENS: 'mallory:admin:not-the-server-token-0123' },
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Call ended: connected to +15555550102 (stored outcome not read: GET /admin/call-sessions/${callSidOf(result.stdout)} answered HTTP 401)`,
    );
  });

  it('prints the usage for --help and exits 0, without an auth token', async () => {
    const result = await runCli(['--help'], { env: { TWILIO_AUTH_TOKEN: undefined } });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run call');
    expect(result.stdout).toContain("--digits '2,*,1'");
    expect(result.stdout).toContain('--language es-MX');
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
