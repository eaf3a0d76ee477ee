import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { INPUT_KINDS, type InputKind } from '../call-sessions/call-attempt.entity.js';
import { CALL_OUTCOMES, type CallOutcome } from '../call-sessions/call-session.entity.js';
import { ReportDatabase } from './report-database.js';
import type { ReportInterval, TimeRange } from './report-range.js';
import { IVR_TABLES } from '../database/ivr-schema.js';

export type OutcomeCounts = Record<CallOutcome, number>;

export interface OutcomeTotals {
  readonly total: number;
  /** Calls with no outcome yet (still in progress, or their final status never arrived). */
  readonly inProgress: number;
  readonly byOutcome: OutcomeCounts;
}

export interface SessionTotals extends OutcomeTotals {
  readonly durationAverage: number | null;
  readonly durationP95: number | null;
}

export interface DepartmentTotals extends OutcomeTotals {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  /** Calls that chose this department while it was closed (see CLOSED_ATTEMPTS). */
  readonly closed: number;
}

/** Calls by the language the caller heard; see languageTotals. */
export interface LanguageTotals extends OutcomeTotals {
  readonly language: string;
}

export interface AttemptTotals {
  readonly inputMix: Record<InputKind, number>;
  readonly lowConfidenceRate: number | null;
  readonly averageAttemptsToRoute: number | null;
  /** Calls that chose a closed department, whichever (see CLOSED_ATTEMPTS). */
  readonly closed: number;
}

export interface SummaryRecord {
  readonly sessions: SessionTotals;
  readonly departments: DepartmentTotals[];
  readonly languages: LanguageTotals[];
  readonly attempts: AttemptTotals;
}

export interface BucketRecord extends OutcomeTotals {
  readonly start: Date;
  /** Calls that chose a closed department in the bucket (see CLOSED_ATTEMPTS). */
  readonly closed: number;
  /** The same per department id, departments without any left out. */
  readonly closedByDepartment: Record<string, number>;
}

interface OutcomeRow {
  readonly total: number;
  readonly inProgress: number;
  readonly [outcome: `outcome_${string}`]: number;
}

/** An attempt answered a menu: the choice of language, before the menu starts, is not a menu attempt. */
const MENU_ANSWER = `decision <> 'language'`;

// Generated from the constants (no user input), so a new outcome or input kind is counted everywhere.
const OUTCOME_COUNTS = [
  `count(*)::int AS total`,
  `count(*) FILTER (WHERE outcome IS NULL)::int AS "inProgress"`,
  ...CALL_OUTCOMES.map((outcome) => `count(*) FILTER (WHERE outcome = '${outcome}')::int AS "outcome_${outcome}"`),
].join(', ');
const OUTCOME_COLUMNS = ['total', 'inProgress', ...CALL_OUTCOMES.map((outcome) => `outcome_${outcome}`)];
/** The OUTCOME_COUNTS columns of `source`, zero where a LEFT JOIN found no row. */
const outcomeCountsOrZero = (source: string): string =>
  OUTCOME_COLUMNS.map((column) => `coalesce(${source}."${column}", 0)::int AS "${column}"`).join(', ');
const INPUT_KIND_COUNTS = INPUT_KINDS.map(
  (kind) => `count(*) FILTER (WHERE input_kind = '${kind}' AND ${MENU_ANSWER})::int AS "input_${kind}"`,
).join(', ');

/**
 * The attempts decided `closed` (the caller chose a department while it was closed and got its
 * after-hours action) made in [$1, $2): by the attempt's own time, like every attempt figure. The
 * figures made of them count calls, not attempts: a call that met the same closed department twice counts
 * once for it, and a call that met two closed departments once for each and once in the total. A
 * call whose closed answers fall in two buckets of a time series counts in each of them.
 * Read from call_attempts_closed_idx alone (an index-only range scan of the closed attempts).
 */
const CLOSED_ATTEMPTS = `${IVR_TABLES.callAttempts}
  WHERE decision = 'closed' AND created_at >= $1::timestamptz AND created_at < $2::timestamptz`;

/**
 * How much older than its routing answer a call's language rounds can be: no call's webhooks are taken more than
 * two days after it started (see isLongOver in the voice feature).
 */
const LONGEST_CALL = `interval '2 days'`;

/**
 * The mean number of menu answers of the calls routed to a department in [$1, $2): each routing answer's round
 * less its call's language rounds (its first rounds: a call chooses its language before the menu starts). One pass
 * over the routing and language answers from LONGEST_CALL before $1, grouped by call: cheaper than looking up each
 * routed call's language rounds by CallSid.
 */
const ROUTING_ANSWERS = `(
  SELECT avg(routed_round - language_rounds)::float8
  FROM (
    SELECT max(round) FILTER (WHERE decision = 'route' AND created_at >= $1::timestamptz) AS routed_round,
      count(*) FILTER (WHERE decision = 'language') AS language_rounds
    FROM ${IVR_TABLES.callAttempts}
    WHERE created_at >= $1::timestamptz - ${LONGEST_CALL} AND created_at < $2::timestamptz
      AND decision IN ('route', 'language')
    GROUP BY call_sid
  ) AS calls
  WHERE routed_round IS NOT NULL
)`;

/** Whether any call answered a choice of language in the window ROUTING_ANSWERS reads (a small partial index). */
const LANGUAGE_ROUNDS = `SELECT 1 FROM ${IVR_TABLES.callAttempts}
  WHERE decision = 'language' AND created_at >= $1::timestamptz - ${LONGEST_CALL} AND created_at < $2::timestamptz`;

// Bucket steps in absolute hours: '1 day' would follow the session time zone's daylight saving changes.
const BUCKET_STEPS: Record<ReportInterval, string> = { hour: '1 hour', day: '24 hours' };

function outcomeTotals(row: OutcomeRow): OutcomeTotals {
  const byOutcome = Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, row[`outcome_${outcome}`]]));
  return { total: row.total, inProgress: row.inProgress, byOutcome: byOutcome as OutcomeCounts };
}

/**
 * The report figures, each computed by PostgreSQL. A call belongs to the range its start time falls
 * in; a menu attempt to the range its own time falls in (see attemptTotals), and so do the calls
 * that met a closed department (see CLOSED_ATTEMPTS).
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly database: ReportDatabase) {}

  /** Every summary figure, read from one snapshot so that they agree with each other. */
  async summarize(range: TimeRange): Promise<SummaryRecord> {
    return this.database.aggregate(async (manager) => ({
      sessions: await this.sessionTotals(manager, range),
      departments: await this.departmentTotals(manager, range),
      languages: await this.languageTotals(manager, range),
      attempts: await this.attemptTotals(manager, range),
    }));
  }

  /**
   * Calls by outcome, and their duration (Twilio's CallDuration, from the final status callback;
   * calls without one are left out of both figures): the mean, and the 95th percentile with linear
   * interpolation between the two nearest ranks (percentile_cont, as NumPy's default).
   */
  private async sessionTotals(manager: EntityManager, range: TimeRange): Promise<SessionTotals> {
    const [row] = await manager.query<(OutcomeRow & { durationAverage: number | null; durationP95: number | null })[]>(
      `SELECT ${OUTCOME_COUNTS},
         avg(duration_seconds)::float8 AS "durationAverage",
         percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_seconds)::float8 AS "durationP95"
       FROM ${IVR_TABLES.callSessions}
       WHERE started_at >= $1::timestamptz AND started_at < $2::timestamptz`,
      [range.from, range.to],
    );
    return { ...outcomeTotals(row), durationAverage: row.durationAverage, durationP95: row.durationP95 };
  }

  /**
   * Calls the menu sent to each department, by outcome, and the calls that met it closed (see
   * CLOSED_ATTEMPTS): every active department (with zeros when it had none) and any inactive one
   * that had either in the range; busiest first.
   */
  private async departmentTotals(manager: EntityManager, range: TimeRange): Promise<DepartmentTotals[]> {
    const rows = await manager.query<(OutcomeRow & { id: string; name: string; active: boolean; closed: number })[]>(
      `WITH routed AS (
         SELECT department_id, ${OUTCOME_COUNTS}
         FROM ${IVR_TABLES.callSessions}
         WHERE started_at >= $1::timestamptz AND started_at < $2::timestamptz AND department_id IS NOT NULL
         GROUP BY department_id
       ), closed AS (
         SELECT department_id, count(DISTINCT call_sid)::int AS calls
         FROM ${CLOSED_ATTEMPTS}
         GROUP BY department_id
       )
       SELECT d.id, d.name, d.active, ${outcomeCountsOrZero('routed')}, coalesce(closed.calls, 0)::int AS closed
       FROM ${IVR_TABLES.departments} d
       LEFT JOIN routed ON routed.department_id = d.id
       LEFT JOIN closed ON closed.department_id = d.id
       WHERE d.active OR routed.department_id IS NOT NULL OR closed.department_id IS NOT NULL
       ORDER BY "total" DESC, d.name, d.id`,
      [range.from, range.to],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      active: row.active,
      ...outcomeTotals(row),
      closed: row.closed,
    }));
  }

  /**
   * Calls by the language the caller heard, by outcome: every language offered now (zeros when it had none) and
   * any other that had calls in the range; busiest first. A call without a language counts in the default one
   * (settings.language): calls from before languages, and those that ended (or are still) before their caller
   * chose one, as it heard the choice in the default language first.
   */
  private async languageTotals(manager: EntityManager, range: TimeRange): Promise<LanguageTotals[]> {
    const rows = await manager.query<(OutcomeRow & { language: string })[]>(
      `WITH calls AS (
         SELECT coalesce(s.language, settings.language) AS language, ${OUTCOME_COUNTS}
         FROM ${IVR_TABLES.callSessions} s CROSS JOIN ${IVR_TABLES.settings} settings
         WHERE s.started_at >= $1::timestamptz AND s.started_at < $2::timestamptz
         GROUP BY 1
       ), offered AS (
         SELECT language FROM ${IVR_TABLES.settings}
         UNION
         SELECT offer ->> 'code' FROM ${IVR_TABLES.settings}, jsonb_array_elements(languages) AS offer
       )
       SELECT coalesce(calls.language, offered.language) AS language, ${outcomeCountsOrZero('calls')}
       FROM calls FULL JOIN offered ON offered.language = calls.language
       ORDER BY "total" DESC, language`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ language: row.language, ...outcomeTotals(row) }));
  }

  /**
   * Menu attempts made in the range (by the attempt's own time, so that these figures read an index
   * of attempts instead of joining every attempt to its call; a call that spans `to` has its later
   * answers in the next range). The choice of language is not a menu attempt (see MENU_ANSWER);
   * moving in the menu (into a submenu, back, the menu again) and asking for the operator or voicemail are.
   * - inputMix: attempts by input kind (dtmf, speech, none = silence).
   * - lowConfidenceRate: attempts that failed for low confidence / speech attempts; only speech can
   *   fail that way, so it is a share of speech attempts, in [0, 1]; null without speech attempts.
   * - averageAttemptsToRoute: over the calls the menu sent to a department in the range, the mean
   *   number of menu answers it took, the routing one included (the round of the attempt whose decision
   *   is 'route', less the call's language rounds: see ROUTING_ANSWERS); null when none was routed.
   *   Calls sent to the operator, after maxAttempts failed answers or on request, are not counted:
   *   byOutcome.operator counts them.
   * - closed: the calls that met any closed department (see CLOSED_ATTEMPTS).
   */
  private async attemptTotals(manager: EntityManager, range: TimeRange): Promise<AttemptTotals> {
    const [row] = await manager.query<
      ({ [kind: `input_${string}`]: number } & {
        lowConfidenceRate: number | null;
        averageAttemptsToRoute: number | null;
        languageRounds: boolean;
        closed: number;
      })[]
    >(
      // The closed calls in a subquery: it reads its own index, the other figures stay an index-only scan.
      `SELECT ${INPUT_KIND_COUNTS},
         (count(*) FILTER (WHERE failure = 'low_confidence' AND ${MENU_ANSWER}))::float8
           / NULLIF(count(*) FILTER (WHERE input_kind = 'speech' AND ${MENU_ANSWER}), 0) AS "lowConfidenceRate",
         (avg(round) FILTER (WHERE decision = 'route'))::float8 AS "averageAttemptsToRoute",
         EXISTS (${LANGUAGE_ROUNDS}) AS "languageRounds",
         (SELECT count(DISTINCT call_sid) FROM ${CLOSED_ATTEMPTS})::int AS closed
       FROM ${IVR_TABLES.callAttempts}
       WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz`,
      [range.from, range.to],
    );
    const inputMix = Object.fromEntries(INPUT_KINDS.map((kind) => [kind, row[`input_${kind}`]]));
    // Without a choice of language among these calls, each routing round is its menu answers (the index-only pass);
    // with one, the calls' language rounds come off (a pass grouped by call).
    const averageAttemptsToRoute = row.languageRounds
      ? (
          await manager.query<{ average: number | null }[]>(`SELECT ${ROUTING_ANSWERS} AS average`, [
            range.from,
            range.to,
          ])
        )[0].average
      : row.averageAttemptsToRoute;
    return {
      inputMix: inputMix as Record<InputKind, number>,
      lowConfidenceRate: row.lowConfidenceRate,
      averageAttemptsToRoute,
      closed: row.closed,
    };
  }

  /**
   * Calls by outcome per UTC hour or day of their start, and the calls that met a closed department
   * per hour or day of those answers (see CLOSED_ATTEMPTS), every bucket the range touches included
   * (zeros too, for charts). The first and last buckets only count what falls inside the range.
   */
  async outcomeTimeseries(range: TimeRange, interval: ReportInterval): Promise<BucketRecord[]> {
    const rows = await this.database.aggregate((manager) =>
      manager.query<(OutcomeRow & { start: Date; closed: number; closedByDepartment: Record<string, number> })[]>(
        `WITH counts AS (
         SELECT date_trunc($3, started_at, 'UTC') AS bucket, ${OUTCOME_COUNTS}
         FROM ${IVR_TABLES.callSessions}
         WHERE started_at >= $1::timestamptz AND started_at < $2::timestamptz
         GROUP BY 1
       ), closed_groups AS (
         -- One pass: the calls per bucket and department, and per bucket whatever the department.
         SELECT date_trunc($3, created_at, 'UTC') AS bucket, department_id,
           GROUPING(department_id) = 1 AS every_department, count(DISTINCT call_sid)::int AS calls
         FROM ${CLOSED_ATTEMPTS}
         GROUP BY GROUPING SETS (
           (date_trunc($3, created_at, 'UTC'), department_id), (date_trunc($3, created_at, 'UTC'))
         )
       ), closed AS (
         SELECT bucket,
           sum(calls) FILTER (WHERE every_department) AS calls,
           jsonb_object_agg(department_id, calls) FILTER (WHERE NOT every_department AND department_id IS NOT NULL)
             AS by_department
         FROM closed_groups
         GROUP BY bucket
       )
       SELECT series.bucket AS start, ${outcomeCountsOrZero('counts')},
         coalesce(closed.calls, 0)::int AS closed,
         coalesce(closed.by_department, '{}'::jsonb) AS "closedByDepartment"
       FROM generate_series(
         date_trunc($3, $1::timestamptz, 'UTC'), $2::timestamptz - interval '1 microsecond', $4::interval
       ) AS series (bucket)
       LEFT JOIN counts ON counts.bucket = series.bucket
       LEFT JOIN closed ON closed.bucket = series.bucket
       WHERE $1::timestamptz < $2::timestamptz
       ORDER BY series.bucket`,
        [range.from, range.to, interval, BUCKET_STEPS[interval]],
      ),
    );
    return rows.map((row) => ({
      start: row.start,
      ...outcomeTotals(row),
      closed: row.closed,
      closedByDepartment: row.closedByDepartment,
    }));
  }
}
