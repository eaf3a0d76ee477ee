import { ADVISORY_LOCKS } from './advisory-locks.js';

describe('ADVISORY_LOCKS', () => {
  it('gives every lock a key of its own', () => {
    const locks = Object.entries(ADVISORY_LOCKS);

    const sharing = locks.filter(([name, key]) =>
      locks.some(([other, otherKey]) => other !== name && otherKey === key),
    );

    expect(sharing).toEqual([]);
  });

  it('keeps every key a positive integer that pg_advisory_lock(bigint) takes as given', () => {
    for (const key of Object.values(ADVISORY_LOCKS)) {
      expect(Number.isSafeInteger(key) && key > 0).toBe(true);
    }
  });
});
