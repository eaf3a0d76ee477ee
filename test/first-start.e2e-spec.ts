import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { freePort } from '../src/common/free-port.js';
import { callParams, newCallSid } from './helpers/test-app.js';
import { TEST_DATA_PARENT } from './helpers/test-data-dir.js';

/** The environment of someone who just cloned the repository: no .env, nothing of ours set. */
function newcomerEnvironment(port: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    PORT: String(port),
    DATA_DIR: dataDir,
  };
}

/** `npm start` in its own process group: npm does not pass SIGTERM on to nest start's child. */
function npmStart(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within 120 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', resolve));

/** Output with what differs between runs (times, tokens, ports, folders, the migration list) made fixed. */
function normalise(text: string, port: number): string {
  return text
    .replace(/^\[\d\d:\d\d:\d\d\]/gm, '[hh:mm:ss]')
    .replace(/\b[0-9a-f]{32}\b/g, '<token>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\S*\/\.data\b/g, '<data>')
    .replace(/Applied migrations: .*/g, 'Applied migrations: …')
    .replaceAll(`localhost:${port}`, 'localhost:3000');
}

const BANNER_END = /Try the admin API .*\n/;

describe('npm start on a clean clone (child process)', () => {
  let runFolder: string;

  beforeAll(async () => {
    // Folders the embedded PostgreSQL's own user can reach (a mktemp -d folder is not).
    runFolder = join(TEST_DATA_PARENT, `first-start-${randomUUID()}`);
    await mkdir(runFolder, { recursive: true, mode: 0o755 });
  });

  afterAll(async () => {
    await rm(runFolder, { recursive: true, force: true });
  });

  it('prints a building line, at most 15 lines, then a banner that works as printed; call events read as lines', async () => {
    const port = await freePort();
    const dataDir = join(runFolder, 'banner', '.data');
    const { child, output } = npmStart(newcomerEnvironment(port, dataDir));
    try {
      await waitFor('banner', () => BANNER_END.test(output()), output);
      const [beforeBanner] = output().split(/\n(?=\n {2}Twilio IVR backend ready)/);
      const lines = beforeBanner.split('\n');
      expect(lines.length).toBeLessThanOrEqual(15);
      expect(lines.slice(0, 5).join('\n')).toMatch(/^\n> .* start\n> .*\n\nBuilding… /);
      expect(output()).not.toMatch(/dependencies initialized|Mapped \{|successfully started|RoutesResolver/);

      // The README's sample is this output.
      const readme = await readFile('README.md', 'utf8');
      const sample = /<!-- start-up output[^>]*-->\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
      const printed = output().slice(0, (BANNER_END.exec(output())?.index ?? 0) + BANNER_END.exec(output())![0].length);
      expect(normalise(printed, port)).toBe(normalise(sample ?? 'no sample in README.md', port));

      // The banner's token and curl work as printed.
      const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
      const banner = printed.slice(beforeBanner.length);
      expect(banner).toContain(`Admin token        ${token}`);
      expect(banner).toContain(`http://localhost:${port}/docs`);
      // The console it names is served, built by npm start.
      expect(banner).toContain(`http://localhost:${port}/console/`);
      const consolePage = await fetch(`http://127.0.0.1:${port}/console/`);
      expect(consolePage.status).toBe(200);
      expect(await consolePage.text()).toContain('<div id="app">');
      expect(banner).toContain('npm run call -- --digits 1');
      const curl = /curl -H "Authorization: Bearer (\w+)" (\S+)/.exec(banner);
      const response = await fetch(curl![2], { headers: { Authorization: `Bearer ${curl![1]}` } });
      expect(response.status).toBe(200);

      // A call event is a readable line, not a JSON object.
      const twilioToken = (await readFile(join(dataDir, 'twilio-auth-token'), 'utf8')).trim();
      const url = `http://localhost:${port}/voice/incoming`;
      const params = callParams(newCallSid(), { CallStatus: 'ringing' });
      const webhook = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': twilio.getExpectedTwilioSignature(twilioToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(webhook.status).toBe(200);
      await waitFor('call event line', () => output().includes('call.incoming'), output);
      const eventLine = output()
        .split('\n')
        .find((line) => line.includes('call.incoming'));
      expect(eventLine).toMatch(
        new RegExp(
          `^\\[\\d\\d:\\d\\d:\\d\\d\\] INFO: \\[CallFlowService\\] call\\.incoming from=\\+1555\\*+0123 round=1 callSid=${params.CallSid} requestId=\\S+$`,
        ),
      );
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited(child);
    }
  }, 180_000);

  it('says in one line that the port is taken, exits 1 and leaves no database running', async () => {
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(port, resolve));
    const dataDir = join(runFolder, 'port-taken', '.data');
    try {
      const { child, output } = npmStart(newcomerEnvironment(port, dataDir));
      expect(await exited(child)).toBe(1);
      const serverLines = output()
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('> ') && !line.startsWith('Building… '));
      expect(serverLines).toEqual([`Port ${port} is in use: set PORT=… (or stop the other server)`]);
      await expect(stat(join(dataDir, 'postgres'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 180_000);
});
