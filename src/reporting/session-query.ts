import { InvalidRequestError } from '../admin-api/admin-errors.js';
import type { SessionFilter } from './call-session-report.repository.js';
import type { CallSessionQueryDto } from './dto/call-session-query.dto.js';
import { SESSION_PAGE_SIZE } from './dto/call-session-query.dto.js';
import { assertOrdered } from './report-range.js';
import { decodeCursor, type SessionKey } from './session-cursor.js';

export interface SessionPageRequest {
  readonly filter: SessionFilter;
  /** The last session of the previous page; null for the first page. */
  readonly after: SessionKey | null;
  readonly limit: number;
}

export function toSessionFilter(query: CallSessionQueryDto): SessionFilter {
  assertOrdered(query.from, query.to);
  return {
    from: query.from,
    to: query.to,
    outcome: query.outcome,
    departmentId: query.departmentId,
    caller: query.caller,
  };
}

/** A JSON page: the filters, where the previous page ended, and how many rows. */
export function toPageRequest(query: CallSessionQueryDto): SessionPageRequest {
  const filter = toSessionFilter(query);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && after === null) {
    throw new InvalidRequestError('cursor must be the nextCursor of a previous page');
  }
  return { filter, after, limit: query.limit ?? SESSION_PAGE_SIZE.default };
}

/** A CSV export has every matching row: a page size or a page start would silently cut it. */
export function toExportFilter(query: CallSessionQueryDto): SessionFilter {
  if (query.cursor !== undefined || query.limit !== undefined) {
    throw new InvalidRequestError('format=csv exports every matching call: leave out limit and cursor');
  }
  return toSessionFilter(query);
}
