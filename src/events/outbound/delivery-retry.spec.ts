import {
  backoffDelayMs,
  DEFAULT_DELIVERY_POLICY,
  type DeliveryAttemptResult,
  type DeliveryPolicy,
  deliveryVerdict,
} from './delivery-retry.js';

const HOUR = 3_600_000;
const FIRST = new Date('2025-06-01T12:00:00Z');
const at = (msAfterFirst: number) => new Date(FIRST.getTime() + msAfterFirst);
const attempt = (number: number, msAfterFirst = 0) => ({ number, firstAttemptAt: FIRST, now: at(msAfterFirst) });

const answered = (statusCode: number, retryAfterMs: number | null = null): DeliveryAttemptResult => ({
  statusCode,
  retryAfterMs,
  error: null,
  refused: false,
});
const noAnswer = (error: string): DeliveryAttemptResult => ({
  statusCode: null,
  retryAfterMs: null,
  error,
  refused: false,
});
const refused = (error: string, statusCode: number | null = null): DeliveryAttemptResult => ({
  statusCode,
  retryAfterMs: null,
  error,
  refused: true,
});

describe('deliveryVerdict', () => {
  it.each<[number]>([[200], [201], [202], [204], [299]])('counts %s as delivered', (status) => {
    expect(deliveryVerdict(answered(status), attempt(1))).toStrictEqual({ kind: 'delivered' });
  });

  it.each<[string, DeliveryAttemptResult, string]>([
    ['a timeout', noAnswer('timed out after 10000 ms'), 'timed out after 10000 ms'],
    ['a network error', noAnswer('connect ECONNREFUSED 203.0.113.7:443'), 'connect ECONNREFUSED 203.0.113.7:443'],
    ['a 500', answered(500), 'receiver answered 500'],
    ['a 503', answered(503), 'receiver answered 503'],
    ['a 429', answered(429), 'receiver answered 429'],
    ['a 408', answered(408), 'receiver answered 408'],
  ])('retries after %s, 5 s after the first attempt', (_case, response, reason) => {
    expect(deliveryVerdict(response, attempt(1, 200))).toStrictEqual({ kind: 'retry', at: at(5_200), reason });
  });

  it.each<[string, DeliveryAttemptResult, string]>([
    [
      'a refusal by the outbound policy',
      refused('address 10.0.0.5 is not allowed (private)'),
      'refused by the outbound policy: address 10.0.0.5 is not allowed (private)',
    ],
    [
      'a redirect the client refused to follow',
      refused('redirect not followed (Location https://b.example/)', 301),
      'refused by the outbound policy: redirect not followed (Location https://b.example/)',
    ],
    ['a 3xx', answered(304), 'receiver answered 304, a redirect or other non-2xx: check the webhook URL'],
    ['a 400', answered(400), 'receiver answered 400, which a retry would not change'],
    ['a 401', answered(401), 'receiver answered 401, which a retry would not change'],
    ['a 404', answered(404), 'receiver answered 404, which a retry would not change'],
    ['a 410', answered(410), 'receiver answered 410, which a retry would not change'],
  ])('fails at once after %s', (_case, response, reason) => {
    expect(deliveryVerdict(response, attempt(1))).toStrictEqual({ kind: 'failed', reason });
  });

  it.each<[string, number, number | null, number]>([
    ['the backoff when there is no Retry-After', 1, null, 5_000],
    ['a Retry-After longer than the backoff', 1, 120_000, 120_000],
    ['the backoff over a shorter Retry-After', 3, 1_000, 20_000],
    ['the backoff over Retry-After: 0', 4, 0, 40_000],
    ['at most maxDelayMs for a Retry-After of two days', 1, 48 * HOUR, HOUR],
  ])('waits %s', (_case, number, retryAfterMs, delayMs) => {
    expect(deliveryVerdict(answered(429, retryAfterMs), attempt(number, 0))).toMatchObject({
      kind: 'retry',
      at: at(delayMs),
    });
  });

  it('honours Retry-After on a 503 too', () => {
    expect(deliveryVerdict(answered(503, 600_000), attempt(1))).toMatchObject({ kind: 'retry', at: at(600_000) });
  });

  it('counts the next attempt from when this one ended', () => {
    expect(deliveryVerdict(answered(500), attempt(2, 60_000))).toMatchObject({ at: at(70_000) });
  });

  describe('the end of the window', () => {
    const policy: DeliveryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, giveUpAfterMs: 10 * 60_000 };

    it('still retries when the next attempt falls exactly at the end', () => {
      expect(deliveryVerdict(answered(500), attempt(20, 9 * 60_000), policy)).toMatchObject({
        kind: 'retry',
        at: at(10 * 60_000),
      });
    });

    it('fails, saying after how many attempts and why, when the next attempt would fall after it', () => {
      expect(deliveryVerdict(answered(500), attempt(20, 9 * 60_000 + 1), policy)).toStrictEqual({
        kind: 'failed',
        reason: 'gave up after 20 attempts: receiver answered 500',
      });
    });

    it('fails when a Retry-After pushes the next attempt past it', () => {
      expect(deliveryVerdict(answered(429, 60_000), attempt(2, 9 * 60_000 + 30_000), policy)).toMatchObject({
        kind: 'failed',
      });
    });
  });
});

describe('backoffDelayMs', () => {
  it('doubles from 5 s up to an hour with the default policy', () => {
    const delays = Array.from({ length: 13 }, (_, index) => backoffDelayMs(index + 1, DEFAULT_DELIVERY_POLICY) / 1000);

    expect(delays).toStrictEqual([5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600]);
  });

  it('stays at the cap for attempt numbers whose doubling overflows', () => {
    expect(backoffDelayMs(5_000, DEFAULT_DELIVERY_POLICY)).toBe(HOUR);
  });
});

describe('the default schedule', () => {
  /** Every attempt fails with a 503 and ends the moment it starts: when each one happens, until the verdict fails. */
  function scheduleUntilFailed(): { attemptTimes: number[]; reason: string } {
    const attemptTimes = [0];
    for (;;) {
      const verdict = deliveryVerdict(answered(503), attempt(attemptTimes.length, attemptTimes.at(-1)));
      if (verdict.kind === 'delivered') throw new Error('a 503 delivered');
      if (verdict.kind === 'failed') return { attemptTimes, reason: verdict.reason };
      attemptTimes.push(verdict.at.getTime() - FIRST.getTime());
    }
  }

  it('keeps retrying for at least 24 hours before it fails', () => {
    const { attemptTimes, reason } = scheduleUntilFailed();

    expect(attemptTimes.at(-1)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(attemptTimes.at(-1)).toBeLessThanOrEqual(DEFAULT_DELIVERY_POLICY.giveUpAfterMs);
    expect(attemptTimes).toHaveLength(34);
    expect(reason).toBe('gave up after 34 attempts: receiver answered 503');
  });
});
