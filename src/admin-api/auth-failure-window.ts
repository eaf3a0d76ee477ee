/** How many failed authentications a client address may make, per window. */
export interface AuthFailurePolicy {
  readonly limit: number;
  readonly windowMs: number;
}

/** One client address's failed authentications in its current window, which starts at its first failure. */
export interface AuthFailureWindow {
  readonly startedAt: number;
  readonly failures: number;
  /** Failures that got a log line of their own; the others are counted on the address's next line. */
  readonly logged: number;
}

export type AuthFailureLogLine =
  | {
      readonly event: 'admin.auth_failed';
      /** Failures of the address's previous window that got no line of their own. */
      readonly suppressed: number;
    }
  | { readonly event: 'admin.auth_blocked'; readonly failures: number; readonly retryAfterSeconds: number };

export interface RecordedAuthFailure {
  readonly window: AuthFailureWindow;
  /** At most two lines per address per window: its first failure, and the one that used up its budget. */
  readonly logLine: AuthFailureLogLine | null;
}

const endOf = (window: AuthFailureWindow, policy: AuthFailurePolicy): number => window.startedAt + policy.windowMs;

/**
 * Seconds (rounded up) until the address may authenticate again; 0 while it has budget left. Once
 * spent, every request waits, a valid token too: were a right guess let through and a wrong one
 * refused, the refusal itself would answer each guess, at any rate.
 */
export function blockedForSeconds(
  window: AuthFailureWindow | undefined,
  policy: AuthFailurePolicy,
  now: number,
): number {
  if (!window || window.failures < policy.limit || now >= endOf(window, policy)) return 0;
  return Math.ceil((endOf(window, policy) - now) / 1000);
}

/** Counts one failed authentication of an address that was not blocked, and says what to log. */
export function recordAuthFailure(
  previous: AuthFailureWindow | undefined,
  policy: AuthFailurePolicy,
  now: number,
): RecordedAuthFailure {
  if (!previous || now >= endOf(previous, policy)) {
    const window = { startedAt: now, failures: 1, logged: 1 };
    const suppressed = previous ? previous.failures - previous.logged : 0;
    return { window, logLine: { event: 'admin.auth_failed', suppressed } };
  }
  const window = { ...previous, failures: previous.failures + 1 };
  if (window.failures !== policy.limit) return { window, logLine: null };
  const retryAfterSeconds = blockedForSeconds(window, policy, now);
  return {
    window: { ...window, logged: window.logged + 1 },
    logLine: { event: 'admin.auth_blocked', failures: window.failures, retryAfterSeconds },
  };
}

/** A window over for a whole window more: nothing in it is still needed, not even for the next line's count. */
export function isForgettable(window: AuthFailureWindow, policy: AuthFailurePolicy, now: number): boolean {
  return now >= endOf(window, policy) + policy.windowMs;
}
