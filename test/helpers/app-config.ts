import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import { AppConfig, type AppConfigValues } from '../../src/config/app-config.js';
import { ivrOptionsFrom } from '../../src/config/ivr-options-from-config.js';
import { IvrConfig } from '../../src/ivr-options.js';
import { TEST_DATA_PARENT } from './test-data-dir.js';

/** An AppConfig for tests: quiet, no embedded database, overridable field by field. */
export function appConfigForTests(overrides: Partial<AppConfigValues> = {}): AppConfig {
  return new AppConfig({
    nodeEnv: 'test',
    port: 0,
    // A folder of its own, inside the run's folder the global set-up removes: the webhook spool lives there.
    dataDir: join(inject('testDataRoot') ?? join(TEST_DATA_PARENT, 'unit'), randomUUID()),
    twilioAuthToken: 'test-auth-token-0123456789abcdef',
    trustProxy: false,
    seedDemoMenu: false,
    adminTokens: [],
    logLevel: 'silent',
    corsOrigins: [],
    adminRateLimit: 10_000,
    adminAuthFailureLimit: 10_000,
    retentionDays: 400,
    reportPoolSize: 2,
    reportTimeoutMs: 15_000,
    // The tests that read the aggregates roll them up themselves, at the moment they choose.
    reportRollups: false,
    // No delivery unless a test asks (with its own receiver on 127.0.0.1): no request leaves for an endpoint's URL.
    events: { deliver: false },
    callerLookupTimeoutMs: 1000,
    ...overrides,
  });
}

/** The library's configuration as the standalone server would give it, from appConfigForTests(overrides). */
export function ivrConfigForTests(overrides: Partial<AppConfigValues> = {}): IvrConfig {
  return new IvrConfig(ivrOptionsFrom(appConfigForTests(overrides)));
}
