import { AuthFailureLimiter } from './auth-failure-limiter.js';

describe('AuthFailureLimiter', () => {
  let now: number;
  let sut: AuthFailureLimiter;

  beforeEach(() => {
    now = 1_000_000;
    sut = new AuthFailureLimiter({ limit: 2, windowMs: 60_000 }, () => now);
  });

  it('blocks an address once it has used its budget, and no other address', () => {
    sut.recordFailure('203.0.113.7');
    sut.recordFailure('203.0.113.7');

    expect(sut.blockedForSeconds('203.0.113.7')).toBe(60);
    expect(sut.blockedForSeconds('198.51.100.9')).toBe(0);
  });

  it('lets a blocked address try again when its window ends', () => {
    sut.recordFailure('203.0.113.7');
    sut.recordFailure('203.0.113.7');
    now += 60_000;

    expect(sut.blockedForSeconds('203.0.113.7')).toBe(0);
  });

  it('forgets addresses that failed more than a window ago', () => {
    sut.recordFailure('203.0.113.7');
    now += 120_000;
    sut.recordFailure('198.51.100.9');

    expect(sut.trackedAddresses).toBe(1);
  });
});
