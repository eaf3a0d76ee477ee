import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgresServer } from './embedded-postgres.server.js';

/** Where the database is: DATABASE_URL, or an embedded PostgreSQL this process starts and stops. */
@Injectable()
export class DatabaseServer implements OnApplicationShutdown {
  private embedded?: EmbeddedPostgresServer;

  constructor(private readonly config: AppConfig) {}

  async connectionUrl(): Promise<string> {
    if (this.config.databaseUrl) return this.config.databaseUrl;
    const { server, url } = await EmbeddedPostgresServer.start(this.config.dataDir);
    this.embedded = server;
    return url;
  }

  // Runs after TypeORM has closed its pool: this module is imported by TypeORM's, so it shuts down later.
  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

@Module({ providers: [DatabaseServer], exports: [DatabaseServer] })
export class DatabaseServerModule {}
