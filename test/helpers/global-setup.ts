import { randomUUID } from 'node:crypto';
import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { type EmbeddedPostgres, stopOnProcessExit } from '../../src/database/embedded-postgres.js';
import { ensureIvrSchema } from '../../src/database/migrate.js';
import { TEST_DATA_PARENT } from './test-data-dir.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { assertTestDatabase, withClient, withDatabase } from './test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL with rights to create databases. */
    testServerUrl: string;
    /** A migrated database each test file clones. */
    templateDatabase: string;
    /** This run's own folder for the apps' DATA_DIRs (removed at the end, so parallel runs keep theirs). */
    testDataRoot: string;
  }
}

/** Starts one embedded PostgreSQL for the run (unless TEST_DATABASE_URL is set) and migrates a template database once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl: string;
  let embedded: EmbeddedPostgres | undefined;
  const dataDir = join('/tmp', `ivr-test-pg-${process.pid}-${Date.now()}`);
  const testDataRoot = join(TEST_DATA_PARENT, `run-${randomUUID()}`);
  project.provide('testDataRoot', testDataRoot);

  if (process.env.TEST_DATABASE_URL) {
    assertTestDatabase(process.env.TEST_DATABASE_URL);
    serverUrl = process.env.TEST_DATABASE_URL;
  } else {
    const postgres = await startEmbeddedPostgres({
      dataDir,
      password: 'test',
      persistent: false,
      settings: ['max_connections=300'],
    });
    embedded = postgres.server;
    stopOnProcessExit(embedded);
    serverUrl = postgres.urlOf('postgres_test');
    await withClient(withDatabase(serverUrl, 'postgres'), (client) => client.query('CREATE DATABASE postgres_test'));
  }

  const templateDatabase = `ivr_test_template_${process.pid}`;
  await withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
    await client.query(`CREATE DATABASE ${templateDatabase}`);
  });
  const dataSource = await new DataSource(dataSourceOptions(withDatabase(serverUrl, templateDatabase))).initialize();
  await ensureIvrSchema(dataSource, 'run');
  await dataSource.destroy();

  project.provide('testServerUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await rm(testDataRoot, { recursive: true, force: true });
    // The shared parent goes too once no other run uses it.
    await rmdir(TEST_DATA_PARENT).catch(() => undefined);
    await withClient(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`),
    ).catch(() => undefined);
    if (embedded) {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}
