import { type Bucket, OUTCOMES, type Outcome } from './reports';

export const RANGE_KINDS = ['day', 'week', 'month', 'year'] as const;
export type RangeKind = (typeof RANGE_KINDS)[number];

export const RANGE_LABELS: Readonly<Record<RangeKind, string>> = {
  day: 'Today',
  week: 'Last 7 days',
  month: 'Last 30 days',
  year: 'Last 12 months',
};

/** What the dashboard asks the API for: [from, to) in whole local days, and how the chart groups the buckets. */
export interface DashboardRange {
  readonly kind: RangeKind;
  readonly from: Date;
  readonly to: Date;
  /** The API's bucket: UTC hours or days. */
  readonly interval: 'hour' | 'day';
  /** How the chart shows them: by hour, by local day (hours summed), or by UTC day (the API's days). */
  readonly grouping: 'hour' | 'local-day' | 'utc-day';
}

const DAYS: Readonly<Record<RangeKind, number>> = { day: 1, week: 7, month: 30, year: 365 };

/** Local midnight `days` days after the one starting `date`'s day (DST-safe: the calendar, not 24 h steps). */
export function startOfLocalDay(date: Date, days = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/**
 * The range ending with today (local): today by hour; a week by hour or day; a month by day, from hourly buckets
 * summed into local days (at most 744 of the API's 1,000); a year by the API's UTC days (hourly would be 8,760).
 */
export function rangeOf(kind: RangeKind, now: Date, weekByDay = false): DashboardRange {
  const to = startOfLocalDay(now, 1);
  const from = startOfLocalDay(now, 1 - DAYS[kind]);
  switch (kind) {
    case 'day':
      return { kind, from, to, interval: 'hour', grouping: 'hour' };
    case 'week':
      return { kind, from, to, interval: 'hour', grouping: weekByDay ? 'local-day' : 'hour' };
    case 'month':
      return { kind, from, to, interval: 'hour', grouping: 'local-day' };
    case 'year':
      return { kind, from, to, interval: 'day', grouping: 'utc-day' };
  }
}

/** The local range "today" (for the live figures). */
export const todayRange = (now: Date): { from: Date; to: Date } => ({
  from: startOfLocalDay(now),
  to: startOfLocalDay(now, 1),
});

/** One point of the chart: its start (local time) and counts by outcome. */
export interface ChartPoint {
  readonly start: Date;
  readonly byOutcome: Readonly<Record<Outcome, number>>;
  readonly inProgress: number;
  readonly total: number;
}

const zeroPoint = (start: Date): ChartPoint => ({
  start,
  byOutcome: { connected: 0, operator: 0, voicemail: 0, abandoned: 0, failed: 0 },
  inProgress: 0,
  total: 0,
});

function add(point: ChartPoint, bucket: Bucket): ChartPoint {
  const byOutcome = { ...point.byOutcome };
  for (const outcome of OUTCOMES) byOutcome[outcome] += bucket.byOutcome[outcome];
  return {
    start: point.start,
    byOutcome,
    inProgress: point.inProgress + bucket.inProgress,
    total: point.total + bucket.total,
  };
}

/**
 * The API's buckets as the chart's points. A bucket's hour goes to the local day it starts in (in a zone whose
 * offset is not whole hours an hour straddles two days; it counts in the first). A UTC day is drawn at the local
 * midnight of the same date, so its label shows the date the API counted.
 */
export function chartPoints(buckets: readonly Bucket[], grouping: DashboardRange['grouping']): ChartPoint[] {
  switch (grouping) {
    case 'hour':
      return buckets.map((bucket) => add(zeroPoint(new Date(bucket.start)), bucket));
    case 'utc-day':
      return buckets.map((bucket) => {
        const start = new Date(bucket.start);
        return add(zeroPoint(new Date(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())), bucket);
      });
    case 'local-day': {
      const days = new Map<number, ChartPoint>();
      for (const bucket of buckets) {
        const day = startOfLocalDay(new Date(bucket.start));
        days.set(day.getTime(), add(days.get(day.getTime()) ?? zeroPoint(day), bucket));
      }
      return [...days.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
    }
  }
}
