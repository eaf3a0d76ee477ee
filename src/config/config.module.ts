import { Global, Logger, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { type AdminToken, parseAdminTokens } from './admin-tokens.js';
import { AppConfig } from './app-config.js';
import { readOrCreateDevelopmentSecret } from './development-secret.js';
import type { AdminJwtConfig } from './admin-jwt.js';
import { adminJwtConfigured, type EnvironmentVariables, validateEnvironment } from './environment.js';

const DEVELOPMENT_TWILIO_TOKEN_FILE = 'twilio-auth-token';
const DEVELOPMENT_ADMIN_TOKEN_FILE = 'admin-token';

function parseTrustProxy(value: boolean | string): boolean | number | string {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

function adminJwtConfig(environment: EnvironmentVariables): AdminJwtConfig | undefined {
  const { ADMIN_JWT_ISSUER: issuer, ADMIN_JWT_AUDIENCE: audience, ADMIN_JWKS_URL: jwksUrl } = environment;
  if (!adminJwtConfigured(environment) || !issuer || !audience || !jwksUrl) return undefined;
  return { issuer, audience, jwksUrl, roleClaim: environment.ADMIN_JWT_ROLE_CLAIM };
}

async function createAppConfig(): Promise<AppConfig> {
  // After ConfigModule has loaded any .env file into the environment.
  const environment = validateEnvironment(process.env);
  const dataDir = resolve(environment.DATA_DIR);
  const databaseUrl = environment.DATABASE_URL;
  // Generated once and kept under DATA_DIR, so a development server works (and the simulator signs) with no set-up.
  const generated: string[] = [];
  let twilioAuthToken = environment.TWILIO_AUTH_TOKEN;
  if (!twilioAuthToken) {
    twilioAuthToken = await readOrCreateDevelopmentSecret(dataDir, DEVELOPMENT_TWILIO_TOKEN_FILE);
    generated.push('TWILIO_AUTH_TOKEN');
  }
  const adminJwt = adminJwtConfig(environment);
  let adminTokens: AdminToken[];
  if (environment.ADMIN_TOKENS) {
    adminTokens = parseAdminTokens(environment.ADMIN_TOKENS);
  } else if (adminJwt) {
    // The identity provider's users are the admins: no development token to leave lying around.
    adminTokens = [];
  } else {
    const secret = await readOrCreateDevelopmentSecret(dataDir, DEVELOPMENT_ADMIN_TOKEN_FILE);
    adminTokens = [{ name: 'admin', role: 'admin', secret }];
    generated.push('ADMIN_TOKENS');
  }
  if (generated.length > 0) {
    new Logger('Config').warn(
      `${generated.join(' and ')} unset: using development secrets kept in ${dataDir} (set them in production)`,
    );
  }
  return new AppConfig({
    nodeEnv: environment.NODE_ENV,
    port: environment.PORT,
    databaseUrl,
    dataDir,
    twilioAuthToken,
    publicBaseUrl: environment.PUBLIC_BASE_URL,
    trustProxy: parseTrustProxy(environment.TRUST_PROXY),
    seedDemoMenu: !databaseUrl,
    adminTokens,
    adminJwt,
    logLevel: environment.LOG_LEVEL,
    metricsToken: environment.METRICS_TOKEN,
    corsOrigins: environment.CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [],
    adminRateLimit: environment.ADMIN_RATE_LIMIT,
    adminAuthFailureLimit: environment.ADMIN_AUTH_FAILURE_LIMIT,
    retentionDays: environment.RETENTION_DAYS,
    reportPoolSize: environment.REPORT_POOL_SIZE,
    reportTimeoutMs: environment.REPORT_TIMEOUT_MS,
    reportRollups: true,
    fallbackOperatorNumber: environment.OPERATOR_NUMBER,
    events: {
      allowHttp: environment.WEBHOOKS_ALLOW_HTTP,
      allowedAddressRanges: environment.WEBHOOKS_ALLOWED_RANGES?.split(',').map((range) => range.trim()) ?? [],
    },
    callerLookup:
      environment.CALLER_LOOKUP_URL && environment.CALLER_LOOKUP_SECRET
        ? { url: environment.CALLER_LOOKUP_URL, secret: environment.CALLER_LOOKUP_SECRET }
        : undefined,
    callerLookupTimeoutMs: environment.CALLER_LOOKUP_TIMEOUT_MS,
  });
}

@Global()
@Module({
  imports: [NestConfigModule.forRoot({ cache: true })],
  providers: [{ provide: AppConfig, inject: [ConfigService], useFactory: createAppConfig }],
  exports: [AppConfig],
})
export class ConfigModule {}

/** The validated environment, for entry points that run before (or outside) Nest. */
export async function readEnvironment(): Promise<EnvironmentVariables> {
  await NestConfigModule.envVariablesLoaded;
  return validateEnvironment(process.env);
}
