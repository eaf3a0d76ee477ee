import { randomUUID } from 'node:crypto';
import type { CallerInfo, IvrCallHooks } from './call-hooks.js';
import { OutboundHttpClient } from './outbound/outbound-http.client.js';
import { signStandardWebhook } from './outbound/standard-webhooks.js';

export interface HttpCallerHooksOptions {
  /** The company's look-up service: POSTed `{ type: 'call.incoming', timestamp, data: { callSid, from, to, … } }`. */
  readonly url: string;
  /** Signs each request as webhook endpoints' requests are signed (Standard Webhooks, `whsec_…`). */
  readonly secret: string;
  /** The caller hook's budget; the IVR stops waiting then anyway (default 1000). */
  readonly timeoutMs?: number;
  /** As for webhook endpoints: http only for development, private addresses only when allowed. */
  readonly allowHttp?: boolean;
  readonly allowedAddressRanges?: readonly string[];
}

// A caller's name, greeting, department and tags fit in far less.
const MAX_ANSWER_BYTES = 16_384;

/**
 * The caller hook as an HTTP call, for hosts (the standalone server) whose caller data lives in another service. It
 * answers 200 with `{ callerName?, greeting?, departmentId?, tags? }` (or 204: nothing known); anything else counts as
 * the hook failing, and the call goes on with the normal menu.
 */
export function httpCallerHooks(options: HttpCallerHooksOptions): IvrCallHooks {
  const client = new OutboundHttpClient({
    timeoutMs: options.timeoutMs ?? 1000,
    maxResponseBytes: MAX_ANSWER_BYTES,
    allowHttp: options.allowHttp ?? false,
    allowedRanges: options.allowedAddressRanges ?? [],
  });
  return {
    async onIncomingCall(call) {
      const body = JSON.stringify({
        type: 'call.incoming',
        timestamp: call.receivedAt.toISOString(),
        data: { callSid: call.callSid, accountSid: call.accountSid, from: call.from, to: call.to },
      });
      const headers = signStandardWebhook([options.secret], `lookup_${randomUUID()}`, new Date(), body);
      const response = await client.post(options.url, body, { ...headers });
      if (response.statusCode === 204) return undefined;
      if (response.statusCode === null || response.statusCode < 200 || response.statusCode >= 300)
        throw new Error(`caller lookup ${response.error ?? `answered ${response.statusCode}`}`);
      if (response.bodyTruncated) throw new Error(`caller lookup answered more than ${MAX_ANSWER_BYTES} bytes`);
      // Checked field by field by the caller look-up (callerInfoFrom), like any hook's answer.
      return response.body.trim() === '' ? undefined : (JSON.parse(response.body) as CallerInfo);
    },
  };
}
