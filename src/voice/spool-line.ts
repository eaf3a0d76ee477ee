import { isWebhookKind, type WebhookEvent } from '../twilio/webhook-event.js';

/** One spooled webhook, one line of JSON: the event as it is (its arrival time as an ISO string). */
export function toSpoolLine(event: WebhookEvent): string {
  return `${JSON.stringify(event)}\n`;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A line written by an earlier version (`endpoint` + flat `input`): the kinds are the old endpoints
 * and the inputs had the event's field names, so the event is the two put together.
 */
function fromEarlierVersion({ endpoint, input, ...call }: JsonObject): JsonObject {
  return { ...call, ...(isObject(input) ? input : {}), kind: endpoint };
}

/**
 * The event of a spool line, or null when the line is not one (cut off by a crash mid-write,
 * or edited by hand): such a line must not keep the rest of the spool from being replayed.
 */
export function parseSpoolLine(line: string): WebhookEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const fields = 'endpoint' in parsed && !('kind' in parsed) ? fromEarlierVersion(parsed) : parsed;
  const receivedAt = typeof fields.receivedAt === 'string' ? new Date(fields.receivedAt) : null;
  if (!isWebhookKind(fields.kind) || typeof fields.callSid !== 'string' || !receivedAt) return null;
  if (Number.isNaN(receivedAt.getTime()) || typeof fields.requestId !== 'string') return null;
  // Written by toSpoolLine from a validated event: the kind's own fields are as the controller made them.
  return { ...fields, receivedAt } as unknown as WebhookEvent;
}
