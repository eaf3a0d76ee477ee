import { describe, expect, it } from 'vitest';
import { chartPoints, rangeOf, type RangeKind } from './dashboard-range';
import type { Bucket } from './reports';

const NOW = new Date(2026, 2, 10, 15, 30); // 10 March 2026, 15:30 local

const bucket = (start: Date, connected: number, inProgress = 0): Bucket => ({
  start: start.toISOString(),
  total: connected + inProgress,
  inProgress,
  byOutcome: { connected, operator: 0, voicemail: 0, abandoned: 0, failed: 0 },
  closed: 0,
});

describe('rangeOf', () => {
  const cases: { kind: RangeKind; weekByDay?: boolean; from: Date; interval: string; grouping: string }[] = [
    { kind: 'day', from: new Date(2026, 2, 10), interval: 'hour', grouping: 'hour' },
    { kind: 'week', from: new Date(2026, 2, 4), interval: 'hour', grouping: 'hour' },
    { kind: 'week', weekByDay: true, from: new Date(2026, 2, 4), interval: 'hour', grouping: 'local-day' },
    { kind: 'month', from: new Date(2026, 1, 9), interval: 'hour', grouping: 'local-day' },
    { kind: 'year', from: new Date(2025, 2, 11), interval: 'day', grouping: 'utc-day' },
  ];

  it.each(cases)('$kind (by day: $weekByDay) ends with today and starts at local midnight', (expected) => {
    const range = rangeOf(expected.kind, NOW, expected.weekByDay);

    expect(range.to).toEqual(new Date(2026, 2, 11));
    expect(range.from).toEqual(expected.from);
    expect(range.interval).toBe(expected.interval);
    expect(range.grouping).toBe(expected.grouping);
  });

  it("keeps every range within the API's 366 days and 1,000 buckets", () => {
    for (const kind of ['day', 'week', 'month', 'year'] as const) {
      const range = rangeOf(kind, NOW);
      const hours = (range.to.getTime() - range.from.getTime()) / 3_600_000;
      expect(hours / 24).toBeLessThanOrEqual(366);
      expect(range.interval === 'hour' ? hours + 1 : hours / 24 + 1).toBeLessThanOrEqual(1000);
    }
  });
});

describe('chartPoints', () => {
  it('keeps hours as they are', () => {
    const points = chartPoints([bucket(new Date(2026, 2, 10, 9), 2), bucket(new Date(2026, 2, 10, 10), 0, 1)], 'hour');

    expect(points.map((point) => [point.start, point.byOutcome.connected, point.inProgress, point.total])).toEqual([
      [new Date(2026, 2, 10, 9), 2, 0, 2],
      [new Date(2026, 2, 10, 10), 0, 1, 1],
    ]);
  });

  it('sums hours into the local day they start in', () => {
    const points = chartPoints(
      [
        bucket(new Date(2026, 2, 9, 23), 1),
        bucket(new Date(2026, 2, 10, 0), 2),
        bucket(new Date(2026, 2, 10, 23), 3, 1),
      ],
      'local-day',
    );

    expect(points.map((point) => [point.start, point.byOutcome.connected, point.total])).toEqual([
      [new Date(2026, 2, 9), 1, 1],
      [new Date(2026, 2, 10), 5, 6],
    ]);
  });

  it("draws a UTC day at the local midnight of the same date, so its label is the API's date", () => {
    const [point] = chartPoints([bucket(new Date(Date.UTC(2026, 2, 10)), 4)], 'utc-day');

    expect(point.start).toEqual(new Date(2026, 2, 10));
    expect(point.total).toBe(4);
  });
});
