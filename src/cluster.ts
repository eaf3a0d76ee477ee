// `npm run start:cluster`: one worker per core on one port (Node's cluster module shares the socket).
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { readEnvironment } from './config/config.module.js';
import { ConfigurationError } from './config/environment.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { EmbeddedPostgresServer } from './database/embedded-postgres.server.js';
import { ensureIvrSchema } from './database/migrate.js';
import { seedDemoMenu } from './database/seed-demo-menu.js';
import { portIsFree } from './common/free-port.js';
import { exitBecausePortIsTaken } from './start-up-banner.js';
import { createRootLogger, PinoNestLogger } from './logging/pino-logger.js';

const logger = new Logger('Cluster');

/**
 * Without DATABASE_URL the primary runs the embedded PostgreSQL (workers cannot each start one on the
 * same data folder), migrates and seeds it, and hands its URL to the workers.
 */
async function prepareDatabase(
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  if (databaseUrl) return { url: databaseUrl, stop: () => Promise.resolve() };
  const { server, url } = await EmbeddedPostgresServer.start(resolve(dataDir));
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await ensureIvrSchema(dataSource, 'run');
    await seedDemoMenu(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return { url, stop: () => server.stop() };
}

async function startPrimary(): Promise<void> {
  const environment = await readEnvironment();
  const readable = environment.NODE_ENV !== 'production';
  Logger.overrideLogger(new PinoNestLogger(createRootLogger({ level: environment.LOG_LEVEL, readable })));
  // Before the database starts, and once: workers would otherwise each fail, and be restarted, forever.
  if (!(await portIsFree(environment.PORT))) exitBecausePortIsTaken(environment.PORT);
  const database = await prepareDatabase(environment.DATABASE_URL, environment.DATA_DIR);
  const workers = availableParallelism();
  cluster.setupPrimary({ exec: fileURLToPath(new URL('./main.js', import.meta.url)) });
  for (let index = 0; index < workers; index++) cluster.fork({ DATABASE_URL: database.url });
  logger.log(`${workers} workers on port ${environment.PORT}`);

  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    logger.warn(`worker ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork({ DATABASE_URL: database.url });
  });
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping the workers (each finishes its requests in flight)`);
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise<void>((done) => (worker?.isDead() ? done() : worker?.once('exit', () => done()))),
    );
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    void Promise.all(exits)
      .then(() => database.stop())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

startPrimary().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
