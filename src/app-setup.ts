import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AdminModule } from './admin/admin.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { strictValidationPipe } from './common/validation.js';
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
  app.useGlobalPipes(strictValidationPipe());
  setUpApiDocs(app);
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

/** The admin API's OpenAPI description, generated from its DTOs: UI at /docs, JSON at /docs-json. */
function setUpApiDocs(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Twilio IVR admin API')
      .setDescription(
        'Departments, business hours, holidays, menu settings, the audit log and call reports. Writes need an admin token and If-Match.',
      )
      .setVersion('1')
      // Not addBearerAuth(): it would add bearerFormat "JWT", and these tokens are opaque secrets.
      .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'a token from ADMIN_TOKENS' })
      .build(),
    { include: [AdminModule, ReportingModule] },
  );
  SwaggerModule.setup('docs', app, document);
}
