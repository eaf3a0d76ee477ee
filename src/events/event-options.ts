import { IvrOptionsError } from '../ivr-options-error.js';
import { parseAllowedRanges } from './outbound/outbound-address.js';
import type { DeliveryPolicy } from './outbound/delivery-retry.js';

/** How this instance delivers events to the host's handlers and to webhook endpoints. */
export interface IvrEventOptions {
  /** Deliver events from this instance (default true). Off: it still writes them; other instances deliver. */
  readonly deliver?: boolean;
  /** How often an idle instance looks for events to deliver, in ms (default 500). */
  readonly pollIntervalMs?: number;
  /** The first retry's delay in ms (default 5,000); each next one doubles, up to maxRetryDelayMs (default 1 h). */
  readonly retryBaseDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** A delivery still failing this long after its first attempt is marked failed (default 25 h). */
  readonly giveUpAfterMs?: number;
  /** Endpoints may be `http://` (development only; default false: https only). */
  readonly allowHttp?: boolean;
  /**
   * Address ranges endpoints may resolve to although they are loopback, private, link-local or otherwise not
   * public, such as `10.20.0.0/16` for a receiver inside the company's network (default: none).
   */
  readonly allowedAddressRanges?: readonly string[];
  /** A request to an endpoint taking longer than this fails and is retried, in ms (default 10,000). */
  readonly requestTimeoutMs?: number;
  /** How much of an endpoint's response is read, in bytes (default 65,536). */
  readonly maxResponseBytes?: number;
  /** Redirects followed (each one's address checked again); default 0: a redirect is a failed delivery. */
  readonly maxRedirects?: number;
  /** Deliveries in flight at once on this instance (default 64). */
  readonly concurrency?: number;
  /** How long an instance holds a delivery it took before another may take it over, in ms (default 120,000). */
  readonly leaseMs?: number;
}

function whole(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new IvrOptionsError(`events.${name} must be a whole number of at least ${min}`);
  return value;
}

function allowedRanges(list: readonly string[]): readonly string[] {
  try {
    return parseAllowedRanges(list);
  } catch (error) {
    throw new IvrOptionsError(`events.allowedAddressRanges: ${(error as Error).message}`);
  }
}

/** The event options checked, with their defaults. */
export class EventDeliveryConfig {
  readonly deliver: boolean;
  readonly pollIntervalMs: number;
  readonly retryBaseDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly giveUpAfterMs: number;
  readonly allowHttp: boolean;
  readonly allowedAddressRanges: readonly string[];
  readonly requestTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly maxRedirects: number;
  readonly concurrency: number;
  readonly leaseMs: number;

  constructor(options: IvrEventOptions = {}) {
    this.deliver = options.deliver ?? true;
    this.pollIntervalMs = whole('pollIntervalMs', options.pollIntervalMs, 500);
    this.retryBaseDelayMs = whole('retryBaseDelayMs', options.retryBaseDelayMs, 5_000);
    this.maxRetryDelayMs = whole('maxRetryDelayMs', options.maxRetryDelayMs, 60 * 60 * 1000);
    this.giveUpAfterMs = whole('giveUpAfterMs', options.giveUpAfterMs, 25 * 60 * 60 * 1000);
    this.allowHttp = options.allowHttp ?? false;
    this.allowedAddressRanges = allowedRanges(options.allowedAddressRanges ?? []);
    this.requestTimeoutMs = whole('requestTimeoutMs', options.requestTimeoutMs, 10_000);
    this.maxResponseBytes = whole('maxResponseBytes', options.maxResponseBytes, 65_536);
    this.maxRedirects = whole('maxRedirects', options.maxRedirects, 0, 0);
    this.concurrency = whole('concurrency', options.concurrency, 64);
    this.leaseMs = whole('leaseMs', options.leaseMs, 120_000);
  }

  get retryPolicy(): DeliveryPolicy {
    return { baseDelayMs: this.retryBaseDelayMs, maxDelayMs: this.maxRetryDelayMs, giveUpAfterMs: this.giveUpAfterMs };
  }
}
