import {
  type AuthFailureLogLine,
  type AuthFailurePolicy,
  type AuthFailureWindow,
  blockedForSeconds,
  isForgettable,
  recordAuthFailure,
} from './auth-failure-window.js';

export const AUTH_FAILURE_WINDOW_MS = 60_000;

/**
 * Failed admin authentications per client address, in this instance's memory (as the per-token
 * budget is). @nestjs/throttler's storage only counts-and-checks, and the guard must ask whether an
 * address is blocked before it looks at the token, without counting the question as a failure.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, AuthFailureWindow>();
  private sweptAt: number;

  constructor(
    private readonly policy: AuthFailurePolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  /** 0 while the address may try a token; else the seconds it must wait (send as Retry-After). */
  blockedForSeconds(address: string): number {
    return blockedForSeconds(this.windows.get(address), this.policy, this.now());
  }

  /** Counts a failed attempt of an address that was not blocked; answers the line to log, if any. */
  recordFailure(address: string): AuthFailureLogLine | null {
    const now = this.now();
    this.forgetOldWindows(now);
    const { window, logLine } = recordAuthFailure(this.windows.get(address), this.policy, now);
    this.windows.set(address, window);
    return logLine;
  }

  /** Once a window at most, so that memory holds only addresses that failed lately. */
  private forgetOldWindows(now: number): void {
    if (now - this.sweptAt < this.policy.windowMs) return;
    this.sweptAt = now;
    for (const [address, window] of this.windows) {
      if (isForgettable(window, this.policy, now)) this.windows.delete(address);
    }
  }

  get trackedAddresses(): number {
    return this.windows.size;
  }
}
