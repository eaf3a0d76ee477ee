import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cluster from 'node:cluster';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './app-setup.js';
import { AppModule } from './app.module.js';
import { AppConfig } from './config/app-config.js';
import { readEnvironment } from './config/config.module.js';
import { ConfigurationError } from './config/environment.js';
import { IvrSchemaBehindError } from './index.js';
import { createRootLogger, PinoNestLogger } from './logging/pino-logger.js';
import { exitBecausePortIsTaken, startUpBanner } from './start-up-banner.js';
import { portIsFree } from './common/free-port.js';

async function bootstrap(): Promise<void> {
  const environment = await readEnvironment();
  const production = environment.NODE_ENV === 'production';
  // Before the embedded database starts: a taken port is one line and a second, not a start and a stop.
  if (!(await portIsFree(environment.PORT))) exitBecausePortIsTaken(environment.PORT);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    abortOnError: false,
    // From the first line on, so each line carries its own time (no buffering until the app is built).
    logger: new PinoNestLogger(createRootLogger({ level: environment.LOG_LEVEL, readable: !production })),
  });
  configureApp(app);
  const config = app.get(AppConfig);
  try {
    await app.listen(config.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // Taken since the check above: stop the embedded database too.
    await app.close();
    exitBecausePortIsTaken(config.port);
  }
  if (production) {
    Logger.log(
      `Listening on port ${config.port}; point your Twilio number's Voice URL at /voice/incoming`,
      'Bootstrap',
    );
  } else if (!cluster.isWorker || cluster.worker?.id === 1) {
    // One banner, not one per worker (npm run start:cluster).
    const developmentAdminToken = environment.ADMIN_TOKENS ? undefined : config.adminTokens[0]?.secret;
    console.log(startUpBanner({ port: config.port, publicBaseUrl: config.publicBaseUrl, developmentAdminToken }));
  }

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    Logger.log(`${signal} received: finishing requests in flight, then stopping`, 'Bootstrap');
    // app.close() runs the shutdown hooks: the pool closes, then the embedded database stops.
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        Logger.error(`Shutdown failed: ${String(error)}`, 'Bootstrap');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

bootstrap().catch((error: unknown) => {
  // A configuration error or a schema to migrate is one clear line; anything else keeps its stack.
  if (error instanceof ConfigurationError || error instanceof IvrSchemaBehindError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
