import type { AdminJwtConfig } from './admin-jwt.js';
import type { AdminToken } from './admin-tokens.js';
import type { IvrEventOptions } from '../events/event-options.js';
import type { LogLevel, NodeEnvironment } from './environment.js';

/** The standalone server's settings, each spelled once here: read from the environment (environment.ts) by config.module.ts. */
export interface AppConfigValues {
  readonly nodeEnv: NodeEnvironment;
  readonly port: number;
  /** Unset: the app starts an embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly twilioAuthToken: string;
  readonly publicBaseUrl?: string;
  readonly trustProxy: boolean | number | string;
  /** Seed the demo menu into an empty database (the embedded default only). */
  readonly seedDemoMenu: boolean;
  readonly adminTokens: readonly AdminToken[];
  /** Unset: the admin API accepts the static tokens only. */
  readonly adminJwt?: AdminJwtConfig;
  readonly logLevel: LogLevel;
  /** Unset: /metrics is open (keep it on an internal network). */
  readonly metricsToken?: string;
  /** Browser origins allowed on the admin API; empty: CORS stays off. */
  readonly corsOrigins: readonly string[];
  /** Admin API requests per minute per token, per instance. */
  readonly adminRateLimit: number;
  /** Failed admin authentications per minute per client address, per instance; then the address waits. */
  readonly adminAuthFailureLimit: number;
  readonly retentionDays: number;
  /** The reports' own pool: how many report queries run at once on this instance. */
  readonly reportPoolSize: number;
  /** PostgreSQL's statement_timeout for report queries. */
  readonly reportTimeoutMs: number;
  /** Roll the report aggregates up on this instance (always in the server; tests turn it off to roll up themselves). */
  readonly reportRollups: boolean;
  /** Where callers go when the menu cannot be read (database down with nothing cached) and from the fallback URL. */
  readonly fallbackOperatorNumber?: string;
  /** Event delivery: the outbound policy from the environment (tests may tune the rest). */
  readonly events: IvrEventOptions;
  /** The company's caller look-up service; unset: no caller hook. */
  readonly callerLookup?: { readonly url: string; readonly secret: string };
  readonly callerLookupTimeoutMs: number;
}

// The interface holds the fields; the class is the injection token that carries them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface AppConfig extends AppConfigValues {}

/** Typed, validated configuration, injected wherever the standalone server needs a setting. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AppConfig {
  constructor(values: AppConfigValues) {
    Object.assign(this, values, { publicBaseUrl: values.publicBaseUrl?.replace(/\/+$/, '') });
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}
