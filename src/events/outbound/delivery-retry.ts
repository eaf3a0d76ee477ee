import type { OutboundResponse } from './outbound-response.js';

export interface DeliveryPolicy {
  /** The wait after the first failed attempt; each later wait doubles it. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No attempt is scheduled later than this after the first one. */
  readonly giveUpAfterMs: number;
}

const HOUR_MS = 3_600_000;

/**
 * 5 s, 10 s, 20 s … 2560 s (about 43 min), then every hour, without jitter, so a schedule can be predicted and tested
 * (the next attempt is counted from when the last one ended, which already spreads receivers apart). The 10 doubling
 * waits add up to 85 min; with a window of 25 h the last of 34 attempts comes about 24 h 25 min after the first, so
 * a receiver that is down for a whole day still gets the event.
 */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: HOUR_MS,
  giveUpAfterMs: 25 * HOUR_MS,
};

export type DeliveryAttemptResult = Pick<OutboundResponse, 'statusCode' | 'refused' | 'error' | 'retryAfterMs'>;

export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  readonly number: number;
  readonly firstAttemptAt: Date;
  /** When this attempt ended: the next one is counted from here. */
  readonly now: Date;
}

export type DeliveryVerdict =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly at: Date; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

// 408 and 429 say "not now" rather than "not this request".
const RETRYABLE_4XX: ReadonlySet<number> = new Set([408, 429]);

interface AttemptProblem {
  readonly retryable: boolean;
  readonly reason: string;
}

/** What to do after a delivery attempt: done, try again at a given time, or stop for good. */
export function deliveryVerdict(
  response: DeliveryAttemptResult,
  attempt: DeliveryAttempt,
  policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): DeliveryVerdict {
  const problem = attemptProblem(response);
  if (problem === null) return { kind: 'delivered' };
  if (!problem.retryable) return { kind: 'failed', reason: problem.reason };
  const at = new Date(attempt.now.getTime() + retryDelayMs(attempt.number, response.retryAfterMs, policy));
  if (at.getTime() > attempt.firstAttemptAt.getTime() + policy.giveUpAfterMs) {
    return { kind: 'failed', reason: `gave up after ${attempts(attempt.number)}: ${problem.reason}` };
  }
  return { kind: 'retry', at, reason: problem.reason };
}

/** The wait after attempt `attemptNumber` failed: base × 2^(n−1), capped at maxDelayMs. */
export function backoffDelayMs(attemptNumber: number, policy: DeliveryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
}

/** Why the attempt did not deliver, and whether trying again could help; null when it delivered. */
function attemptProblem(response: DeliveryAttemptResult): AttemptProblem | null {
  const status = response.statusCode;
  if (response.refused) return { retryable: false, reason: `refused by the outbound policy: ${response.error ?? ''}` };
  if (status === null) return { retryable: true, reason: response.error ?? 'no response' };
  if (status >= 200 && status < 300) return null;
  if (status >= 500 || RETRYABLE_4XX.has(status)) return { retryable: true, reason: `receiver answered ${status}` };
  if (status >= 300 && status < 400) {
    return {
      retryable: false,
      reason: `receiver answered ${status}, a redirect or other non-2xx: check the webhook URL`,
    };
  }
  return { retryable: false, reason: `receiver answered ${status}, which a retry would not change` };
}

// A Retry-After may slow us down (up to maxDelayMs, so a receiver cannot park an event past the window) but never
// hurry us: "Retry-After: 0" from a struggling receiver does not undo the backoff.
function retryDelayMs(attemptNumber: number, retryAfterMs: number | null, policy: DeliveryPolicy): number {
  const backoff = backoffDelayMs(attemptNumber, policy);
  return retryAfterMs === null ? backoff : Math.max(backoff, Math.min(retryAfterMs, policy.maxDelayMs));
}

function attempts(count: number): string {
  return count === 1 ? '1 attempt' : `${count} attempts`;
}
