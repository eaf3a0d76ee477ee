import type { Registry } from 'prom-client';
import type { AdminActorResolver } from './admin-api/admin-actor.js';
import { isHttpUrl, parsedUrl } from './common/url.js';
import { type AdminJwtConfig, tokenShapedLikeJwt } from './config/admin-jwt.js';
import { type AdminToken, isAdminRole, MIN_SECRET_LENGTH } from './config/admin-tokens.js';
import type { IvrSchemaMode } from './database/migrate.js';
import type { IvrCallHooks } from './events/call-hooks.js';
import { EventDeliveryConfig, type IvrEventOptions } from './events/event-options.js';
import { IvrOptionsError } from './ivr-options-error.js';

/** What a host gives `IvrModule.forRoot(…)`. The library reads no environment variable: the host does. */
export interface IvrModuleOptions {
  /**
   * At startup: `run` applies the IVR's pending migrations (in schema `ivr`, one instance at a time), `verify`
   * refuses to start while any is pending, naming the command to run (default: `verify`, for hosts that migrate
   * in their own pipeline with `npx ivr-migrate up` or the exported IVR_MIGRATIONS).
   */
  readonly migrations?: IvrSchemaMode;
  /** Twilio's auth token: every webhook's X-Twilio-Signature is checked against it. */
  readonly twilioAuthToken: string;
  /**
   * The URL Twilio calls, such as `https://ivr.example.com` (no trailing slash): the signed URL is this plus the
   * request's full original path (the host's global prefix included). Unset: the request's own scheme and host,
   * as the host's Express `trust proxy` setting reports them.
   */
  readonly publicBaseUrl?: string;
  /**
   * Refuse webhooks whose signed URL would come from the client's own Host header (no `publicBaseUrl`, no
   * X-Forwarded-Host from a proxy Express trusts). Default: true. The standalone server turns it off in development.
   */
  readonly requireTrustedHost?: boolean;
  /** A folder of this instance's own where webhooks wait while PostgreSQL is away (created if missing). */
  readonly spoolDir: string;
  /** Where callers go when the menu cannot be read at all, and from Twilio's fallback URL. */
  readonly fallbackOperatorNumber?: string;
  /** Call sessions older than this many days are purged daily (default 400). */
  readonly retentionDays?: number;
  /** The admin API's bearer tokens. */
  readonly adminTokens?: readonly AdminToken[];
  /** An identity provider whose JWTs the admin API accepts beside the tokens. */
  readonly adminJwt?: AdminJwtConfig;
  /**
   * The host's own admin auth: maps a request to `{ id, name, role: 'admin' | 'viewer' }`, or undefined (401).
   * When given, the tokens and JWTs above are not consulted and the audit log records the host's user.
   */
  readonly adminActorResolver?: AdminActorResolver;
  /** Admin API requests per minute per token, per instance (default 300). */
  readonly adminRateLimit?: number;
  /** Failed admin authentications per minute per client address, per instance (default 30). */
  readonly adminAuthFailureLimit?: number;
  /** How many report queries run at once on this instance (default 2). */
  readonly reportPoolSize?: number;
  /** PostgreSQL's statement_timeout for report queries, in ms (default 15000). */
  readonly reportTimeoutMs?: number;
  /**
   * Roll the report aggregates up on this instance, at start and every five minutes (default true). Off: another
   * instance does, or the host calls ReportAggregatesService.rollUp() on its own schedule; reports stay exact either
   * way, only slower over long ranges while the aggregates lag.
   */
  readonly reportRollups?: boolean;
  /** The prom-client registry the IVR's metrics go to (default: a registry of its own). */
  readonly metricsRegistry?: Registry;
  /**
   * Asked who is calling when a call starts: a greeting, a department to send the caller straight to, tags. Also
   * found as a provider under IVR_CALL_HOOKS anywhere in the host's app when not given here.
   */
  readonly callHooks?: IvrCallHooks;
  /** How long the caller hook may take, in ms, before the call goes on with the normal menu (default 1000). */
  readonly callerHookTimeoutMs?: number;
  /** Delivery of the IVR's events to the host's `@OnIvrEvent` handlers and to webhook endpoints. */
  readonly events?: IvrEventOptions;
}

export { IvrOptionsError };

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new IvrOptionsError(`${name} must be a whole number of at least 1`);
  return value;
}

function baseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = parsedUrl(value);
  if (!url || !isHttpUrl(value) || url.search || url.hash)
    throw new IvrOptionsError('publicBaseUrl must be the http(s) URL Twilio calls, such as https://ivr.example.com');
  return value.replace(/\/+$/, '');
}

/**
 * Without all of these, jose would skip the check of what is missing (a token of another app of the same identity
 * provider would pass), so each must be there.
 */
function checkedAdminJwt(jwt: AdminJwtConfig | undefined, tokens: readonly AdminToken[]): AdminJwtConfig | undefined {
  if (jwt === undefined) return undefined;
  for (const field of ['issuer', 'audience', 'roleClaim'] as const)
    if (!isText(jwt[field]))
      throw new IvrOptionsError(`adminJwt.${field} must be set (the identity provider's ${field})`);
  if (!isHttpUrl(jwt.jwksUrl))
    throw new IvrOptionsError("adminJwt.jwksUrl must be the identity provider's https:// jwks_uri");
  const shapedLikeJwt = tokenShapedLikeJwt(tokens);
  if (shapedLikeJwt)
    throw new IvrOptionsError(
      `adminTokens "${shapedLikeJwt.name}" has a secret shaped like a JWT: it would be checked as one`,
    );
  return jwt;
}

function checkedAdminTokens(tokens: readonly AdminToken[] | undefined): readonly AdminToken[] {
  for (const token of tokens ?? []) {
    if (
      !isText(token.name) ||
      !isAdminRole(token.role) ||
      typeof token.secret !== 'string' ||
      token.secret.length < MIN_SECRET_LENGTH
    )
      throw new IvrOptionsError(
        `adminTokens must each be { name, role: "admin" | "viewer", secret of ${MIN_SECRET_LENGTH}+ characters }`,
      );
  }
  return tokens ?? [];
}

/** The options checked, with their defaults filled in: what the library's parts inject. */
export class IvrConfig {
  readonly twilioAuthToken: string;
  readonly publicBaseUrl?: string;
  readonly requireTrustedHost: boolean;
  readonly spoolDir: string;
  readonly fallbackOperatorNumber?: string;
  readonly retentionDays: number;
  readonly adminTokens: readonly AdminToken[];
  readonly adminJwt?: AdminJwtConfig;
  readonly adminActorResolver?: AdminActorResolver;
  readonly adminRateLimit: number;
  readonly adminAuthFailureLimit: number;
  readonly reportPoolSize: number;
  readonly reportTimeoutMs: number;
  readonly reportRollups: boolean;
  readonly metricsRegistry?: Registry;
  readonly callHooks?: IvrCallHooks;
  readonly callerHookTimeoutMs: number;
  readonly events: EventDeliveryConfig;

  constructor(options: IvrModuleOptions) {
    // A host may build its options in plain JavaScript or from its environment: checked once, at startup.
    if (!isText(options.twilioAuthToken))
      throw new IvrOptionsError("twilioAuthToken must be your Twilio account's auth token");
    if (!isText(options.spoolDir))
      throw new IvrOptionsError('spoolDir must be a folder of this instance, such as /var/lib/ivr/spool');
    if (options.migrations !== undefined && !['run', 'verify'].includes(options.migrations))
      throw new IvrOptionsError("migrations must be 'run' or 'verify'");
    this.twilioAuthToken = options.twilioAuthToken;
    this.publicBaseUrl = baseUrl(options.publicBaseUrl);
    this.requireTrustedHost = options.requireTrustedHost ?? true;
    this.spoolDir = options.spoolDir;
    this.fallbackOperatorNumber = options.fallbackOperatorNumber;
    this.retentionDays = positiveInteger('retentionDays', options.retentionDays, 400);
    this.adminTokens = checkedAdminTokens(options.adminTokens);
    this.adminJwt = checkedAdminJwt(options.adminJwt, this.adminTokens);
    this.adminActorResolver = options.adminActorResolver;
    this.adminRateLimit = positiveInteger('adminRateLimit', options.adminRateLimit, 300);
    this.adminAuthFailureLimit = positiveInteger('adminAuthFailureLimit', options.adminAuthFailureLimit, 30);
    this.reportPoolSize = positiveInteger('reportPoolSize', options.reportPoolSize, 2);
    this.reportTimeoutMs = positiveInteger('reportTimeoutMs', options.reportTimeoutMs, 15_000);
    this.reportRollups = options.reportRollups ?? true;
    this.metricsRegistry = options.metricsRegistry;
    if (options.callHooks !== undefined && typeof options.callHooks.onIncomingCall !== 'function')
      throw new IvrOptionsError('callHooks must have an onIncomingCall(call) method');
    this.callHooks = options.callHooks;
    this.callerHookTimeoutMs = positiveInteger('callerHookTimeoutMs', options.callerHookTimeoutMs, 1000);
    this.events = new EventDeliveryConfig(options.events);
  }
}
