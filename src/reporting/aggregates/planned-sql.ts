// The report queries over a planned range (see planRange): $1-$2 and $3-$4 read raw, $5-$6 from the aggregates.
import { CALL_OUTCOMES } from '../../call-sessions/call-session.entity.js';
import { IVR_TABLES } from '../../database/ivr-schema.js';
import { firstClosedAnswers, MENU_ANSWER_COLUMNS, MENU_ANSWER_COUNTS, ROUTED_ROUND_COUNTS } from './report-sql.js';

const RAW_RANGES = [
  ['$1::timestamptz', '$2::timestamptz'],
  ['$3::timestamptz', '$4::timestamptz'],
] as const;
const AGGREGATE_FROM = '$5::timestamptz';
const AGGREGATE_TO = '$6::timestamptz';

/** `select` over each raw range of `table`, one UNION ALL branch per range. */
function rawBranches(table: string, column: string, select: string, tail = ''): string[] {
  return RAW_RANGES.map(
    ([from, to]) => `SELECT ${select} FROM ${table} WHERE ${column} >= ${from} AND ${column} < ${to} ${tail}`,
  );
}

const aggregateRows = (table: string, column: string, select: string, tail = ''): string =>
  `SELECT ${select} FROM ${table} WHERE ${column} >= ${AGGREGATE_FROM} AND ${column} < ${AGGREGATE_TO} ${tail}`;

/** UTC buckets of a time series: the raw rows' bucket; the aggregates' rows are days. */
export type Bucketing = 'day' | 'hour' | null;

/**
 * The calls of the range grouped by department, language ('' for none), outcome ('' for none) and, with a
 * bucketing, UTC bucket of their start: columns [bucket,] department_id, language, outcome, calls, duration_calls,
 * duration_sum.
 */
export function plannedCalls(bucketing: Bucketing): string {
  const bucket = bucketing ? `date_trunc('${bucketing}', started_at, 'UTC') AS bucket, ` : '';
  const groups = bucketing ? 'GROUP BY 1, 2, 3, 4' : 'GROUP BY 1, 2, 3';
  const raw = rawBranches(
    IVR_TABLES.callSessions,
    'started_at',
    `${bucket}department_id, coalesce(language, '') AS language, coalesce(outcome, '') AS outcome, count(*) AS calls,
       count(duration_seconds) AS duration_calls, coalesce(sum(duration_seconds), 0) AS duration_sum`,
    groups,
  );
  const aggregate = aggregateRows(
    IVR_TABLES.reportDayCalls,
    'day',
    `${bucketing ? 'day AS bucket, ' : ''}department_id, language, outcome, calls, duration_calls, duration_sum`,
  );
  return [...raw, aggregate].join(' UNION ALL ');
}

/** The outcome counts summed over rows of plannedCalls (the OutcomeRow columns). */
export const SUMMED_OUTCOMES = [
  `coalesce(sum(calls), 0)::int AS total`,
  `coalesce(sum(calls) FILTER (WHERE outcome = ''), 0)::int AS "inProgress"`,
  ...CALL_OUTCOMES.map(
    (outcome) => `coalesce(sum(calls) FILTER (WHERE outcome = '${outcome}'), 0)::int AS "outcome_${outcome}"`,
  ),
].join(', ');

/** The calls' durations as a histogram: columns value, count. */
export const PLANNED_DURATIONS = `SELECT duration_seconds AS value, sum(calls)::int AS count FROM (
  ${[
    ...rawBranches(
      IVR_TABLES.callSessions,
      'started_at',
      'duration_seconds, count(*) AS calls',
      'AND duration_seconds IS NOT NULL GROUP BY 1',
    ),
    aggregateRows(IVR_TABLES.reportDayDurations, 'day', 'duration_seconds, calls'),
  ].join(' UNION ALL ')}
) AS durations GROUP BY 1`;

/**
 * The attempt figures of each part of the plan (part 1 and 2 raw, 3 the aggregates): menu answers by input kind and
 * low confidence, the routing answers and their rounds (for a raw part, not less language rounds: see
 * languageRoundsIn), and the calls that first met a closed department there.
 */
export const PLANNED_ATTEMPTS = [
  ...RAW_RANGES.map(
    ([from, to], index) =>
      `SELECT ${index + 1} AS part, ${MENU_ANSWER_COUNTS}, ${ROUTED_ROUND_COUNTS},
         (SELECT count(*) FROM (${firstClosedAnswers(from, to, false)}) AS closed) AS closed_calls
       FROM ${IVR_TABLES.callAttempts} WHERE created_at >= ${from} AND created_at < ${to}`,
  ),
  `SELECT 3 AS part, ${MENU_ANSWER_COLUMNS.map((column) => `coalesce(sum(${column}), 0) AS ${column}`).join(', ')},
     coalesce(sum(routed_answers), 0) AS routed_answers, coalesce(sum(routed_rounds), 0) AS routed_rounds,
     coalesce(sum(closed_calls), 0) AS closed_calls
   FROM ${IVR_TABLES.reportDayAttempts} WHERE day >= ${AGGREGATE_FROM} AND day < ${AGGREGATE_TO}`,
].join(' UNION ALL ');

/**
 * The calls that first met each department closed, per department and, with a bucketing, per UTC bucket of that
 * answer: columns [bucket,] department_id, calls.
 */
export function plannedClosedByDepartment(bucketing: Bucketing): string {
  const bucket = bucketing ? `date_trunc('${bucketing}', created_at, 'UTC') AS bucket, ` : '';
  const groups = bucketing ? 'GROUP BY 1, 2' : 'GROUP BY 1';
  return [
    ...RAW_RANGES.map(
      ([from, to]) =>
        `SELECT ${bucket}department_id, count(*) AS calls FROM (${firstClosedAnswers(from, to, true)}) AS closed
         WHERE department_id IS NOT NULL ${groups}`,
    ),
    aggregateRows(IVR_TABLES.reportDayClosed, 'day', `${bucketing ? 'day AS bucket, ' : ''}department_id, calls`),
  ].join(' UNION ALL ');
}

/** The calls that first met any closed department, per UTC bucket of that answer: columns bucket, calls. */
export function plannedClosedByBucket(bucketing: 'day' | 'hour'): string {
  return [
    ...RAW_RANGES.map(
      ([from, to]) =>
        `SELECT date_trunc('${bucketing}', created_at, 'UTC') AS bucket, count(*) AS calls
         FROM (${firstClosedAnswers(from, to, false)}) AS closed GROUP BY 1`,
    ),
    aggregateRows(IVR_TABLES.reportDayAttempts, 'day', 'day AS bucket, closed_calls AS calls'),
  ].join(' UNION ALL ');
}

/** Calls by ISO weekday and hour of their start in the time zone $7: columns weekday, hour, calls. */
export const PLANNED_BUSIEST_HOURS = `SELECT weekday, hour, sum(calls)::int AS calls FROM (
  ${[
    ...rawBranches(
      IVR_TABLES.callSessions,
      'started_at',
      `extract(isodow FROM started_at AT TIME ZONE $7)::int AS weekday,
         extract(hour FROM started_at AT TIME ZONE $7)::int AS hour, count(*) AS calls`,
      'GROUP BY 1, 2',
    ),
    aggregateRows(
      IVR_TABLES.reportQuarterHourCalls,
      'quarter_hour',
      `extract(isodow FROM quarter_hour AT TIME ZONE $7)::int, extract(hour FROM quarter_hour AT TIME ZONE $7)::int, calls`,
    ),
  ].join(' UNION ALL ')}
) AS hours GROUP BY 1, 2`;
