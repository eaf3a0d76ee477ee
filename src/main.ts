import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './app-setup.js';
import { AppModule } from './app.module.js';
import { AppConfig } from './config/app-config.js';
import { assertValidEnvironment } from './config/config.module.js';
import { ConfigurationError } from './config/environment.js';

async function bootstrap(): Promise<void> {
  await assertValidEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    abortOnError: false,
    // Held until the structured logger takes over, then written through it.
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.port);
  Logger.log(`Listening on port ${config.port}; point your Twilio number's Voice URL at /voice/incoming`, 'Bootstrap');

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
  // A configuration error is one clear line; anything else keeps its stack.
  if (error instanceof ConfigurationError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
