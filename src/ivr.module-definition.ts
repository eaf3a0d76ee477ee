import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AdminSessionModule } from './admin-api/admin-session.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConsoleModule } from './console/console.module.js';
import type { IvrModuleOptions } from './ivr-options.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { EventsModule } from './events/events.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { VoiceModule } from './voice/voice.module.js';

/** The host's DataSource, chosen when the module is declared (an "extra": it shapes the module, not its options). */
export const HOST_DATA_SOURCE = Symbol('HOST_DATA_SOURCE');

export interface IvrModuleExtras {
  /** The name of the host's TypeORM DataSource to work on (`TypeOrmModule.forRoot({ name })`); default: the default one. */
  readonly dataSource?: string;
  /**
   * Where the webhooks, the admin API and the web console are served, under the host's global prefix (default
   * `voice`, `admin`, `console`); `console: false` leaves the console out.
   */
  readonly paths?: { readonly voice?: string; readonly admin?: string; readonly console?: string | false };
}

/** The IVR's routes under the paths chosen (per application: Nest keeps a module's path per app). */
function ivrRoutes(paths: IvrModuleExtras['paths']): DynamicModule[] {
  const voice = paths?.voice ?? 'voice';
  const admin = paths?.admin ?? 'admin';
  const consolePath = paths?.console ?? 'console';
  const consoleModule = consolePath === false ? [] : [ConsoleModule.forPaths({ console: consolePath, admin })];
  return [
    ...consoleModule,
    RouterModule.register([
      { path: voice, module: VoiceModule },
      { path: admin, module: RoutingModule },
      { path: admin, module: AuditModule },
      { path: admin, module: ReportingModule },
      { path: admin, module: EventsModule },
      { path: admin, module: AdminSessionModule },
      ...(consolePath === false ? [] : [{ path: consolePath, module: ConsoleModule }]),
    ]),
  ];
}

export const {
  ConfigurableModuleClass: IvrConfigurableModule,
  MODULE_OPTIONS_TOKEN: IVR_MODULE_OPTIONS,
  OPTIONS_TYPE: IVR_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: IVR_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<IvrModuleOptions>({ moduleName: 'Ivr' })
  .setClassMethodName('forRoot')
  .setExtras<IvrModuleExtras>({ dataSource: undefined, paths: undefined }, (definition, extras) => ({
    ...definition,
    imports: [...(definition.imports ?? []), ...ivrRoutes(extras.paths)],
    // Global so that each feature module sees IvrConfig; it only adds the IVR's own tokens, nothing of the host's.
    global: true,
    providers: [
      ...(definition.providers ?? []),
      { provide: HOST_DATA_SOURCE, useExisting: getDataSourceToken(extras.dataSource) },
    ],
  }))
  .build();
