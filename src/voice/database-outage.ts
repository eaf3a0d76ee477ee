/** The database did not answer in time: treated like an outage (the work may still commit later; replays dedupe). */
export class DatabaseTimeoutError extends Error {
  constructor(milliseconds: number) {
    super(`the database did not answer within ${milliseconds} ms`);
  }
}

// Network errors, and PostgreSQL's connection exceptions (08...), shutdown and overload codes.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down)/i;

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error` means the database is unreachable or too slow, rather than that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseTimeoutError) return true;
  if (!(error instanceof Error)) return false;
  const causes: object[] = [error];
  const driverError = (error as { driverError?: unknown }).driverError;
  if (driverError && typeof driverError === 'object') causes.push(driverError);
  if (error.cause && typeof error.cause === 'object') causes.push(error.cause);
  return causes.some((cause) => {
    const code = codeOf(cause);
    if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    return cause instanceof Error && UNAVAILABLE_MESSAGES.test(cause.message);
  });
}
