import { InvalidRequestError } from '../admin-api/admin-errors.js';
import { instantToDate } from './instant.js';

/** [from, to): calls that started at or after `from` and before `to`. Both are canonical instants. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

export const REPORT_INTERVALS = ['hour', 'day'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** A chart does not need more points; a larger request is almost certainly a mistake (hours over a year). */
export const MAX_TIMESERIES_BUCKETS = 1000;

/**
 * The longest range a summary or time series reads: a year, leap day included. The cost of a report
 * grows with its range; longer periods are asked for in parts.
 */
export const MAX_REPORT_RANGE_DAYS = 366;

const DAY_MILLISECONDS = 86_400_000;
const BUCKET_MILLISECONDS: Record<ReportInterval, number> = { hour: 3_600_000, day: DAY_MILLISECONDS };

export function assertOrdered(from: string | undefined, to: string | undefined): void {
  // Canonical instants compare in time order as strings.
  if (from !== undefined && to !== undefined && from > to) throw new InvalidRequestError('from must not be after to');
}

/** How many UTC buckets of `interval` the range touches (the first and last may be partial). */
export function bucketCount(range: TimeRange, interval: ReportInterval): number {
  const size = BUCKET_MILLISECONDS[interval];
  const from = instantToDate(range.from).getTime();
  const to = instantToDate(range.to).getTime();
  if (to <= from) return 0;
  return Math.ceil((to - Math.floor(from / size) * size) / size);
}

/** An ordered range of at most MAX_REPORT_RANGE_DAYS. */
export function assertReportRange(range: TimeRange): void {
  assertOrdered(range.from, range.to);
  const days = (instantToDate(range.to).getTime() - instantToDate(range.from).getTime()) / DAY_MILLISECONDS;
  if (days > MAX_REPORT_RANGE_DAYS) {
    throw new InvalidRequestError(
      `the range may span at most ${MAX_REPORT_RANGE_DAYS} days: from ${range.from} to ${range.to} is longer (ask for a longer period in parts)`,
    );
  }
}

export function assertTimeseriesRange(range: TimeRange, interval: ReportInterval): void {
  assertReportRange(range);
  const count = bucketCount(range, interval);
  if (count > MAX_TIMESERIES_BUCKETS) {
    const advice = interval === 'hour' ? 'use interval=day or a shorter range' : 'use a shorter range';
    throw new InvalidRequestError(
      `interval=${interval} from ${range.from} to ${range.to} gives ${count} buckets, more than ${MAX_TIMESERIES_BUCKETS}: ${advice}`,
    );
  }
}
