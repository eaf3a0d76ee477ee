import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module.js';
import { AdminAuthModule } from './admin/admin-auth.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CallSessionsModule } from './call-sessions/call-sessions.module.js';
import { IvrConfig, type IvrModuleOptions } from './ivr-options.js';
import { IVR_MODULE_OPTIONS, IvrConfigurableModule } from './ivr.module-definition.js';
import { MetricsModule } from './metrics/metrics.module.js';
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
    RoutingModule,
    CallSessionsModule,
    AuditModule,
    VoiceModule,
    AdminModule,
    ReportingModule,
    RetentionModule,
  ],
  providers: [
    {
      provide: IvrConfig,
      inject: [IVR_MODULE_OPTIONS],
      useFactory: (options: IvrModuleOptions) => new IvrConfig(options),
    },
  ],
  exports: [IvrConfig, MetricsModule, RoutingModule],
})
export class IvrModule extends IvrConfigurableModule {}
