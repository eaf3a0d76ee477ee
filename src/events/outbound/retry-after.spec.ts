import { retryAfterMs } from './retry-after.js';

const NOW = new Date('2025-06-01T12:00:00Z');

describe('retryAfterMs', () => {
  it.each<[string | undefined, number | null]>([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 01 Jun 2025 12:01:30 GMT', 90_000],
    ['Sunday, 01-Jun-25 12:00:10 GMT', 10_000],
    ['Sun, 01 Jun 2025 11:00:00 GMT', 0],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [undefined, null],
  ])('reads %j as %s ms', (header, expected) => {
    expect(retryAfterMs(header, NOW)).toBe(expected);
  });
});
