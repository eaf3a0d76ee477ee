// Signing per the Standard Webhooks spec (https://www.standardwebhooks.com), so receivers can verify with any of its
// libraries.
import { createHmac, randomBytes } from 'node:crypto';

export interface StandardWebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/**
 * The three Standard Webhooks headers for `body`. With several secrets (during a rotation) the signature header holds
 * one `v1,<base64>` per secret, space-separated: a receiver holding either secret verifies the message.
 */
export function signStandardWebhook(
  secrets: readonly string[],
  messageId: string,
  timestamp: Date,
  body: string,
): StandardWebhookHeaders {
  if (secrets.length === 0) throw new Error('a webhook needs at least one signing secret');
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signed = `${messageId}.${seconds}.${body}`;
  const signatures = secrets.map((secret) => `v1,${hmacBase64(secretKey(secret), signed)}`);
  return { 'webhook-id': messageId, 'webhook-timestamp': seconds, 'webhook-signature': signatures.join(' ') };
}

/** The key a secret stands for: the base64 after `whsec_` (the prefix is optional, as in the spec's libraries). */
function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  // Buffer.from skips characters that are not base64, which would sign with a key no receiver holds.
  if (encoded === '' || !BASE64.test(encoded)) {
    throw new Error('a webhook signing secret must be whsec_ followed by base64 (see generateWebhookSecret)');
  }
  return Buffer.from(encoded, 'base64');
}

function hmacBase64(key: Buffer, content: string): string {
  return createHmac('sha256', key).update(content, 'utf8').digest('base64');
}
