import { parsedUrl } from '../common/url.js';

export interface WebhookUrlRules {
  /** `http://` accepted (development only); otherwise https only. */
  readonly allowHttp: boolean;
}

/**
 * What is wrong with a webhook endpoint's URL, as a message that says the fix, or null when it may be used. Its
 * address is not checked here: a name may resolve elsewhere later, so the sender checks it after DNS, on each send.
 */
export function webhookUrlProblem(url: string, { allowHttp }: WebhookUrlRules): string | null {
  const parsed = parsedUrl(url);
  if (!parsed) return 'url must be an absolute URL such as https://example.com/ivr-events';
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `url must be an https:// URL (not ${parsed.protocol})`;
  if (parsed.username || parsed.password)
    return 'url must not contain credentials (user:password@): requests are signed with the endpoint secret instead';
  if (parsed.hash) return 'url must not have a #fragment: it is never sent to the server';
  if (parsed.protocol === 'http:' && !allowHttp)
    return 'url must use https (http is allowed only when events.allowHttp is set, for development)';
  return null;
}
