import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { IvrModuleOptions } from './ivr-options.js';

export const {
  ConfigurableModuleClass: IvrConfigurableModule,
  MODULE_OPTIONS_TOKEN: IVR_MODULE_OPTIONS,
  OPTIONS_TYPE: IVR_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: IVR_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<IvrModuleOptions>({ moduleName: 'Ivr' })
  .setClassMethodName('forRoot')
  // Global so that each feature module sees IvrConfig; it only adds the IVR's own tokens, nothing of the host's.
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
