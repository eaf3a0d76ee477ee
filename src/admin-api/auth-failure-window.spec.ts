import { type AuthFailureWindow, blockedForSeconds, isForgettable, recordAuthFailure } from './auth-failure-window.js';

const POLICY = { limit: 3, windowMs: 60_000 };
const START = 1_000_000;

const window = (failures: number, logged = 1, startedAt = START): AuthFailureWindow => ({
  startedAt,
  failures,
  logged,
});

describe('blockedForSeconds', () => {
  it.each<[string, AuthFailureWindow | undefined, number, number]>([
    ['an address that never failed', undefined, START, 0],
    ['an address with budget left', window(2), START + 1_000, 0],
    ['an address that used its budget, until its window ends', window(3), START + 1_000, 59],
    ['... rounding up a part of a second', window(3), START + 59_999, 1],
    ['... and no longer once its window has ended', window(3), START + 60_000, 0],
  ])('answers %s', (_case, current, now, expected) => {
    expect(blockedForSeconds(current, POLICY, now)).toBe(expected);
  });
});

describe('recordAuthFailure', () => {
  it('opens a window at the first failure and logs it', () => {
    expect(recordAuthFailure(undefined, POLICY, START)).toStrictEqual({
      window: { startedAt: START, failures: 1, logged: 1 },
      logLine: { event: 'admin.auth_failed', suppressed: 0 },
    });
  });

  it('counts the next failures of the window without logging them', () => {
    expect(recordAuthFailure(window(1), POLICY, START + 5_000)).toStrictEqual({
      window: { startedAt: START, failures: 2, logged: 1 },
      logLine: null,
    });
  });

  it('logs the failure that uses up the budget, with how long the address now waits', () => {
    expect(recordAuthFailure(window(2), POLICY, START + 20_000)).toStrictEqual({
      window: { startedAt: START, failures: 3, logged: 2 },
      logLine: { event: 'admin.auth_blocked', failures: 3, retryAfterSeconds: 40 },
    });
  });

  it('opens a new window once the last one has ended, counting what the last one did not log', () => {
    expect(recordAuthFailure(window(3, 2), POLICY, START + 60_000)).toStrictEqual({
      window: { startedAt: START + 60_000, failures: 1, logged: 1 },
      logLine: { event: 'admin.auth_failed', suppressed: 1 },
    });
  });

  it('lets through at most two lines per window however many failures come', () => {
    let current: AuthFailureWindow | undefined;
    const lines: string[] = [];
    for (let second = 0; second < 60; second++) {
      const recorded = recordAuthFailure(current, { limit: 30, windowMs: 60_000 }, START + second * 1000);
      current = recorded.window;
      if (recorded.logLine) lines.push(recorded.logLine.event);
    }
    expect(lines).toEqual(['admin.auth_failed', 'admin.auth_blocked']);
  });
});

describe('isForgettable', () => {
  it.each([
    [START + 60_000, false],
    [START + 119_999, false],
    [START + 120_000, true],
  ])('forgets a window a whole window after it ended (now %i: %s)', (now, expected) => {
    expect(isForgettable(window(3), POLICY, now)).toBe(expected);
  });
});
