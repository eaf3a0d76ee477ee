import { randomBytes } from 'node:crypto';

/** A new endpoint secret: 32 random bytes, in the Standard Webhooks form (`whsec_` + base64). */
export function generateWebhookSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64');
}
