import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/common/free-port.js';
import { processAlive } from '../src/common/process-alive.js';
import { ManagedProcess } from './processes.js';
import { BENCH_ADMIN_TOKENS, BENCH_AUTH_TOKEN, BENCH_PUBLIC_BASE_URL } from './twilio-webhooks.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_ENTRY = join(REPO_ROOT, 'dist/src/main.js');
const DATABASE_CLI = join(REPO_ROOT, 'dist/src/database/cli.js');
const MINIMAL_ENTRY = fileURLToPath(new URL('./minimal-server.ts', import.meta.url));
// The embedded database's first start runs initdb: slow on a busy machine.
const READY_TIMEOUT_MS = 180_000;

/** A setup problem the user can fix (a refused DATABASE_URL, a missing build): reported without a stack. */
export class BenchSetupError extends Error {}

/** Where the app's data lives: a database the caller named, or an embedded one in a folder of our own. */
export type DatabaseChoice =
  { readonly kind: 'external'; readonly url: string } | { readonly kind: 'embedded'; readonly dataDir: string };

/** DATABASE_URL when set (only a database meant for this: its name says bench or test), else a fresh folder. */
export async function chooseDatabase(databaseUrl: string | undefined): Promise<DatabaseChoice> {
  if (databaseUrl) {
    const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
    if (!/bench|test/i.test(name))
      throw new BenchSetupError(
        `Refusing DATABASE_URL: database "${name}" does not look disposable (its name needs "bench" or "test")`,
      );
    return { kind: 'external', url: databaseUrl };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'ivr-webhook-bench-'));
  // PostgreSQL runs as the unprivileged user "postgres" when we are root: it must reach the folder.
  await chmod(dataDir, 0o755);
  return { kind: 'embedded', dataDir };
}

/** The embedded server's URL, from what the app left in DATA_DIR: its password file and postmaster.pid. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  // postmaster.pid: pid, data directory, start time, port, ...
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')
    .split('\n')[3]
    ?.trim();
  if (!port) throw new Error('The embedded PostgreSQL has no port in postmaster.pid');
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/ivr`;
}

export function databaseUrlOf(choice: DatabaseChoice): string {
  return choice.kind === 'external' ? choice.url : embeddedDatabaseUrl(choice.dataDir);
}

/** The app's environment: production settings and our secrets, nothing inherited that would change its behaviour. */
function appEnvironment(choice: DatabaseChoice, port: number): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'METRICS_TOKEN', 'TRUST_PROXY', 'CORS_ORIGINS'])
    delete environment[name];
  return {
    ...environment,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    TWILIO_AUTH_TOKEN: BENCH_AUTH_TOKEN,
    ADMIN_TOKENS: BENCH_ADMIN_TOKENS,
    PUBLIC_BASE_URL: BENCH_PUBLIC_BASE_URL,
    ...(choice.kind === 'external' ? { DATABASE_URL: choice.url } : { DATA_DIR: choice.dataDir }),
  };
}

export interface RunningTarget {
  readonly process: ManagedProcess;
  readonly port: number;
}

/** Migrates and seeds the demo menu into an external database that has none (the embedded one seeds itself). */
export async function seedExternalDatabase(choice: DatabaseChoice): Promise<void> {
  if (choice.kind !== 'external') return;
  const cli = ManagedProcess.start('seed', process.execPath, [DATABASE_CLI, 'seed'], appEnvironment(choice, 1));
  const code = await Promise.race([cli.exited, sleep(READY_TIMEOUT_MS).then(() => 'timeout' as const)]);
  if (code !== 0) {
    await cli.stop(5000);
    throw new Error(`Seeding the database failed (${String(code)}):\n${cli.log.lastLines()}`);
  }
}

/** `node dist/src/main.js` in production mode, once /health/ready answers; optionally CPU-profiled, with `env` added. */
export async function startApp(
  choice: DatabaseChoice,
  cpuProfileDir: string | null = null,
  env: Readonly<Record<string, string>> = {},
): Promise<RunningTarget> {
  if (!existsSync(APP_ENTRY)) throw new BenchSetupError(`${APP_ENTRY} is missing: run npm run build first`);
  const port = await freePort();
  const profile = cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : [];
  const app = ManagedProcess.start('app', process.execPath, [...profile, APP_ENTRY], {
    ...appEnvironment(choice, port),
    ...env,
  });
  try {
    await app.waitUntilReady(`http://127.0.0.1:${port}/health/ready`, READY_TIMEOUT_MS);
  } catch (error) {
    await app.stop(10_000);
    throw error;
  }
  return { process: app, port };
}

/** The bare Express handler, run through tsx's loader like this script. */
export async function startMinimal(): Promise<RunningTarget> {
  const port = await freePort();
  const minimal = ManagedProcess.start('minimal', process.execPath, ['--import', 'tsx', MINIMAL_ENTRY], {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
  });
  try {
    await minimal.waitUntilReady(`http://127.0.0.1:${port}/health`, 60_000);
  } catch (error) {
    await minimal.stop(5000);
    throw error;
  }
  return { process: minimal, port };
}

/**
 * Removes the embedded database's folder. If the app died without stopping its PostgreSQL (it was
 * killed), that server is stopped first, by the pid it wrote, since this benchmark started it.
 */
export async function removeEmbeddedDatabase(choice: DatabaseChoice): Promise<void> {
  if (choice.kind !== 'embedded') return;
  const pidFile = join(choice.dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && processAlive(pid)) {
      process.kill(pid, 'SIGINT');
      for (let waited = 0; waited < 10_000 && processAlive(pid); waited += 200) await sleep(200);
    }
  }
  await rm(choice.dataDir, { recursive: true, force: true });
}
