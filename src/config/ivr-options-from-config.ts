import { join } from 'node:path';
import { httpCallerHooks } from '../events/http-caller-hooks.js';
import type { IvrModuleOptions } from '../ivr-options.js';
import type { AppConfig } from './app-config.js';

/** The standalone server's environment, as the options any host gives IvrModule. */
export function ivrOptionsFrom(config: AppConfig): IvrModuleOptions {
  return {
    // The standalone server owns its database: it migrates at startup.
    migrations: 'run',
    twilioAuthToken: config.twilioAuthToken,
    publicBaseUrl: config.publicBaseUrl,
    // In development the request's own Host header may decide the signed URL (a tunnel, localhost).
    requireTrustedHost: config.isProduction,
    spoolDir: join(config.dataDir, 'spool'),
    fallbackOperatorNumber: config.fallbackOperatorNumber,
    retentionDays: config.retentionDays,
    adminTokens: config.adminTokens,
    adminJwt: config.adminJwt,
    adminRateLimit: config.adminRateLimit,
    adminAuthFailureLimit: config.adminAuthFailureLimit,
    reportPoolSize: config.reportPoolSize,
    reportTimeoutMs: config.reportTimeoutMs,
    reportRollups: config.reportRollups,
    events: config.events,
    callerHookTimeoutMs: config.callerLookupTimeoutMs,
    callHooks:
      config.callerLookup &&
      httpCallerHooks({
        ...config.callerLookup,
        timeoutMs: config.callerLookupTimeoutMs,
        allowHttp: config.events.allowHttp,
        allowedAddressRanges: config.events.allowedAddressRanges,
      }),
  };
}
