import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Refuses to touch a database whose name does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name))
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: each test file starts from an empty, migrated schema. */
export async function createDatabaseFromTemplate(serverUrl: string, template: string): Promise<string> {
  const name = `ivr_test_${randomBytes(5).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.replace(/^\//, '');
  assertTestDatabase(databaseUrl);
  await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
