import { parsedUrl } from '../../common/url.js';

export interface OutboundUrlOptions {
  /** Plain http is for development receivers only: in production a webhook body and signature travel encrypted. */
  readonly allowHttp: boolean;
}

/** What is wrong with `url` as a webhook target, worded as the fix, or null when it may be called. */
export function outboundUrlProblem(url: string, options: OutboundUrlOptions): string | null {
  const parsed = parsedUrl(url);
  if (parsed === undefined) return 'webhook URL is not a valid absolute URL (write it as https://host/path)';
  return schemeProblem(parsed.protocol, options) ?? credentialsProblem(parsed);
}

function schemeProblem(protocol: string, options: OutboundUrlOptions): string | null {
  if (protocol === 'https:') return null;
  if (protocol === 'http:') {
    return options.allowHttp
      ? null
      : 'webhook URL must use https (http is allowed only when outbound http is enabled for development)';
  }
  return `webhook URL must use https, not ${protocol.slice(0, -1)}`;
}

// Credentials in a URL end up in logs and delivery records; the receiver authenticates us by the signature instead.
function credentialsProblem(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  return 'webhook URL must not carry credentials (remove user:password@; receivers verify the webhook-signature header)';
}
