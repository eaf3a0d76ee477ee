import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from './config/app-config.js';
import { ivrApiDocument } from './index.js';

/** The standalone server's HTTP settings, shared by main.ts and the tests, so the tests run the app as production does. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get(AppConfig);
  // Decides whether X-Forwarded-Proto/Host are believed: the signature check depends on it.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders());
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Location', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  // The IVR's routes parse their own bodies and validate with their own pipes: nothing app-wide here.
  SwaggerModule.setup('docs', app, ivrApiDocument(app));
  return app;
}

/**
 * helmet's headers for what a browser may load: the admin API, reports, health. Not on Twilio's
 * webhooks: their one client is Twilio's HTTP fetcher, which none of these headers protect, and they
 * are the hot path (helmet's dozen middlewares were a tenth of a webhook's CPU). The API docs page
 * keeps its inline assets (no CSP there).
 */
function securityHeaders(): RequestHandler {
  const strict = helmet();
  const docs = helmet({ contentSecurityPolicy: false });
  return (request, response, next) => {
    if (request.path.startsWith('/voice/')) return next();
    return (request.path.startsWith('/docs') ? docs : strict)(request, response, next);
  };
}
