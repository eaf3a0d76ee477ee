import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../src/common/free-port.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { EmbeddedPostgres, stopOnProcessExit } from '../../src/database/embedded-postgres.js';
import { runMigrations } from '../../src/database/migrate.js';
import { assertTestDatabase, withClient, withDatabase } from './test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL with rights to create databases. */
    testServerUrl: string;
    /** A migrated database each test file clones. */
    templateDatabase: string;
  }
}

/** Starts one embedded PostgreSQL for the run (unless TEST_DATABASE_URL is set) and migrates a template database once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl: string;
  let embedded: EmbeddedPostgres | undefined;
  // Under /tmp (world-traversable): as root, the server runs as user "postgres" and must reach it.
  const dataDir = join('/tmp', `ivr-test-pg-${process.pid}-${Date.now()}`);

  if (process.env.TEST_DATABASE_URL) {
    assertTestDatabase(process.env.TEST_DATABASE_URL);
    serverUrl = process.env.TEST_DATABASE_URL;
  } else {
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    const port = await freePort();
    embedded = new EmbeddedPostgres({
      databaseDir: join(dataDir, 'data'),
      port,
      user: 'postgres',
      password: 'test',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
      onLog: () => undefined,
    });
    await embedded.initialise();
    await embedded.start();
    stopOnProcessExit(embedded);
    serverUrl = `postgres://postgres:test@127.0.0.1:${port}/postgres_test`;
    await withClient(withDatabase(serverUrl, 'postgres'), (client) => client.query('CREATE DATABASE postgres_test'));
  }

  const templateDatabase = `ivr_test_template_${process.pid}`;
  await withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
    await client.query(`CREATE DATABASE ${templateDatabase}`);
  });
  const dataSource = await new DataSource(dataSourceOptions(withDatabase(serverUrl, templateDatabase))).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  project.provide('testServerUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await withClient(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`),
    ).catch(() => undefined);
    if (embedded) {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}
