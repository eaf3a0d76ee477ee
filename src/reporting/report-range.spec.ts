import { InvalidRequestError } from '../admin-api/admin-errors.js';
import {
  assertOrdered,
  assertReportRange,
  assertTimeseriesRange,
  bucketCount,
  MAX_REPORT_RANGE_DAYS,
  MAX_TIMESERIES_BUCKETS,
} from './report-range.js';

const at = (text: string): string => text.replace('Z', '.000000Z');

describe('assertOrdered', () => {
  it.each([
    [undefined, undefined],
    [at('2026-01-01T00:00:00Z'), undefined],
    [undefined, at('2026-01-01T00:00:00Z')],
    [at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z')],
    [at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z')],
  ])('accepts from %s and to %s', (from, to) => {
    expect(() => assertOrdered(from, to)).not.toThrow();
  });

  it('refuses from after to', () => {
    expect(() => assertOrdered(at('2026-01-02T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toThrow(
      new InvalidRequestError('from must not be after to'),
    );
  });
});

describe('bucketCount', () => {
  it.each([
    ['aligned days', '2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z', 'day', 30],
    ['partial first and last days', '2026-01-01T12:00:00Z', '2026-01-03T01:00:00Z', 'day', 3],
    ['one instant inside a day', '2026-01-01T12:00:00Z', '2026-01-01T12:00:01Z', 'day', 1],
    ['an empty range', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00Z', 'day', 0],
    ['aligned hours', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 'hour', 24],
    ['partial hours', '2026-01-01T00:30:00Z', '2026-01-01T02:00:01Z', 'hour', 3],
  ] as const)('counts %s', (_case, from, to, interval, expected) => {
    expect(bucketCount({ from: at(from), to: at(to) }, interval)).toBe(expected);
  });
});

describe('assertReportRange', () => {
  it.each([
    ['a day', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ['a common year', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['a leap year, exactly 366 days', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
    ['an empty range', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  ])('accepts %s', (_case, from, to) => {
    expect(() => assertReportRange({ from: at(from), to: at(to) })).not.toThrow();
  });

  it.each([
    ['a second more than 366 days', '2024-01-01T00:00:00Z', '2025-01-01T00:00:01Z'],
    ['two years', '2024-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  ])('refuses %s, naming the limit', (_case, from, to) => {
    const refusal = (): void => assertReportRange({ from: at(from), to: at(to) });

    expect(refusal).toThrow(InvalidRequestError);
    expect(refusal).toThrow(`the range may span at most ${MAX_REPORT_RANGE_DAYS} days`);
    expect(refusal).toThrow(`from ${at(from)} to ${at(to)} is longer`);
  });

  it('refuses from after to', () => {
    expect(() => assertReportRange({ from: at('2026-01-02T00:00:00Z'), to: at('2026-01-01T00:00:00Z') })).toThrow(
      'from must not be after to',
    );
  });
});

describe('assertTimeseriesRange', () => {
  it(`accepts ${MAX_TIMESERIES_BUCKETS} buckets`, () => {
    const range = { from: at('2026-01-01T00:00:00Z'), to: at('2026-02-11T16:00:00Z') };

    expect(bucketCount(range, 'hour')).toBe(MAX_TIMESERIES_BUCKETS);
    expect(() => assertTimeseriesRange(range, 'hour')).not.toThrow();
  });

  it('refuses one bucket more, and says what to do instead', () => {
    const range = { from: at('2026-01-01T00:00:00Z'), to: at('2026-02-11T16:00:01Z') };

    expect(() => assertTimeseriesRange(range, 'hour')).toThrow(/1001 buckets, more than 1000: use interval=day/);
  });

  it('refuses days over more than 366 days', () => {
    const range = { from: at('2024-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') };

    expect(() => assertTimeseriesRange(range, 'day')).toThrow('the range may span at most 366 days');
  });

  it('refuses from after to', () => {
    expect(() =>
      assertTimeseriesRange({ from: at('2026-01-02T00:00:00Z'), to: at('2026-01-01T00:00:00Z') }, 'day'),
    ).toThrow('from must not be after to');
  });
});
