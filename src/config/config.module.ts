import { Global, Logger, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { AppConfig } from './app-config.js';
import { readOrCreateDevelopmentSecret } from './development-secret.js';
import { validateEnvironment, type EnvironmentVariables } from './environment.js';

const DEVELOPMENT_TWILIO_TOKEN_FILE = 'twilio-auth-token';

function parseTrustProxy(value: boolean | string): boolean | number | string {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

async function createAppConfig(config: ConfigService<EnvironmentVariables, true>): Promise<AppConfig> {
  const dataDir = resolve(config.get('DATA_DIR', { infer: true }));
  const databaseUrl = config.get('DATABASE_URL', { infer: true });
  let twilioAuthToken = config.get('TWILIO_AUTH_TOKEN', { infer: true });
  if (!twilioAuthToken) {
    twilioAuthToken = await readOrCreateDevelopmentSecret(dataDir, DEVELOPMENT_TWILIO_TOKEN_FILE);
    new Logger('Config').warn(
      `TWILIO_AUTH_TOKEN is unset: using the development token ${twilioAuthToken} (kept in ${dataDir}/${DEVELOPMENT_TWILIO_TOKEN_FILE})`,
    );
  }
  return new AppConfig({
    nodeEnv: config.get('NODE_ENV', { infer: true }),
    port: config.get('PORT', { infer: true }),
    databaseUrl,
    dataDir,
    twilioAuthToken,
    publicBaseUrl: config.get('PUBLIC_BASE_URL', { infer: true }),
    trustProxy: parseTrustProxy(config.get('TRUST_PROXY', { infer: true })),
    seedDemoMenu: !databaseUrl,
  });
}

@Global()
@Module({
  imports: [NestConfigModule.forRoot({ validate: validateEnvironment, cache: true })],
  providers: [{ provide: AppConfig, inject: [ConfigService], useFactory: createAppConfig }],
  exports: [AppConfig],
})
export class ConfigModule {}
