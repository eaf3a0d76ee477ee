import { type DynamicModule, Module } from '@nestjs/common';
import { findConsoleBuild } from './console-build.js';
import { ConsoleController } from './console.controller.js';
import { ConsoleFiles, type ConsolePaths } from './console-files.js';

/** The web console: static files served at the console path (see IvrModuleExtras.paths.console). */
@Module({})
export class ConsoleModule {
  static forPaths(paths: ConsolePaths): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleController],
      providers: [{ provide: ConsoleFiles, useFactory: () => new ConsoleFiles(findConsoleBuild(), paths) }],
    };
  }
}
