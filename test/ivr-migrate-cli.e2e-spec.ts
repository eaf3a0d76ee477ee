import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { migrations } from '../migrations/index.js';
import {
  BEFORE_IVR_SCHEMA,
  migrateAsEarlierVersion,
  PENDING_BEFORE_IVR_SCHEMA,
  tablesIn,
  useEmptyDatabase,
} from './helpers/migrations.js';

const run = promisify(execFile);
const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('src/database/ivr-migrate.ts');
const ALL = migrations.map((migration) => migration.name);

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('ivr-migrate (e2e)', () => {
  const serverUrl = inject('testServerUrl');
  const fresh = useEmptyDatabase(serverUrl, 'cli');
  const earlier = useEmptyDatabase(serverUrl, 'cli_upgrade');
  /** A working directory without a .env file. */
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ivr-migrate-'));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  /** The CLI as a separate process, as a host's deploy step runs it. */
  async function ivrMigrate(args: readonly string[], databaseUrl?: string): Promise<CliResult> {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: databaseUrl };
    if (databaseUrl === undefined) delete env.DATABASE_URL;
    try {
      const { stdout, stderr } = await run(TSX, [CLI, ...args], { env, cwd, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  const lines = (text: string): string[] => text.trimEnd().split('\n');

  it('shows every migration pending on a new database, then applies them all once', async () => {
    const before = await ivrMigrate(['status'], fresh.url);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(lines(before.stdout)).toEqual([
      ...ALL.map((name) => `[ ] ${name}`),
      `0 applied, ${ALL.length} pending: run \`npx ivr-migrate up\``,
    ]);

    const up = await ivrMigrate(['up'], fresh.url);
    expect(up).toMatchObject({ code: 0, stderr: '' });
    expect(lines(up.stdout)).toEqual([...ALL.map((name) => `Applied ${name}`), `Up to date: ${ALL.length} applied`]);
    expect(await tablesIn(fresh.url, 'public')).toEqual([]);

    const after = await ivrMigrate(['status'], fresh.url);
    expect(lines(after.stdout)).toEqual([...ALL.map((name) => `[x] ${name}`), `Up to date: ${ALL.length} applied`]);
    const again = await ivrMigrate(['up'], fresh.url);
    expect(lines(again.stdout)).toEqual([`Up to date: ${ALL.length} applied, nothing to do`]);
  });

  it('upgrades a database of the earlier version, counting its history in public as applied', async () => {
    await migrateAsEarlierVersion(earlier.url, BEFORE_IVR_SCHEMA);

    const status = await ivrMigrate(['status'], earlier.url);
    const pending = PENDING_BEFORE_IVR_SCHEMA.length;
    expect(lines(status.stdout).at(-1)).toBe(
      `${ALL.length - pending} applied, ${pending} pending: run \`npx ivr-migrate up\``,
    );
    const up = await ivrMigrate(['up'], earlier.url);
    expect(lines(up.stdout)).toEqual([
      ...PENDING_BEFORE_IVR_SCHEMA.map((name) => `Applied ${name}`),
      `Up to date: ${ALL.length} applied`,
    ]);
    expect(await tablesIn(earlier.url, 'public')).toEqual(['typeorm_migrations']);
  });

  it('exits 2 with the usage on an unknown command, and without DATABASE_URL', async () => {
    const unknown = await ivrMigrate(['sideways'], fresh.url);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^Usage: ivr-migrate status\|up/);

    const unset = await ivrMigrate(['status']);
    expect(unset).toMatchObject({ code: 2, stdout: '' });
    expect(lines(unset.stderr)).toEqual([
      'DATABASE_URL is unset: set it to the database that holds (or will hold) the schema ivr',
    ]);
  });

  it('exits 1 with one line when the database cannot be reached', async () => {
    const result = await ivrMigrate(['status'], 'postgres://nobody:wrong@127.0.0.1:1/ivr_test_nowhere');

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^ivr-migrate status failed: /);
  });

  it('is installed as the bin ivr-migrate, a node script', async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { bin: Record<string, string> };

    expect(manifest.bin['ivr-migrate']).toBe('dist/src/database/ivr-migrate.js');
    expect((await readFile(CLI, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});
