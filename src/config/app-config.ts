import type { AdminJwtConfig } from './admin-jwt.js';
import type { AdminToken } from './admin-tokens.js';
import type { LogLevel, NodeEnvironment } from './environment.js';

/** Typed, validated configuration, injected wherever settings from the environment are needed. */
export class AppConfig {
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
  /** Where callers go when the menu cannot be read (database down with nothing cached) and from the fallback URL. */
  readonly fallbackOperatorNumber?: string;

  constructor(values: Omit<AppConfig, 'isProduction'>) {
    this.nodeEnv = values.nodeEnv;
    this.port = values.port;
    this.databaseUrl = values.databaseUrl;
    this.dataDir = values.dataDir;
    this.twilioAuthToken = values.twilioAuthToken;
    this.publicBaseUrl = values.publicBaseUrl?.replace(/\/+$/, '');
    this.trustProxy = values.trustProxy;
    this.seedDemoMenu = values.seedDemoMenu;
    this.adminTokens = values.adminTokens;
    this.adminJwt = values.adminJwt;
    this.logLevel = values.logLevel;
    this.metricsToken = values.metricsToken;
    this.corsOrigins = values.corsOrigins;
    this.adminRateLimit = values.adminRateLimit;
    this.adminAuthFailureLimit = values.adminAuthFailureLimit;
    this.retentionDays = values.retentionDays;
    this.reportPoolSize = values.reportPoolSize;
    this.reportTimeoutMs = values.reportTimeoutMs;
    this.fallbackOperatorNumber = values.fallbackOperatorNumber;
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}
