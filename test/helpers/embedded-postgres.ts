import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../src/common/free-port.js';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';

type ServerOptions = NonNullable<ConstructorParameters<typeof EmbeddedPostgres>[0]>;

export interface TestPostgresOptions {
  /** Holds the cluster (in `data`); under /tmp (world-traversable): as root, the server runs as user "postgres" and must reach it. */
  readonly dataDir: string;
  /** The password of user "postgres". */
  readonly password: string;
  /** Whether stop() keeps the data, so that the same server can start again. */
  readonly persistent: boolean;
  /** Server settings (`name=value`) beyond the test defaults: listening on 127.0.0.1 only, fsync off. */
  readonly settings?: readonly string[];
  /** What the server writes to stderr; console.error unless given. */
  readonly onError?: ServerOptions['onError'];
}

export interface TestPostgres {
  readonly server: EmbeddedPostgres;
  /** The connection URL of a database on the server, as user "postgres". */
  urlOf(database: string): string;
}

/** Initialises and starts a quiet embedded PostgreSQL for tests, on a free port; stopping it is the caller's. */
export async function startEmbeddedPostgres(options: TestPostgresOptions): Promise<TestPostgres> {
  const { dataDir, password, persistent, settings = [], onError } = options;
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['listen_addresses=127.0.0.1', 'fsync=off', ...settings].flatMap((setting) => ['-c', setting]),
    onLog: () => undefined,
    ...(onError && { onError }),
  });
  await server.initialise();
  await server.start();
  return { server, urlOf: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}` };
}
