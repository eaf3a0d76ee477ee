import type { Request } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

/** The id the logging middleware gave this request (also sent back as X-Request-Id). */
export function requestIdOf(request: Request): string {
  return request.header(REQUEST_ID_HEADER) ?? 'unknown';
}
