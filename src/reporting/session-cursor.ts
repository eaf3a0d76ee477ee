import { parseInstant } from './instant.js';

/**
 * Where a page of sessions ends, in the listing's order (started_at DESC, call_sid DESC). The start
 * time keeps PostgreSQL's microseconds: rounded to milliseconds, rows of the same millisecond would
 * be skipped or repeated.
 */
export interface SessionKey {
  /** Canonical instant (see parseInstant). */
  readonly startedAt: string;
  readonly callSid: string;
}

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,512}$/;
const MAX_CALL_SID_LENGTH = 64;

/** An opaque cursor: base64url of the JSON pair [startedAt, callSid]. */
export function encodeCursor(key: SessionKey): string {
  return Buffer.from(JSON.stringify([key.startedAt, key.callSid])).toString('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The key a cursor from encodeCursor holds, or null for anything else. */
export function decodeCursor(cursor: string): SessionKey | null {
  if (!CURSOR_PATTERN.test(cursor)) return null;
  const pair = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(pair) || pair.length !== 2) return null;
  const [startedAt, callSid] = pair as unknown[];
  if (typeof startedAt !== 'string' || parseInstant(startedAt) !== startedAt) return null;
  if (typeof callSid !== 'string' || callSid.length === 0 || callSid.length > MAX_CALL_SID_LENGTH) return null;
  return { startedAt, callSid };
}
