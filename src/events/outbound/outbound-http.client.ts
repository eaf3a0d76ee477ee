import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { addressRefusal, parseAllowedRanges, parsedAddress } from './outbound-address.js';
import type { OutboundResponse } from './outbound-response.js';
import { outboundUrlProblem } from './outbound-url.js';
import { retryAfterMs } from './retry-after.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

export type ResolveHostname = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface OutboundHttpOptions {
  /** The whole call: resolving, connecting, every redirect hop and reading the response body. */
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly allowHttp?: boolean;
  /** CIDR ranges (or bare addresses) let through although not public, e.g. `127.0.0.1/32` in development. */
  readonly allowedRanges?: readonly string[];
  readonly maxRedirects?: number;
  readonly resolve?: ResolveHostname;
}

const DEFAULT_OPTIONS: Required<OutboundHttpOptions> = {
  timeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  allowHttp: false,
  allowedRanges: [],
  maxRedirects: 0,
  resolve: (hostname) => lookup(hostname, { all: true }),
};

export const OUTBOUND_USER_AGENT = 'twilio-ivr-webhooks/1';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

type Outcome = Omit<OutboundResponse, 'latencyMs'>;

/** One request's outcome, with the Location it named, if any. */
interface Hop {
  readonly outcome: Outcome;
  readonly location: string | undefined;
}

/** A target that passed the policy, with the addresses the connection may use. */
interface CheckedTarget {
  readonly url: URL;
  readonly addresses: readonly ResolvedAddress[];
}

/**
 * POSTs webhooks to host-configured URLs without letting them reach the host's own network (SSRF): the URL, every
 * address its name resolves to, and every redirect hop are checked, and the socket connects only to a checked
 * address, so a DNS answer that changes between the check and the connect (rebinding) is never used.
 */
export class OutboundHttpClient {
  private readonly options: Required<OutboundHttpOptions>;
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  constructor(options: OutboundHttpOptions = {}) {
    this.options = {
      ...DEFAULT_OPTIONS,
      ...options,
      allowedRanges: parseAllowedRanges(options.allowedRanges ?? []),
    };
  }

  /** Never throws: a refusal, a network error or a timeout is described in the answer. */
  async post(url: string, body: string, headers: Record<string, string>): Promise<OutboundResponse> {
    const startedAt = performance.now();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs);
    try {
      const outcome = await this.postFollowingRedirects(url, body, headers, deadline.signal);
      return { ...outcome, latencyMs: Math.round(performance.now() - startedAt) };
    } catch (error) {
      const message = deadline.signal.aborted ? this.timedOut() : errorMessage(error);
      return { ...failure(message, null), latencyMs: Math.round(performance.now() - startedAt) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the kept-alive connections; the client must not be used afterwards. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async postFollowingRedirects(
    url: string,
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Outcome> {
    // Every hop gets the same POST, whatever the 3xx: a webhook re-sent as a GET (303) would deliver nothing.
    let target = url;
    let lastStatus: number | null = null;
    for (let hop = 0; ; hop++) {
      const checked = await this.checkTarget(target, signal);
      if (typeof checked === 'string') {
        return refusal(hop === 0 ? checked : redirectRefused(target, checked), lastStatus);
      }
      const { outcome, location } = await this.send(checked, body, headers, signal);
      const next = redirectTarget(outcome.statusCode, location, checked.url);
      if (next === null) return outcome;
      if (hop >= this.options.maxRedirects) return { ...outcome, ...notFollowed(next, this.options.maxRedirects) };
      target = next;
      lastStatus = outcome.statusCode;
    }
  }

  /** The URL and the addresses to connect to, or why the policy refuses them. */
  private async checkTarget(target: string, signal: AbortSignal): Promise<CheckedTarget | string> {
    const problem = outboundUrlProblem(target, { allowHttp: this.options.allowHttp });
    if (problem !== null) return problem;
    const url = new URL(target);
    const hostname = hostnameOf(url);
    const addresses = await this.addressesOf(hostname, signal);
    const refused = addresses
      .map((entry) => addressRefusal(entry.address, this.options.allowedRanges))
      .find((reason) => reason !== null);
    if (refused === undefined) return { url, addresses: addresses.map(canonicalAddress) };
    return isIP(hostname) === 0 ? `${hostname}: ${refused}` : refused;
  }

  // An IP literal is checked as written; a name is resolved here, once, and the connection uses these answers.
  private async addressesOf(hostname: string, signal: AbortSignal): Promise<readonly ResolvedAddress[]> {
    const family = isIP(hostname);
    if (family !== 0) return [{ address: hostname, family }];
    const addresses = await untilAborted(this.options.resolve(hostname), signal);
    if (addresses.length === 0) throw new Error(`${hostname} resolved to no address`);
    return addresses;
  }

  private send(target: CheckedTarget, body: string, headers: Record<string, string>, signal: AbortSignal) {
    const secure = target.url.protocol === 'https:';
    return new Promise<Hop>((settle) => {
      const request = (secure ? https : http).request(target.url, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: requestHeaders(headers, body),
        lookup: pinnedLookup(target.addresses),
      });
      const finish = (hop: Hop) => {
        signal.removeEventListener('abort', onAbort);
        settle(hop);
      };
      const onAbort = () => {
        request.destroy();
        finish({ outcome: failure(this.timedOut(), null), location: undefined });
      };
      request.on('error', (error) => finish({ outcome: failure(error.message, null), location: undefined }));
      request.on('response', (response) => readResponse(response, this.options.maxResponseBytes, finish));
      whenAborted(signal, onAbort);
      if (!signal.aborted) request.end(body);
    });
  }

  private timedOut(): string {
    return `timed out after ${this.options.timeoutMs} ms`;
  }
}

/** Reads at most `maxBytes` of the body, then destroys the socket: a huge or endless body costs no more. */
function readResponse(response: http.IncomingMessage, maxBytes: number, finish: (hop: Hop) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const complete = (bodyTruncated: boolean, error: string | null) => {
    if (done) return;
    done = true;
    finish({ outcome: responseOutcome(response, chunks, bodyTruncated, error), location: response.headers.location });
  };
  response.on('data', (chunk: Buffer) => {
    const room = maxBytes - size;
    chunks.push(chunk.subarray(0, room));
    size += Math.min(chunk.length, room);
    if (chunk.length <= room) return;
    complete(true, null);
    response.destroy();
  });
  response.on('end', () => complete(false, null));
  // 'close' without 'end': the receiver hung up mid-body (after 'end' or a truncation this does nothing).
  response.on('close', () => complete(false, 'connection closed before the response body ended'));
  // Destroying the response (truncation, timeout) may emit an error that 'close' already accounts for.
  response.on('error', () => undefined);
}

function responseOutcome(
  response: http.IncomingMessage,
  chunks: readonly Buffer[],
  bodyTruncated: boolean,
  error: string | null,
): Outcome {
  return {
    statusCode: response.statusCode ?? null,
    body: Buffer.concat(chunks).toString('utf8'),
    bodyTruncated,
    retryAfterMs: retryAfterMs(headerValue(response.headers['retry-after']), new Date()),
    error,
    refused: false,
  };
}

/** Answers the socket's DNS question with the addresses already checked, instead of asking DNS again. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  const answers = addresses.map(({ address, family }) => ({ address, family }));
  return (_hostname, options, callback) => {
    if (options.all) callback(null, answers);
    else callback(null, answers[0].address, answers[0].family);
  };
}

function requestHeaders(headers: Record<string, string>, body: string): Record<string, string> {
  const merged: Record<string, string> = { 'user-agent': OUTBOUND_USER_AGENT, 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(headers)) merged[name.toLowerCase()] = value;
  merged['content-length'] = String(Buffer.byteLength(body));
  return merged;
}

/** Where a redirect points, resolved against the URL that answered, or null for any other answer. */
function redirectTarget(statusCode: number | null, location: string | undefined, url: URL): string | null {
  if (statusCode === null || !REDIRECT_STATUSES.has(statusCode) || location === undefined) return null;
  return resolvedLocation(location, url);
}

function resolvedLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function notFollowed(location: string, maxRedirects: number): Pick<Outcome, 'error' | 'refused'> {
  const why = maxRedirects === 0 ? '' : `more than ${maxRedirects} redirects; `;
  return { error: `redirect not followed (${why}Location ${location})`, refused: true };
}

function redirectRefused(target: string, problem: string): string {
  return `redirect to ${target} refused: ${problem}`;
}

function hostnameOf(url: URL): string {
  // WHATWG URL keeps the brackets of an IPv6 literal: [::1].
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** The address as it was checked (IPv4-mapped IPv6 as its IPv4), so the socket reaches exactly that. */
function canonicalAddress(entry: ResolvedAddress): ResolvedAddress {
  const parsed = parsedAddress(entry.address);
  if (parsed === undefined) return entry;
  return { address: parsed.toString(), family: parsed.kind() === 'ipv4' ? 4 : 6 };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    whenAborted(signal, onAbort);
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// The deadline may have passed between two steps: an already aborted signal never fires 'abort' again.
function whenAborted(signal: AbortSignal, onAbort: () => void): void {
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function failure(error: string, statusCode: number | null): Outcome {
  return { statusCode, body: '', bodyTruncated: false, retryAfterMs: null, error, refused: false };
}

function refusal(error: string, statusCode: number | null): Outcome {
  return { ...failure(error, statusCode), refused: true };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
