import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { DatabaseServer, DatabaseServerModule } from './database-server.js';
import { seedDemoMenu } from './seed-demo-menu.js';

/** Seeds the demo menu into the embedded database's first start (migrations already ran in the factory). */
@Injectable()
class DemoMenuSeeder implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.seedDemoMenu && (await seedDemoMenu(this.dataSource))) {
      this.logger.log('Seeded the demo menu (Sales = 1, Support = 2, Billing = 3)');
    }
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [DatabaseServer],
      useFactory: async (server: DatabaseServer) => ({
        ...dataSourceOptions(await server.connectionUrl()),
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [DemoMenuSeeder],
})
export class DatabaseModule {}
