import { instantToDate, parseInstant } from './instant.js';

describe('parseInstant', () => {
  it.each([
    ['2026-01-31', '2026-01-31T00:00:00.000000Z'],
    ['2026-01-31T08:00:00Z', '2026-01-31T08:00:00.000000Z'],
    ['2026-01-31t08:00z', '2026-01-31T08:00:00.000000Z'],
    ['2026-01-31T08:00:00.5Z', '2026-01-31T08:00:00.500000Z'],
    ['2026-01-31T08:00:00.123456Z', '2026-01-31T08:00:00.123456Z'],
    ['2026-01-31T08:00:00,25Z', '2026-01-31T08:00:00.250000Z'],
    ['2026-01-31T08:00:00.123456789Z', '2026-01-31T08:00:00.123456Z'],
    ['2026-01-31T10:00:00+02:00', '2026-01-31T08:00:00.000000Z'],
    ['2026-01-31T10:00:00+0200', '2026-01-31T08:00:00.000000Z'],
    ['2026-01-31T01:30:00-05', '2026-01-31T06:30:00.000000Z'],
    ['2026-01-01T01:00:00+02:00', '2025-12-31T23:00:00.000000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000000Z'],
  ])('reads %s as %s', (text, canonical) => {
    expect(parseInstant(text)).toBe(canonical);
  });

  it.each([
    ['a word', 'yesterday'],
    ['an empty string', ''],
    ['a year alone', '2026'],
    ['a date-time without a time zone', '2026-01-31T08:00:00'],
    ['February 30th', '2026-02-30'],
    ['February 29th of a common year', '2025-02-29T00:00:00Z'],
    ['month 13', '2026-13-01'],
    ['hour 24', '2026-01-31T24:00:00Z'],
    ['a leap second', '2026-01-31T23:59:60Z'],
    ['minute 60', '2026-01-31T08:60:00Z'],
    ['an offset of 24 hours', '2026-01-31T08:00:00+24:00'],
    ['a year before 1000', '0999-01-01'],
    ['a Unix timestamp', '1767225600'],
    ['an RFC 2822 date', 'Sat, 31 Jan 2026 08:00:00 GMT'],
    ['trailing text', '2026-01-31T08:00:00Z; DROP TABLE call_sessions'],
  ])('refuses %s', (_case, text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('gives strings that sort in time order', () => {
    const instants = ['2026-01-31T10:00:00+02:00', '2026-01-31T08:00:00.000001Z', '2025-12-31T23:59:59.999999Z'].map(
      (text) => parseInstant(text) ?? '',
    );

    expect([...instants].sort()).toEqual([instants[2], instants[0], instants[1]]);
  });
});

describe('instantToDate', () => {
  it('keeps the millisecond of a canonical instant', () => {
    expect(instantToDate('2026-01-31T08:00:00.123456Z').toISOString()).toBe('2026-01-31T08:00:00.123Z');
  });
});
