import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { configureApp } from '../../src/app-setup.js';
import { AppModule } from '../../src/app.module.js';
import { Clock } from '../../src/common/clock.js';
import type { AdminToken } from '../../src/config/admin-tokens.js';
import { AppConfig, type AppConfigValues } from '../../src/config/app-config.js';
import { appConfigForTests } from './app-config.js';
import { createDatabaseFromTemplate, dropDatabase } from './test-database.js';

export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const TEST_PUBLIC_BASE_URL = 'https://ivr.example.test';
export const ADMIN_SECRET = 'admin-secret-0123456789abcdef';
export const VIEWER_SECRET = 'viewer-secret-0123456789abcdef';
export const TEST_ADMIN_TOKENS: readonly AdminToken[] = [
  { name: 'alice', role: 'admin', secret: ADMIN_SECRET },
  { name: 'victor', role: 'viewer', secret: VIEWER_SECRET },
];

export interface TestAppOptions {
  readonly databaseUrl: string;
  readonly publicBaseUrl?: string | null;
  readonly trustProxy?: boolean | number | string;
  readonly metricsToken?: string;
  /** Any other configuration the test needs. */
  readonly config?: Partial<AppConfigValues>;
  /** The app's Clock (the admin API's "now", e.g. availability without `at`); the system time when absent. */
  readonly now?: () => Date;
  /** Modules of the host beside AppModule, e.g. one that provides ADMIN_ACTOR_RESOLVER. */
  readonly imports?: ModuleMetadata['imports'];
}

/** The real AppModule on a real database; only the configuration is supplied by the test. */
export async function createTestApp(options: TestAppOptions): Promise<NestExpressApplication> {
  const config = appConfigForTests({
    databaseUrl: options.databaseUrl,
    twilioAuthToken: TEST_AUTH_TOKEN,
    publicBaseUrl: options.publicBaseUrl === null ? undefined : (options.publicBaseUrl ?? TEST_PUBLIC_BASE_URL),
    trustProxy: options.trustProxy ?? false,
    adminTokens: TEST_ADMIN_TOKENS,
    metricsToken: options.metricsToken,
    ...options.config,
  });
  const builder = Test.createTestingModule({ imports: [AppModule, ...(options.imports ?? [])] })
    .overrideProvider(AppConfig)
    .useValue(config);
  const now = options.now;
  if (now) builder.overrideProvider(Clock).useValue({ now });
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureApp(app);
  await app.init();
  return app;
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject('testServerUrl');
  const url = await createDatabaseFromTemplate(serverUrl, inject('templateDatabase'));
  return { url, drop: () => dropDatabase(serverUrl, url) };
}

export function dataSourceOf(app: INestApplication): DataSource {
  return app.get(DataSource);
}

export type WebhookParams = Record<string, string>;

export interface SignedPostOptions {
  readonly token?: string;
  /** The URL Twilio would have called; defaults to the public base URL + path. */
  readonly signedUrl?: string;
  readonly headers?: Record<string, string>;
  readonly idempotencyToken?: string | null;
}

/** Posts a form-encoded webhook signed exactly as Twilio signs it. */
export function signedPost(
  app: INestApplication,
  path: string,
  params: WebhookParams,
  options: SignedPostOptions = {},
) {
  const url = options.signedUrl ?? `${TEST_PUBLIC_BASE_URL}${path}`;
  const signature = twilio.getExpectedTwilioSignature(options.token ?? TEST_AUTH_TOKEN, url, params);
  const idempotencyToken = options.idempotencyToken === undefined ? randomUUID() : options.idempotencyToken;
  let pending = request(app.getHttpServer())
    .post(path)
    .type('form')
    .set('User-Agent', 'TwilioProxy/1.1')
    .set('X-Twilio-Signature', signature);
  if (idempotencyToken) pending = pending.set('I-Twilio-Idempotency-Token', idempotencyToken);
  for (const [name, value] of Object.entries(options.headers ?? {})) pending = pending.set(name, value);
  return pending.send(params);
}

let callCounter = 0;
/** A realistic, unique CallSid ("CA" + 32 hex digits). */
export function newCallSid(): string {
  callCounter += 1;
  return `CA${randomUUID().replace(/-/g, '').slice(0, 24)}${callCounter.toString(16).padStart(8, '0')}`;
}

/** The parameters Twilio sends with every voice request. */
export function callParams(callSid: string, extra: WebhookParams = {}): WebhookParams {
  return {
    CallSid: callSid,
    AccountSid: 'AC00000000000000000000000000000000',
    From: '+15551230123',
    To: '+15559870000',
    CallStatus: 'in-progress',
    ApiVersion: '2010-04-01',
    Direction: 'inbound',
    Caller: '+15551230123',
    Called: '+15559870000',
    FromCountry: 'US',
    ...extra,
  };
}
