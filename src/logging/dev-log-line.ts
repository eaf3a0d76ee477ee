/** Fields every pino line carries, or that the line's prefix already shows. */
const SHOWN_ELSEWHERE: ReadonlySet<string> = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'context',
  'event',
  'err',
]);

/**
 * The readable text of one development log line: `[Context] message key=value …`. Call events
 * (`{ event: 'call.gather', callSid, round, … }`) read as `call.gather callSid=CA… round=1 …`;
 * request lines as `GET /admin/departments 200 12ms`; an error adds its message and stack.
 */
export function developmentLogLine(log: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  if (typeof log.context === 'string') parts.push(`[${log.context}]`);
  const request = requestSummary(log);
  if (request) parts.push(request);
  else {
    if (typeof log.event === 'string') parts.push(log.event);
    if (typeof log.msg === 'string' && log.msg !== '') parts.push(log.msg);
    parts.push(...keyValues(log));
  }
  const error = errorText(log.err);
  return error ? `${parts.join(' ')}\n${error}` : parts.join(' ');
}

function keyValues(log: Readonly<Record<string, unknown>>): string[] {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(log)) {
    if (SHOWN_ELSEWHERE.has(key) || value === undefined || value === null) continue;
    pairs.push(`${key}=${text(value)}`);
  }
  return pairs;
}

/** pino-http's line: the request and its answer, in the order a developer reads them. */
function requestSummary(log: Readonly<Record<string, unknown>>): string | undefined {
  const request = log.req as { method?: unknown; url?: unknown; id?: unknown } | undefined;
  const response = log.res as { statusCode?: unknown } | undefined;
  if (!request || typeof request !== 'object') return undefined;
  const parts = [text(request.method), text(request.url)];
  if (response && typeof response === 'object') parts.push(text(response.statusCode));
  if (typeof log.responseTime === 'number') parts.push(`${log.responseTime}ms`);
  if (request.id !== undefined) parts.push(`requestId=${text(request.id)}`);
  return parts.join(' ');
}

function errorText(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { stack, message } = error as { stack?: unknown; message?: unknown };
  if (typeof stack === 'string') return stack;
  return typeof message === 'string' ? message : undefined;
}

const text = (value: unknown): string =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
