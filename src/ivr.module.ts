import { Logger, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { IVR_DATA_SOURCE } from './database/ivr-data-source.js';
import { ensureIvrSchema } from './database/migrate.js';
import { AdminAuthModule } from './admin-api/admin-auth.module.js';
import { AdminSessionModule } from './admin-api/admin-session.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CallSessionsModule } from './call-sessions/call-sessions.module.js';
import { IvrConfig, type IvrModuleOptions } from './ivr-options.js';
import { HOST_DATA_SOURCE, IVR_MODULE_OPTIONS, IvrConfigurableModule } from './ivr.module-definition.js';
import { EventsModule } from './events/events.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { IvrHealthModule } from './health/ivr-health.module.js';
import { ReportAggregatesModule } from './reporting/aggregates/report-aggregates.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { VoiceModule } from './voice/voice.module.js';

/**
 * The IVR as a library: Twilio's webhooks, the admin API, reports, retention. A host imports
 * `IvrModule.forRoot(options)` (or `forRootAsync`) next to its own TypeORM set-up; the IVR adds its routes and
 * its own providers, and sets nothing app-wide (no pipes, filters, guards, body parsers or logger of the host's).
 */
@Module({
  imports: [
    MetricsModule,
    AdminAuthModule,
    AdminSessionModule,
    RoutingModule,
    CallSessionsModule,
    AuditModule,
    VoiceModule,
    ReportingModule,
    ReportAggregatesModule,
    RetentionModule,
    IvrHealthModule,
    EventsModule,
  ],
  providers: [
    {
      provide: IvrConfig,
      inject: [IVR_MODULE_OPTIONS],
      useFactory: (options: IvrModuleOptions) => new IvrConfig(options),
    },
    {
      provide: IVR_DATA_SOURCE,
      inject: [IVR_MODULE_OPTIONS, HOST_DATA_SOURCE],
      // Everything that queries depends on this, so the schema is checked (or migrated) before any of it starts.
      useFactory: async (options: IvrModuleOptions, dataSource: DataSource): Promise<DataSource> => {
        const applied = await ensureIvrSchema(dataSource, options.migrations ?? 'verify');
        if (applied.length > 0) new Logger('IvrModule').log(`Applied migrations: ${applied.join(', ')}`);
        return dataSource;
      },
    },
  ],
  exports: [IvrConfig, IVR_DATA_SOURCE, IvrHealthModule, ReportAggregatesModule],
})
export class IvrModule extends IvrConfigurableModule {}
