import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { IvrConfig } from '../ivr-options.js';
import type { EndpointTarget } from './event-delivery.repository.js';
import type { IvrEvent } from './ivr-event.js';
import { OutboundHttpClient } from './outbound/outbound-http.client.js';
import type { OutboundResponse } from './outbound/outbound-response.js';
import { signStandardWebhook } from './outbound/standard-webhooks.js';

/** An event as its JSON body says it: the envelope Standard Webhooks suggests (type, timestamp, data) and ours. */
export function webhookBody(event: IvrEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt,
    callSid: event.callSid,
    sequence: event.sequence,
    data: event.data,
  });
}

/** Sends events to webhook endpoints, signed (Standard Webhooks: the event id is the message id), within the outbound policy. */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly client: OutboundHttpClient;

  constructor(config: IvrConfig) {
    const { events } = config;
    this.client = new OutboundHttpClient({
      timeoutMs: events.requestTimeoutMs,
      maxResponseBytes: events.maxResponseBytes,
      allowHttp: events.allowHttp,
      allowedRanges: events.allowedAddressRanges,
      maxRedirects: events.maxRedirects,
    });
  }

  send(endpoint: EndpointTarget, event: IvrEvent, now: Date): Promise<OutboundResponse> {
    const body = webhookBody(event);
    return this.client.post(endpoint.url, body, { ...signStandardWebhook(endpoint.secrets, event.id, now, body) });
  }

  onApplicationShutdown(): void {
    this.client.close();
  }
}
