import { ConfigurableModuleBuilder } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { IvrModuleOptions } from './ivr-options.js';

/** The host's DataSource, chosen when the module is declared (an "extra": it shapes the module, not its options). */
export const HOST_DATA_SOURCE = Symbol('HOST_DATA_SOURCE');

export interface IvrModuleExtras {
  /** The name of the host's TypeORM DataSource to work on (`TypeOrmModule.forRoot({ name })`); default: the default one. */
  readonly dataSource?: string;
}

export const {
  ConfigurableModuleClass: IvrConfigurableModule,
  MODULE_OPTIONS_TOKEN: IVR_MODULE_OPTIONS,
  OPTIONS_TYPE: IVR_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: IVR_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<IvrModuleOptions>({ moduleName: 'Ivr' })
  .setClassMethodName('forRoot')
  .setExtras<IvrModuleExtras>({ dataSource: undefined }, (definition, extras) => ({
    ...definition,
    // Global so that each feature module sees IvrConfig; it only adds the IVR's own tokens, nothing of the host's.
    global: true,
    providers: [
      ...(definition.providers ?? []),
      { provide: HOST_DATA_SOURCE, useExisting: getDataSourceToken(extras.dataSource) },
    ],
  }))
  .build();
