import { Agent, request } from 'node:http';
import { encodeForm, twilioHeaders, type WebhookRequest } from './twilio-webhooks.js';

export type PostOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'network-error'; readonly code: string };

/**
 * Signed webhook POSTs to one local target over a keep-alive pool of at most `maxSockets`
 * connections, as Twilio's edge reuses connections to a busy webhook host.
 */
export class WebhookClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    maxSockets: number,
    private readonly timeoutMs: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'fifo' });
  }

  post(webhook: WebhookRequest): Promise<PostOutcome> {
    const body = encodeForm(webhook.params);
    return new Promise((resolve) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: webhook.path,
          method: 'POST',
          agent: this.agent,
          headers: twilioHeaders(webhook, body),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ kind: 'response', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          response.on('error', (error: NodeJS.ErrnoException) =>
            resolve({ kind: 'network-error', code: error.code ?? error.message }),
          );
        },
      );
      // Twilio gives up after 15 s at most; so do we, and count it as an error.
      outgoing.setTimeout(this.timeoutMs, () =>
        outgoing.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ kind: 'network-error', code: error.code ?? error.message }),
      );
      outgoing.end(body);
    });
  }

  /** Closes the pooled connections, so no idle socket outlives its phase. */
  close(): void {
    this.agent.destroy();
  }
}
