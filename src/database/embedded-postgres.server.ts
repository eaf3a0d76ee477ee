import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../common/free-port.js';
import { readOrCreateDevelopmentSecret } from '../config/development-secret.js';
import { EmbeddedPostgres, stopOnProcessExit } from './embedded-postgres.js';

const DATABASE_NAME = 'ivr';

/** A PostgreSQL server run by the app itself, with its data under `<dataDir>/postgres`. */
export class EmbeddedPostgresServer {
  private readonly logger = new Logger('EmbeddedPostgres');
  private server?: EmbeddedPostgres;
  private forgetExitHook?: () => void;

  private constructor(private readonly dataDir: string) {}

  /** Starts the server (initialising the data folder on first use) and returns its connection URL. */
  static async start(dataDir: string): Promise<{ server: EmbeddedPostgresServer; url: string }> {
    const server = new EmbeddedPostgresServer(dataDir);
    const url = await server.start();
    return { server, url };
  }

  private async start(): Promise<string> {
    // Postgres runs as the unprivileged user "postgres" when we are root: it must be able to reach the folder.
    await mkdir(this.dataDir, { recursive: true, mode: 0o755 });
    await chmod(this.dataDir, 0o755);
    const password = await readOrCreateDevelopmentSecret(this.dataDir, 'postgres-password');
    const databaseDir = join(this.dataDir, 'postgres');
    const port = await freePort();
    const firstStart = !existsSync(join(databaseDir, 'PG_VERSION'));
    this.server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // Postgres refuses to run as root: as root, run it as a "postgres" user (created if missing).
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: () => undefined,
      onError: (error: unknown) => this.logger.debug(String(error)),
    });
    if (firstStart) {
      this.logger.log(`Initialising an embedded PostgreSQL in ${databaseDir}`);
      await this.server.initialise();
    }
    await this.server.start();
    this.forgetExitHook = stopOnProcessExit(this.server);
    if (firstStart) await this.server.createDatabase(DATABASE_NAME);
    this.logger.log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      this.forgetExitHook?.();
      await server.stop();
      this.logger.log('Embedded PostgreSQL stopped');
    }
  }
}
