// A company's NestJS app in miniature, written into a scratch folder: the contract's AppModule and a main.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type HostKind = 'esm' | 'cjs';

export interface ScratchHostSpec {
  readonly kind: HostKind;
  readonly dir: string;
  /** The packed library, as `npm pack` wrote it. */
  readonly tarball: string;
  /** What the host brings itself: the library's peerDependencies, and its own TypeScript set-up. */
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

/** What the host reads from its environment (a real host would validate it; here the check sets it). */
const SETTINGS_TS = `export const hostSettings = {
  databaseUrl: process.env.DATABASE_URL ?? '',
  port: Number(process.env.PORT),
  twilioAuthToken: process.env.TWILIO_AUTH_TOKEN ?? '',
  adminSecret: process.env.ADMIN_SECRET ?? '',
  spoolDir: process.env.SPOOL_DIR ?? '',
};
`;

const APP_MODULE_TS = `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IVR_ENTITIES, IvrModule } from 'twilio-ivr-backend';
import { hostSettings } from './host-settings.js';

@Module({
  imports: [
    TypeOrmModule.forRoot({ type: 'postgres', url: hostSettings.databaseUrl, entities: [...IVR_ENTITIES] }),
    IvrModule.forRoot({
      twilioAuthToken: hostSettings.twilioAuthToken,
      publicBaseUrl: 'https://ivr.example.com',
      spoolDir: hostSettings.spoolDir,
      adminTokens: [{ name: 'ops', role: 'admin', secret: hostSettings.adminSecret }],
      migrations: 'run',
    }),
  ],
})
export class AppModule {}
`;

const MAIN_TS = `import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { hostSettings } from './host-settings.js';

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  // No process.exit(): once the app is closed, whatever the IVR still held would keep the process alive.
  process.once('SIGTERM', () => {
    app.close().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  });
  await app.listen(hostSettings.port, '127.0.0.1');
  console.log('host listening');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
`;

/** A strict, decorator-enabled set-up as \`nest new\` writes it; \`type\` in package.json picks ESM or CommonJS output. */
const TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'ES2023',
    strict: true,
    // The shipped .d.ts are checked too: a type naming a file the package does not ship fails here.
    skipLibCheck: false,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
  },
  include: ['src'],
};

export async function writeScratchHost(spec: ScratchHostSpec): Promise<void> {
  await mkdir(join(spec.dir, 'src'), { recursive: true });
  const packageJson = {
    name: `ivr-check-host-${spec.kind}`,
    private: true,
    type: spec.kind === 'esm' ? 'module' : 'commonjs',
    dependencies: { 'twilio-ivr-backend': `file:${spec.tarball}`, ...spec.dependencies },
    devDependencies: spec.devDependencies,
  };
  await writeFile(join(spec.dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  await writeFile(join(spec.dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  await writeFile(join(spec.dir, 'src', 'host-settings.ts'), SETTINGS_TS);
  await writeFile(join(spec.dir, 'src', 'app.module.ts'), APP_MODULE_TS);
  await writeFile(join(spec.dir, 'src', 'main.ts'), MAIN_TS);
}
