/** Stable codes of the reports' own errors; ReportExceptionFilter maps each to an HTTP status. */
export type ReportErrorCode = 'REPORT.BUSY' | 'REPORT.TIMEOUT';

/** A report that could not run now: the client may ask again after retryAfterSeconds (Retry-After). */
export abstract class ReportError extends Error {
  abstract readonly code: ReportErrorCode;
  abstract readonly retryAfterSeconds: number;
}

export class ReportsBusyError extends ReportError {
  readonly code = 'REPORT.BUSY';
  readonly retryAfterSeconds = 5;
  constructor() {
    super('Too many reports are running on this server: ask again in a few seconds');
  }
}

export class ReportTimeoutError extends ReportError {
  readonly code = 'REPORT.TIMEOUT';
  readonly retryAfterSeconds = 30;
  constructor(timeoutMs: number) {
    super(`The report ran longer than ${timeoutMs / 1000} s and was stopped: ask for a shorter range, or again later`);
  }
}

// query_canceled: what PostgreSQL answers when statement_timeout stops a statement.
const QUERY_CANCELED = '57014';
// too_many_connections, and the pool giving up on opening a connection: the database is saturated.
const SATURATED_CODES = new Set(['53300']);
const SATURATED_MESSAGES = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i;

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The report error that a database error stands for, or null when it stands for a bug (a 500). */
export function reportErrorFor(error: unknown, statementTimeoutMs: number): ReportError | null {
  if (error instanceof ReportError) return error;
  if (!(error instanceof Error)) return null;
  const code = codeOf(error);
  if (code === QUERY_CANCELED) return new ReportTimeoutError(statementTimeoutMs);
  if ((code !== undefined && SATURATED_CODES.has(code)) || SATURATED_MESSAGES.test(error.message))
    return new ReportsBusyError();
  return null;
}
