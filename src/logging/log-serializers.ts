import type { Level } from 'pino';
import { maskPhoneNumbersInUrl } from '../common/mask.js';

export interface LoggedRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
}

/** A request line's request: method and URL with caller numbers masked; never headers (tokens, signatures) or bodies. */
export function serializeRequest(request: LoggedRequest): LoggedRequest {
  return { id: request.id, method: request.method, url: maskPhoneNumbersInUrl(request.url) };
}

// A failed query's values (TypeORM's QueryFailedError.parameters) and the row PostgreSQL echoes back
// ("Failing row contains (...)", pg's detail) hold whatever the query wrote or looked for: caller numbers.
const QUERY_VALUE_FIELDS: ReadonlySet<string> = new Set(['parameters', 'detail']);

/** An error as pino serialized it, without the values of a failed query, here and in the errors it wraps. */
export function serializeError(error: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(error)) {
    if (QUERY_VALUE_FIELDS.has(field)) continue;
    kept[field] = isSerializedError(value) ? serializeError(value) : value;
  }
  return kept;
}

const isSerializedError = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && 'message' in value && 'stack' in value;

/**
 * A refused token (401) or a throttled client (429) is routine noise an attacker can produce at will:
 * its request line is info; the admin guard writes the warning, once per address per minute.
 */
export function requestLogLevel(statusCode: number, error?: Error): Level {
  if (error || statusCode >= 500) return 'error';
  if (statusCode === 401 || statusCode === 429) return 'info';
  return statusCode >= 400 ? 'warn' : 'info';
}
