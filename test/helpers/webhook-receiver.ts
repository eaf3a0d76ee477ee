import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver got, with what the Standard Webhooks reference library said of its signature. */
export interface ReceivedWebhook {
  readonly id: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly payload: {
    id: string;
    type: string;
    callSid: string | null;
    sequence: number | null;
    data: Record<string, unknown>;
  };
  readonly verified: boolean;
}

/** How the receiver answers a request: a status (and headers), or never (the request hangs). */
export type ReceiverAnswer =
  | {
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
      readonly delayMs?: number;
    }
  | 'hang';

/**
 * A company's webhook receiver on 127.0.0.1: records every request, checks its signature with the `standardwebhooks`
 * package (an implementation independent of ours), and answers as `answer` says (200 by default). It can be stopped
 * and started again on the same port, as a receiver that is down for a while.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: ReceivedWebhook) => ReceiverAnswer = () => ({ status: 200 });
  secret = '';
  private server: Server | undefined;
  private port = 0;
  private readonly hanging = new Set<ServerResponse>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/ivr-events`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The deliveries that arrived signed correctly, of events that are about `callSid`, in arrival order. */
  ofCall(callSid: string): ReceivedWebhook[] {
    return this.received.filter((webhook) => webhook.payload.callSid === callSid);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(',') : (value ?? ''),
      ]),
    );
    const verified = signedBy(this.secret, body, headers);
    const received: ReceivedWebhook = {
      id: headers['webhook-id'],
      headers,
      body,
      payload: JSON.parse(body) as ReceivedWebhook['payload'],
      verified,
    };
    this.received.push(received);
    const answer = this.answer(received);
    if (answer === 'hang') {
      this.hanging.add(response);
      return;
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    response.writeHead(answer.status, answer.headers).end(answer.body ?? 'ok');
  }
}

/** Whether the Standard Webhooks reference library accepts the request's signature. */
function signedBy(secret: string, body: string, headers: Record<string, string>): boolean {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}
