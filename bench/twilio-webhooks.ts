import { randomBytes, randomUUID } from 'node:crypto';
import twilio from 'twilio';

/** Both targets check signatures against this base URL, as a deployment behind a public hostname would. */
export const BENCH_PUBLIC_BASE_URL = 'http://bench.local';
export const BENCH_AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
export const BENCH_ADMIN_TOKENS = 'bench:admin:bench-admin-secret-0123456789';

export type WebhookParams = Record<string, string>;

/** One webhook as Twilio would deliver it: path (with query) and form parameters. */
export interface WebhookRequest {
  /** Path and query, e.g. "/voice/gather?round=1"; also the label latencies are grouped by (without the query). */
  readonly path: string;
  readonly params: WebhookParams;
  /** What a correct answer from the real app contains; the minimal handler always answers its static menu. */
  readonly expect: RegExp;
  /** It changes nothing on the call (the `<Record>` action): the app writes no row, not even a receipt. */
  readonly changesNothing?: boolean;
}

export const sid = (prefix: string): string => `${prefix}${randomBytes(16).toString('hex')}`;

/** The headers Twilio sends: its user agent, the signature over public URL + sorted params, a fresh idempotency token. */
export function twilioHeaders(request: WebhookRequest, body: string): Record<string, string> {
  const signedUrl = `${BENCH_PUBLIC_BASE_URL}${request.path}`;
  return {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(body)),
    'User-Agent': 'TwilioProxy/1.1',
    'X-Twilio-Signature': twilio.getExpectedTwilioSignature(BENCH_AUTH_TOKEN, signedUrl, request.params),
    'I-Twilio-Idempotency-Token': randomUUID(),
  };
}

export function encodeForm(params: WebhookParams): string {
  return new URLSearchParams(params).toString();
}
