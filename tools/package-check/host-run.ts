// Boots a built scratch host with `node` and keeps what it printed, for the reason when something fails.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../src/common/free-port.js';
import { stopProcess, tail } from './processes.js';

export interface HostEnvironment {
  readonly databaseUrl: string;
  readonly twilioAuthToken: string;
  readonly adminSecret: string;
  readonly spoolDir: string;
}

export interface RunningHost {
  readonly baseUrl: string;
  /** Null while it runs; how it exited otherwise. */
  readonly exited: () => string | null;
  readonly output: () => string;
  /** SIGTERM; fails unless the host, having closed its app, exits 0 by itself within the grace period. */
  readonly stop: () => Promise<void>;
}

export async function startHost(dir: string, environment: HostEnvironment): Promise<RunningHost> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(dir, 'dist', 'main.js')], {
    cwd: dir,
    stdio: 'pipe',
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: environment.databaseUrl,
      TWILIO_AUTH_TOKEN: environment.twilioAuthToken,
      ADMIN_SECRET: environment.adminSecret,
      SPOOL_DIR: environment.spoolDir,
    },
  });
  let output = '';
  let exit: string | null = null;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', (code, signal) => (exit = `exit code ${code ?? signal}`));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    exited: () => exit,
    output: () => output,
    stop: async () => {
      const { exit: code, killed } = await stopProcess(child, 10_000);
      if (killed) throw new Error(`the host did not stop within 10 s of SIGTERM:\n${tail(output)}`);
      if (code !== 0) throw new Error(`the host exited with ${code} on SIGTERM:\n${tail(output)}`);
    },
  };
}
