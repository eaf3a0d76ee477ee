import { plainToInstance, Transform } from 'class-transformer';
import proxyAddr from 'proxy-addr';
import { isHttpUrl } from '../common/url.js';
import { tokenShapedLikeJwt } from './admin-jwt.js';
import { parseAdminTokens } from './admin-tokens.js';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const NODE_ENVIRONMENTS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

// Digits stay a hop count ("1" trusts one proxy, not every proxy).
function toBooleanWord({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(normalised)) return true;
  if (['false', 'no', 'off', ''].includes(normalised)) return false;
  return value.trim();
}

function toInteger({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
}

function blankToUndefined({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** The process environment this service reads, validated once at startup. */
export class EnvironmentVariables {
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** When set, GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>". */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Origins allowed to call the admin API from a browser ("https://admin.example.com,https://ops.example.com"); unset: no CORS. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://admin.example.com',
  })
  CORS_ORIGINS?: string;

  /** Admin API requests per minute per token (per instance). */
  @Transform(toInteger)
  @IsInt({ message: 'ADMIN_RATE_LIMIT must be an integer between 1 and 100000' })
  @Min(1, { message: 'ADMIN_RATE_LIMIT must be an integer between 1 and 100000' })
  @Max(100000, { message: 'ADMIN_RATE_LIMIT must be an integer between 1 and 100000' })
  ADMIN_RATE_LIMIT = 300;

  /** Failed admin authentications per minute per client address (per instance); then that address gets 429. */
  @Transform(toInteger)
  @IsInt({ message: 'ADMIN_AUTH_FAILURE_LIMIT must be an integer between 1 and 10000' })
  @Min(1, { message: 'ADMIN_AUTH_FAILURE_LIMIT must be an integer between 1 and 10000' })
  @Max(10000, { message: 'ADMIN_AUTH_FAILURE_LIMIT must be an integer between 1 and 10000' })
  ADMIN_AUTH_FAILURE_LIMIT = 30;

  /** Call sessions older than this many days are deleted by the daily retention job. */
  @Transform(toInteger)
  @IsInt({ message: 'RETENTION_DAYS must be an integer between 1 and 36500' })
  @Min(1, { message: 'RETENTION_DAYS must be an integer between 1 and 36500' })
  @Max(36500, { message: 'RETENTION_DAYS must be an integer between 1 and 36500' })
  RETENTION_DAYS = 400;

  /** Connections of the reports' own pool (per instance): at most this many report queries run at once. */
  @Transform(toInteger)
  @IsInt({ message: 'REPORT_POOL_SIZE must be an integer between 1 and 20' })
  @Min(1, { message: 'REPORT_POOL_SIZE must be an integer between 1 and 20' })
  @Max(20, { message: 'REPORT_POOL_SIZE must be an integer between 1 and 20' })
  REPORT_POOL_SIZE = 2;

  /** A report query running longer than this is stopped by PostgreSQL (the request gets 503). */
  @Transform(toInteger)
  @IsInt({ message: 'REPORT_TIMEOUT_MS must be an integer between 100 and 600000' })
  @Min(100, { message: 'REPORT_TIMEOUT_MS must be an integer between 100 and 600000' })
  @Max(600000, { message: 'REPORT_TIMEOUT_MS must be an integer between 100 and 600000' })
  REPORT_TIMEOUT_MS = 15000;

  /** Dialled when the database is unreachable and no menu is cached, and by the fallback URL. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^(\+[1-9]\d{1,14}|sip:[^\s@<>"]+@[^\s<>"]+)$/, {
    message: 'OPERATOR_NUMBER must be an E.164 number like +15551234567 or a sip: URI',
  })
  OPERATOR_NUMBER?: string;

  /** Webhook endpoints (and the caller lookup) may be plain http:// URLs: for development receivers only. */
  @Transform(toBooleanWord)
  @IsBoolean({ message: 'WEBHOOKS_ALLOW_HTTP must be true or false' })
  WEBHOOKS_ALLOW_HTTP = false;

  /** Private or loopback address ranges outbound requests may reach ("10.20.0.0/16,127.0.0.1"); unset: public only. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  WEBHOOKS_ALLOWED_RANGES?: string;

  /** The company's caller look-up service, asked who is calling at the start of each call (signed POST). */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'CALLER_LOOKUP_URL must be an http(s) URL such as https://crm.example.com/ivr/caller' },
  )
  CALLER_LOOKUP_URL?: string;

  /** The secret CALLER_LOOKUP_URL's requests are signed with (Standard Webhooks: whsec_ and base64). */
  @ValidateIf((environment: EnvironmentVariables) => environment.CALLER_LOOKUP_URL !== undefined)
  @Matches(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, {
    message: 'CALLER_LOOKUP_SECRET must be set with CALLER_LOOKUP_URL, as whsec_ followed by base64 (24+ bytes)',
  })
  CALLER_LOOKUP_SECRET?: string;

  /** How long the caller lookup may take before the call goes on with the normal menu. */
  @Transform(toInteger)
  @IsInt({ message: 'CALLER_LOOKUP_TIMEOUT_MS must be an integer between 50 and 10000' })
  @Min(50, { message: 'CALLER_LOOKUP_TIMEOUT_MS must be an integer between 50 and 10000' })
  @Max(10000, { message: 'CALLER_LOOKUP_TIMEOUT_MS must be an integer between 50 and 10000' })
  CALLER_LOOKUP_TIMEOUT_MS = 1000;

  /** Admin API bearer tokens, "name:role:secret,..." (checked by parseAdminTokens). */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_TOKENS?: string;

  /** The `iss` of the identity provider's admin JWTs; with ADMIN_JWT_AUDIENCE and ADMIN_JWKS_URL (all three or none). */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_JWT_ISSUER?: string;

  /** The `aud` the admin JWTs must carry (this service's client or API id at the identity provider). */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_JWT_AUDIENCE?: string;

  /** Where the identity provider publishes its public keys (its `jwks_uri`). */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'ADMIN_JWKS_URL must be an http(s) URL such as https://login.example.com/.well-known/jwks.json' },
  )
  ADMIN_JWKS_URL?: string;

  /** The JWT claim that holds the role, admin or viewer. */
  @Transform(({ value }) => blankToUndefined({ value }) ?? 'role')
  @Matches(/^\S{1,200}$/, { message: 'ADMIN_JWT_ROLE_CLAIM must be a claim name without spaces, such as role' })
  ADMIN_JWT_ROLE_CLAIM = 'role';

  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: NodeEnvironment = 'development';

  @Transform(toInteger)
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
  PORT = 3000;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1, { message: 'DATA_DIR must not be empty' })
  DATA_DIR = './.data';

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'TWILIO_AUTH_TOKEN must be at least 16 characters (copy it from the Twilio console)' })
  TWILIO_AUTH_TOKEN?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_BASE_URL must be an http(s) URL such as https://ivr.example.com' },
  )
  @Matches(/^https?:\/\/[^/?#]+\/?$/, {
    message: 'PUBLIC_BASE_URL must be the scheme and host (and port) only, without a path, query or fragment',
  })
  PUBLIC_BASE_URL?: string;

  /**
   * Express "trust proxy": true/false, a hop count, or proxy addresses/subnets ("loopback, 10.0.0.0/8").
   * Only trusted proxies may set X-Forwarded-Proto/Host for signature checks.
   */
  @Transform(toBooleanWord)
  @ValidateIf((environment: EnvironmentVariables) => typeof environment.TRUST_PROXY !== 'boolean')
  @Matches(/^(true|false|\d+|[\w.:/, -]+)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or a list of proxy addresses',
  })
  TRUST_PROXY: boolean | string = false;
}

export class ConfigurationError extends Error {}

/** A hop count, or addresses/subnets Express (proxy-addr) can compile. */
function assertTrustProxy(value: string): void {
  if (/^\d+$/.test(value)) return;
  try {
    proxyAddr.compile(value.split(',').map((entry) => entry.trim()));
  } catch (error) {
    throw new ConfigurationError(
      `Invalid configuration: TRUST_PROXY ${(error as Error).message} (use true, false, a hop count or addresses such as loopback, 10.0.0.0/8)`,
    );
  }
}

const ADMIN_JWT_VARIABLES = ['ADMIN_JWT_ISSUER', 'ADMIN_JWT_AUDIENCE', 'ADMIN_JWKS_URL'] as const;

/** Whether the admin API accepts the identity provider's JWTs: all three variables, or none. */
export function adminJwtConfigured(environment: EnvironmentVariables): boolean {
  const missing = ADMIN_JWT_VARIABLES.filter((name) => !environment[name]);
  if (missing.length === 0) return true;
  if (missing.length === ADMIN_JWT_VARIABLES.length) return false;
  throw new ConfigurationError(
    `Invalid configuration: ${missing.join(' and ')} must be set too (ADMIN_JWT_ISSUER, ADMIN_JWT_AUDIENCE and ADMIN_JWKS_URL go together, or none of them)`,
  );
}

/** ADMIN_TOKENS parsed; with JWTs on, a secret shaped like a JWT would never reach the static tokens. */
function assertAdminTokens(raw: string, jwt: boolean): void {
  try {
    const tokens = parseAdminTokens(raw);
    const shapedLikeJwt = jwt ? tokenShapedLikeJwt(tokens) : undefined;
    if (shapedLikeJwt) {
      throw new Error(
        `ADMIN_TOKENS token "${shapedLikeJwt.name}" has a secret shaped like a JWT, which would be checked as one: choose another`,
      );
    }
  } catch (error) {
    throw new ConfigurationError(`Invalid configuration: ${(error as Error).message}`);
  }
}

/** Validates the raw environment; the error message is one line naming the variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const environment = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(environment, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    throw new ConfigurationError(`Invalid configuration: ${message}`);
  }
  if (environment.NODE_ENV === 'production' && !environment.TWILIO_AUTH_TOKEN) {
    throw new ConfigurationError('Invalid configuration: TWILIO_AUTH_TOKEN is required when NODE_ENV=production');
  }
  const jwt = adminJwtConfigured(environment);
  if (environment.NODE_ENV === 'production' && !environment.ADMIN_TOKENS && !jwt) {
    throw new ConfigurationError(
      'Invalid configuration: ADMIN_TOKENS is required when NODE_ENV=production (name:role:secret,...), unless ADMIN_JWT_ISSUER, ADMIN_JWT_AUDIENCE and ADMIN_JWKS_URL are set',
    );
  }
  // Over plain HTTP, whoever sits on the path could serve their own keys and sign admin tokens.
  if (
    environment.NODE_ENV === 'production' &&
    environment.ADMIN_JWKS_URL &&
    !isHttpUrl(environment.ADMIN_JWKS_URL, ['https:'])
  ) {
    throw new ConfigurationError(
      'Invalid configuration: ADMIN_JWKS_URL must be an https:// URL when NODE_ENV=production',
    );
  }
  // Without either, the URL Twilio signed would be taken from the client's own Host header.
  if (environment.NODE_ENV === 'production' && !environment.PUBLIC_BASE_URL && environment.TRUST_PROXY === false) {
    throw new ConfigurationError(
      'Invalid configuration: PUBLIC_BASE_URL is required when NODE_ENV=production (the URL Twilio calls, e.g. https://ivr.example.com), unless TRUST_PROXY names the proxy that sends X-Forwarded-Host',
    );
  }
  if (typeof environment.TRUST_PROXY === 'string') assertTrustProxy(environment.TRUST_PROXY);
  if (environment.ADMIN_TOKENS) assertAdminTokens(environment.ADMIN_TOKENS, jwt);
  return environment;
}
