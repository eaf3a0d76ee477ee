/** Where each part of a report's range is read from: the raw calls and attempts, or the aggregates. */
export type SegmentSource = 'raw' | 'aggregate';

/** [from, to) in milliseconds since the epoch. */
export interface Segment {
  readonly source: SegmentSource;
  readonly from: number;
  readonly to: number;
}

export const DAY_MS = 86_400_000;
export const QUARTER_HOUR_MS = 900_000;

const floorTo = (instant: number, unit: number): number => Math.floor(instant / unit) * unit;
const ceilTo = (instant: number, unit: number): number => Math.ceil(instant / unit) * unit;

/**
 * Splits [from, to) into the whole `unit`s (UTC days or quarter-hours, counted from the epoch) that lie before
 * `finalThrough`, read from the aggregates, and the rest (the partial units at either edge, and everything from
 * `finalThrough` on), read raw: in time order, empty parts left out. Without `finalThrough` (nothing rolled up yet),
 * all of it is raw.
 */
export function planRange(from: number, to: number, finalThrough: number | null, unit: number): Segment[] {
  if (to <= from) return [];
  const aggregateFrom = ceilTo(from, unit);
  const aggregateTo = finalThrough === null ? aggregateFrom : floorTo(Math.min(to, finalThrough), unit);
  if (aggregateTo <= aggregateFrom) return [{ source: 'raw', from, to }];
  const segments: Segment[] = [
    { source: 'raw', from, to: aggregateFrom },
    { source: 'aggregate', from: aggregateFrom, to: aggregateTo },
    { source: 'raw', from: aggregateTo, to },
  ];
  return segments.filter((segment) => segment.to > segment.from);
}

/** A plan as the aggregate queries take it: two raw ranges and one aggregate range, each possibly empty. */
export interface PlanParameters {
  readonly rawBefore: readonly [Date, Date];
  readonly rawAfter: readonly [Date, Date];
  readonly aggregate: readonly [Date, Date];
}

/** The parameters $1-$6 of the planned report queries (see report-sql.ts): raw before, raw after, aggregate. */
export function planParameters(segments: readonly Segment[]): PlanParameters {
  const empty = (at: number): [Date, Date] => [new Date(at), new Date(at)];
  const start = segments[0]?.from ?? 0;
  const middle = segments.find((segment) => segment.source === 'aggregate');
  const raw = segments.filter((segment) => segment.source === 'raw');
  const range = (segment: Segment | undefined, fallback: number): [Date, Date] =>
    segment ? [new Date(segment.from), new Date(segment.to)] : empty(fallback);
  if (!middle) return { rawBefore: range(raw[0], start), rawAfter: empty(start), aggregate: empty(start) };
  const before = raw.find((segment) => segment.to <= middle.from);
  const after = raw.find((segment) => segment.from >= middle.to);
  return {
    rawBefore: range(before, middle.from),
    rawAfter: range(after, middle.to),
    aggregate: [new Date(middle.from), new Date(middle.to)],
  };
}

/** The planned parameters as the positional list $1-$6. */
export const planList = (plan: PlanParameters): Date[] => [...plan.rawBefore, ...plan.rawAfter, ...plan.aggregate];
