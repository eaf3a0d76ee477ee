import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from './config/app-config.js';

export const BODY_LIMIT = '64kb';

/** HTTP settings shared by main.ts and the tests, so the tests run the app as production does. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get(AppConfig);
  // Decides whether X-Forwarded-Proto/Host are believed: the signature check depends on it.
  app.set('trust proxy', config.trustProxy);
  // Flat form fields exactly as Twilio signed them (no nested "a[b]" parsing).
  app.useBodyParser('urlencoded', { extended: false, limit: BODY_LIMIT });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.disable('x-powered-by');
  return app;
}
