// `npm run migration:run`, `npm run seed` and `npm run reports:rebuild`: the app's own database wiring, without the HTTP server.
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../config/config.module.js';
import { ConfigurationError } from '../config/environment.js';
import { createLogger } from '../config/logger.js';
import { ReportAggregatesService } from '../reporting/aggregates/report-aggregates.service.js';
import { DatabaseModule } from './database.module.js';
import { seedDemoMenu } from './seed-demo-menu.js';

@Module({ imports: [ConfigModule, DatabaseModule] })
class DatabaseCliModule {}

const COMMANDS = ['migrate', 'seed', 'rebuild-aggregates'] as const;
type Command = (typeof COMMANDS)[number];

async function run(command: Command): Promise<void> {
  // Creating the context connects and applies pending migrations (see DatabaseModule).
  const context = await NestFactory.createApplicationContext(DatabaseCliModule, {
    logger: createLogger(),
    abortOnError: false,
  });
  try {
    if (command === 'seed') {
      const seeded = await seedDemoMenu(context.get(DataSource));
      Logger.log(seeded ? 'Demo menu seeded' : 'Departments already exist: nothing seeded', 'Seed');
    } else if (command === 'rebuild-aggregates') {
      // Waits for a rollup running on a server instance, then counts every stored call again.
      const started = Date.now();
      const { finalThrough } = await new ReportAggregatesService(context.get(DataSource)).rebuild();
      const through = finalThrough ? `final through ${finalThrough.toISOString()}` : 'no call old enough yet';
      Logger.log(`Report aggregates rebuilt in ${Date.now() - started} ms (${through})`, 'Reports');
    } else {
      Logger.log('Migrations are up to date', 'Migrate');
    }
  } finally {
    await context.close();
  }
}

const command = process.argv[2];
if (!COMMANDS.includes(command as Command)) {
  console.error(`Usage: cli.js ${COMMANDS.join('|')}`);
  process.exit(2);
}
run(command as Command).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigurationError ? error.message : error);
    process.exit(1);
  },
);
