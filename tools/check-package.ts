// `npm run check:package`: packs the library as npm would publish it, installs the tarball into two fresh hosts
// (ESM, and CommonJS loading it through require(esm)), type-checks them against the shipped .d.ts and boots them
// against PostgreSQL (DATABASE_URL's server when set, else an embedded one). Exits non-zero with the reason.
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.js';
import { withClient, withDatabase } from '../test/helpers/test-database.js';
import { buildConsole } from '../console/build.js';
import { startHost } from './package-check/host-run.js';
import {
  expectAdminDepartments,
  expectConsolePage,
  expectIncomingCallTwiml,
  waitUntilListening,
} from './package-check/probes.js';
import { run, stopRunning, tail } from './package-check/processes.js';
import { type HostKind, writeScratchHost } from './package-check/scratch-host.js';
import { checkTarballFiles, packInto } from './package-check/tarball.js';

const REPO = resolve(import.meta.dirname, '..');
const PUBLIC_BASE_URL = 'https://ivr.example.com';

interface PackageJson {
  readonly peerDependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

type Cleanup = () => Promise<unknown>;

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    console.log(`  ${name.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  }
}

/** A PostgreSQL server the check may create databases on; its stop is pushed onto `cleanups`. */
async function postgresServer(scratch: string, cleanups: Cleanup[]): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const postgres = await startEmbeddedPostgres({
    dataDir: join(scratch, 'postgres'),
    password: randomBytes(12).toString('hex'),
    persistent: false,
    onError: () => undefined,
  });
  cleanups.push(() => postgres.server.stop());
  return postgres.urlOf('postgres');
}

/** Nest's DI compares classes by identity: a second copy of a host's package inside the library's tree breaks it. */
async function expectOneCopyEach(dir: string, names: readonly string[]): Promise<void> {
  const output = await run('npm', ['ls', ...names, '--all', '--parseable'], { cwd: dir });
  const paths = [...new Set(output.split('\n').filter(Boolean))];
  const wrong = names.filter((name) => paths.filter((path) => path.endsWith(`/node_modules/${name}`)).length !== 1);
  if (wrong.length > 0)
    throw new Error(`not exactly one copy of ${wrong.join(', ')} in the host:\n${paths.join('\n')}`);
}

async function installAndCompile(kind: HostKind, dir: string, tarball: string): Promise<void> {
  const repoPackage = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as PackageJson;
  await writeScratchHost({
    kind,
    dir,
    tarball,
    // The peers a host brings (@types/express, an optional one, is among its devDependencies below).
    dependencies: Object.fromEntries(
      Object.entries(repoPackage.peerDependencies).filter(([name]) => !name.startsWith('@types/')),
    ),
    // As `nest new` sets a host up: the public types name Express's Request (AdminActorResolver).
    devDependencies: {
      typescript: repoPackage.devDependencies.typescript,
      '@types/node': repoPackage.devDependencies['@types/node'],
      '@types/express': repoPackage.devDependencies['@types/express'],
    },
  });
  await step(`${kind}: npm install (tarball + peers)`, () =>
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir }),
  );
  await step(`${kind}: npm ls (one copy of each peer)`, () =>
    expectOneCopyEach(dir, Object.keys(repoPackage.peerDependencies)),
  );
  await step(`${kind}: tsc (strict, shipped .d.ts)`, () =>
    run(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir }),
  );
  // The host's module is what imports the library.
  const appModule = await readFile(join(dir, 'dist', 'app.module.js'), 'utf8');
  if (kind === 'cjs' && !appModule.includes('require("twilio-ivr-backend")'))
    throw new Error('the CommonJS host was not compiled to require() the package');
}

/** A database of its own on the server, dropped at clean-up; its name says test (see test/helpers/test-database.ts). */
async function hostDatabase(kind: HostKind, serverUrl: string, cleanups: Cleanup[]): Promise<string> {
  const database = `ivr_check_test_${kind}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  cleanups.push(() =>
    withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)),
  );
  return withDatabase(serverUrl, database);
}

/** Boots the host on a database of its own and probes it; resolves with that database's URL. */
async function bootAndProbe(kind: HostKind, dir: string, serverUrl: string, cleanups: Cleanup[]): Promise<string> {
  const environment = {
    databaseUrl: await hostDatabase(kind, serverUrl, cleanups),
    twilioAuthToken: randomBytes(16).toString('hex'),
    adminSecret: randomBytes(16).toString('hex'),
    spoolDir: join(dir, 'spool'),
  };
  const host = await step(`${kind}: boot (migrations run)`, async () => {
    const started = await startHost(dir, environment);
    cleanups.push(() => started.stop().catch(() => undefined));
    await waitUntilListening(started.baseUrl, 60_000, started.exited).catch((error: Error) => {
      throw new Error(`${error.message}:\n${tail(started.output())}`, { cause: error });
    });
    return started;
  });
  const target = { ...environment, baseUrl: host.baseUrl, publicBaseUrl: PUBLIC_BASE_URL };
  try {
    await step(`${kind}: GET /admin/departments → 200`, () => expectAdminDepartments(target));
    await step(`${kind}: POST /voice/incoming → 200 TwiML`, () => expectIncomingCallTwiml(target));
    await step(`${kind}: GET /console/ → the console's page`, () => expectConsolePage(target));
  } catch (error) {
    throw new Error(`${(error as Error).message}\nHost output:\n${tail(host.output())}`, { cause: error });
  }
  if (/\bERROR\b/.test(host.output())) throw new Error(`the host logged an error:\n${tail(host.output())}`);
  await step(`${kind}: stop (SIGTERM, app.close())`, () => host.stop());
  return environment.databaseUrl;
}

/** The package's CLI, as a host's deploy step runs it: the schema the host migrated is up to date. */
async function expectMigrateCliUpToDate(dir: string, databaseUrl: string): Promise<void> {
  const output = await run(join(dir, 'node_modules', '.bin', 'ivr-migrate'), ['status'], {
    cwd: dir,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
  });
  if (!/^Up to date: [1-9]\d* applied$/m.test(output)) throw new Error(`ivr-migrate status answered:\n${output}`);
}

/**
 * The package as npm would pack it, built into a staging copy (package.json, README, docs and a fresh dist/) rather
 * than into the repository's dist/: `npm start` (the start-up test) rebuilds that one at the same time.
 */
async function stagePackage(stage: string): Promise<void> {
  await run(
    process.execPath,
    [
      join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(REPO, 'tsconfig.build.json'),
      '--outDir',
      join(stage, 'dist'),
      '--incremental',
      'false',
    ],
    { cwd: REPO },
  );
  await buildConsole({ ifStale: true });
  for (const entry of ['package.json', 'README.md', 'docs', 'console/dist'])
    await cp(join(REPO, entry), join(stage, entry), { recursive: true });
}

async function checkPackage(scratch: string, cleanups: Cleanup[]): Promise<void> {
  const stage = join(scratch, 'stage');
  await step('build (tsc, into a staging copy)', () => stagePackage(stage));
  const tarball = await step('npm pack', () => packInto(stage, join(scratch, 'pack')));
  checkTarballFiles(tarball.files);
  const serverUrl = await step(
    process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PostgreSQL (embedded, start)',
    () => postgresServer(scratch, cleanups),
  );
  for (const kind of ['esm', 'cjs'] as const) {
    const dir = join(scratch, `host-${kind}`);
    await installAndCompile(kind, dir, tarball.path);
    const databaseUrl = await bootAndProbe(kind, dir, serverUrl, cleanups);
    if (kind === 'esm') await step('esm: ivr-migrate status (bin)', () => expectMigrateCliUpToDate(dir, databaseUrl));
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  // Under /tmp and world-traversable: as root, the embedded PostgreSQL runs as user "postgres" and must reach it.
  const scratch = await mkdtemp('/tmp/ivr-check-');
  await chmod(scratch, 0o755);
  await mkdir(join(scratch, 'pack'));
  const cleanups: Cleanup[] = [() => rm(scratch, { recursive: true, force: true, maxRetries: 3 }), stopRunning];
  // Last registered, first run; each runs once, even when a signal arrives during the clean-up.
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(1)));
  try {
    console.log(`check:package in ${scratch}`);
    await checkPackage(scratch, cleanups);
    console.log(`check:package passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`check:package FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await step('clean up', cleanUp);
  }
}

await main();
