import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from './test-app.js';

const run = promisify(execFile);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Variables on top of the Twilio token and public base URL; undefined removes one. */
  readonly env?: Record<string, string | undefined>;
  /** The working directory (its .env is read); the project's by default. */
  readonly cwd?: string;
}

const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('src/simulator/cli.ts');

/** Runs `npm run call`'s script as a separate process, as a developer would. */
export async function runCallCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ADMIN_TOKENS: undefined,
    DATA_DIR: undefined,
    PORT: undefined,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    ...options.env,
  };
  for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name];
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { env, cwd: options.cwd, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The CallSid the simulator prints on its first line. */
export const callSidOf = (stdout: string): string => /\((CA[0-9a-f]{32})\)/.exec(stdout)?.[1] ?? 'none';
