import { parsedUrl } from '../../common/url.js';

export interface OutboundUrlOptions {
  /** Plain http is for development receivers only: in production a webhook body and signature travel encrypted. */
  readonly allowHttp: boolean;
}

/**
 * What is wrong with `url` as a webhook target, worded as the fix, or null when it may be called: checked when an
 * endpoint is saved (the message then names the field) and again on every send. Its address is checked at send
 * time, after DNS: a name may resolve elsewhere later.
 */
export function outboundUrlProblem(url: string, options: OutboundUrlOptions): string | null {
  const parsed = parsedUrl(url);
  if (parsed === undefined) return 'url must be an absolute URL such as https://example.com/ivr-events';
  return schemeProblem(parsed.protocol, options) ?? credentialsProblem(parsed) ?? fragmentProblem(parsed);
}

function schemeProblem(protocol: string, options: OutboundUrlOptions): string | null {
  if (protocol === 'https:') return null;
  if (protocol === 'http:') {
    return options.allowHttp
      ? null
      : 'url must use https (http is allowed only when events.allowHttp is set, for development)';
  }
  return `url must be an https:// URL (not ${protocol})`;
}

// Credentials in a URL end up in logs and delivery records; the receiver authenticates us by the signature instead.
function credentialsProblem(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  return 'url must not contain credentials (user:password@): requests are signed with the endpoint secret instead';
}

function fragmentProblem(url: URL): string | null {
  return url.hash ? 'url must not have a #fragment: it is never sent to the server' : null;
}
