import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AuditModule } from './audit/audit.module.js';
import { EventsModule } from './events/events.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { ReportingModule } from './reporting/reporting.module.js';

/**
 * The OpenAPI description of the IVR's admin API, generated from its DTOs: a host serves it where it likes
 * (the standalone server: UI at /docs, JSON at /docs-json) or merges its paths into its own document.
 */
export function ivrApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Twilio IVR admin API')
      .setDescription(
        'Departments, business hours, holidays, menu settings, webhook endpoints, the audit log and call reports. Writes need an admin token and If-Match.',
      )
      .setVersion('1')
      // Not addBearerAuth(): it would add bearerFormat "JWT", and these tokens are opaque secrets.
      .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'a token from ADMIN_TOKENS' })
      .build(),
    { include: [RoutingModule, AuditModule, ReportingModule, EventsModule] },
  );
}
