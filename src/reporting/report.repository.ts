import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { INPUT_KINDS, type InputKind } from '../call-sessions/call-attempt.entity.js';
import { CALL_OUTCOMES, type CallOutcome } from '../call-sessions/call-session.entity.js';
import { IVR_TABLES } from '../database/ivr-schema.js';
import { type HistogramBin, percentileFromHistogram } from './aggregates/histogram-percentile.js';
import {
  PLANNED_ATTEMPTS,
  PLANNED_BUSIEST_HOURS,
  PLANNED_DURATIONS,
  plannedCalls,
  plannedClosedByBucket,
  plannedClosedByDepartment,
  SUMMED_OUTCOMES,
} from './aggregates/planned-sql.js';
import { DAY_MS, planList, planParameters, planRange, QUARTER_HOUR_MS } from './aggregates/range-plan.js';
import { languageRoundsIn, routedAnswers } from './aggregates/report-sql.js';
import { instantToDate } from './instant.js';
import { ReportDatabase } from './report-database.js';
import type { ReportInterval, TimeRange } from './report-range.js';

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
  /** Calls that chose this department while it was closed (see firstClosedAnswers). */
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
  /** Calls that chose a closed department, whichever, counted where they first did (see firstClosedAnswers). */
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
  /** Calls that chose a closed department in the bucket (see firstClosedAnswers). */
  readonly closed: number;
  /** The same per department id, departments without any left out. */
  readonly closedByDepartment: Record<string, number>;
}

/** What the report figures can read from: the aggregates up to final_through (default), or the raw tables only. */
export interface ReportReadOptions {
  readonly aggregates?: boolean;
}

/** A week's cells, Monday = 1 (ISO), hours 0-23 in the report's time zone. */
export interface HourCell {
  readonly weekday: number;
  readonly hour: number;
  readonly calls: number;
}

interface OutcomeRow {
  readonly total: number;
  readonly inProgress: number;
  readonly [outcome: `outcome_${string}`]: number;
}

const OUTCOME_COLUMNS = ['total', 'inProgress', ...CALL_OUTCOMES.map((outcome) => `outcome_${outcome}`)];
/** The OUTCOME_COUNTS columns of `source`, zero where a LEFT JOIN found no row. */
const outcomeCountsOrZero = (source: string): string =>
  OUTCOME_COLUMNS.map((column) => `coalesce(${source}."${column}", 0)::int AS "${column}"`).join(', ');

// Bucket steps in absolute hours: '1 day' would follow the session time zone's daylight saving changes.
const BUCKET_STEPS: Record<ReportInterval, string> = { hour: '1 hour', day: '24 hours' };

type AttemptPartRow = Record<string, string | number>;

function outcomeTotals(row: OutcomeRow): OutcomeTotals {
  const byOutcome = Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, row[`outcome_${outcome}`]]));
  return { total: row.total, inProgress: row.inProgress, byOutcome: byOutcome as OutcomeCounts };
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/**
 * The report figures, each computed by PostgreSQL. A call belongs to the range its start time falls in; a menu
 * attempt to the range its own time falls in (see attemptTotals), and so do the calls that met a closed department
 * (see firstClosedAnswers: a call counts where it first met one). Each range is read through a plan (planRange):
 * its whole UTC days (quarter-hours for the busiest hours) before final_through from the aggregates, the rest from
 * the calls and attempts; every figure is a sum over the parts (means from sums and counts, the 95th percentile
 * from merged histograms), so both ways give the same answer.
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly database: ReportDatabase) {}

  /** Every summary figure, read from one snapshot so that they agree with each other. */
  async summarize(range: TimeRange, options: ReportReadOptions = {}): Promise<SummaryRecord> {
    return this.database.aggregate(async (manager) => {
      const plan = await this.plan(manager, range, DAY_MS, options);
      return {
        sessions: await this.sessionTotals(manager, plan),
        departments: await this.departmentTotals(manager, plan),
        languages: await this.languageTotals(manager, plan),
        attempts: await this.attemptTotals(manager, plan),
      };
    });
  }

  /** The plan's parameters $1-$6: final_through read in the report's snapshot. */
  private async plan(
    manager: EntityManager,
    range: TimeRange,
    unit: number,
    options: ReportReadOptions,
  ): Promise<Date[]> {
    const [state] =
      options.aggregates === false
        ? []
        : await manager.query<{ finalThrough: Date | null }[]>(
            `SELECT final_through AS "finalThrough" FROM ${IVR_TABLES.reportAggregateState}`,
          );
    const finalThrough = state?.finalThrough?.getTime() ?? null;
    const segments = planRange(
      instantToDate(range.from).getTime(),
      instantToDate(range.to).getTime(),
      finalThrough,
      unit,
    );
    return planList(planParameters(segments));
  }

  /**
   * Calls by outcome, and their duration (Twilio's CallDuration, from the final status callback;
   * calls without one are left out of both figures): the mean, and the 95th percentile with linear
   * interpolation between the two nearest ranks (percentile_cont, as NumPy's default).
   */
  private async sessionTotals(manager: EntityManager, plan: Date[]): Promise<SessionTotals> {
    const [row] = await manager.query<(OutcomeRow & { durationCalls: string; durationSum: string })[]>(
      `SELECT ${SUMMED_OUTCOMES}, coalesce(sum(duration_calls), 0) AS "durationCalls",
         coalesce(sum(duration_sum), 0) AS "durationSum"
       FROM (${plannedCalls(null)}) AS calls`,
      plan,
    );
    const durations = await manager.query<HistogramBin[]>(PLANNED_DURATIONS, plan);
    return {
      ...outcomeTotals(row),
      durationAverage: ratio(Number(row.durationSum), Number(row.durationCalls)),
      durationP95: percentileFromHistogram(durations, 0.95),
    };
  }

  /**
   * Calls the menu sent to each department, by outcome, and the calls that first met it closed (see
   * firstClosedAnswers): every active department (with zeros when it had none) and any inactive one
   * that had either in the range; busiest first.
   */
  private async departmentTotals(manager: EntityManager, plan: Date[]): Promise<DepartmentTotals[]> {
    const rows = await manager.query<(OutcomeRow & { id: string; name: string; active: boolean; closed: number })[]>(
      `WITH routed AS (
         SELECT department_id, ${SUMMED_OUTCOMES}
         FROM (${plannedCalls(null)}) AS calls
         WHERE department_id IS NOT NULL
         GROUP BY department_id
       ), closed AS (
         SELECT department_id, sum(calls)::int AS calls
         FROM (${plannedClosedByDepartment(null)}) AS closed
         GROUP BY department_id
       )
       SELECT d.id, d.name, d.active, ${outcomeCountsOrZero('routed')}, coalesce(closed.calls, 0)::int AS closed
       FROM ${IVR_TABLES.departments} d
       LEFT JOIN routed ON routed.department_id = d.id
       LEFT JOIN closed ON closed.department_id = d.id
       WHERE d.active OR routed.department_id IS NOT NULL OR closed.department_id IS NOT NULL
       ORDER BY "total" DESC, d.name, d.id`,
      plan,
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
  private async languageTotals(manager: EntityManager, plan: Date[]): Promise<LanguageTotals[]> {
    const rows = await manager.query<(OutcomeRow & { language: string })[]>(
      `WITH calls AS (
         SELECT coalesce(nullif(calls.language, ''), settings.language) AS language, ${SUMMED_OUTCOMES}
         FROM (${plannedCalls(null)}) AS calls CROSS JOIN ${IVR_TABLES.settings} settings
         GROUP BY 1
       ), offered AS (
         SELECT language FROM ${IVR_TABLES.settings}
         UNION
         SELECT offer ->> 'code' FROM ${IVR_TABLES.settings}, jsonb_array_elements(languages) AS offer
       )
       SELECT coalesce(calls.language, offered.language) AS language, ${outcomeCountsOrZero('calls')}
       FROM calls FULL JOIN offered ON offered.language = calls.language
       ORDER BY "total" DESC, language`,
      plan,
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
   * - averageAttemptsToRoute: over the routing answers (decision 'route') given in the range, the mean
   *   number of menu answers each took, the routing one included (its round less its call's language rounds
   *   before it: see routedAnswers); null when none was routed. Calls sent to the operator, after
   *   maxAttempts failed answers or on request, are not counted: byOutcome.operator counts them.
   * - closed: the calls that first met any closed department in the range (see firstClosedAnswers).
   */
  private async attemptTotals(manager: EntityManager, plan: Date[]): Promise<AttemptTotals> {
    const parts = await manager.query<AttemptPartRow[]>(PLANNED_ATTEMPTS, plan);
    const sum = (column: string): number => parts.reduce((total, part) => total + Number(part[column]), 0);
    let routedAnswers = 0;
    let routedRounds = 0;
    for (const part of parts) {
      const index = Number(part.part) - 1;
      // Without a choice of language near a raw part, each routing answer's round is its menu answers (the pass
      // over the attempts counted them); with one, the calls' language rounds come off (a pass grouped by call).
      const routed = index < 2 ? await this.routedWithLanguages(manager, plan.slice(index * 2, index * 2 + 2)) : null;
      routedAnswers += routed ? routed.answers : Number(part.routed_answers);
      routedRounds += routed ? routed.rounds : Number(part.routed_rounds);
    }
    const inputMix = Object.fromEntries(INPUT_KINDS.map((kind) => [kind, sum(`${kind}_answers`)]));
    return {
      inputMix: inputMix as Record<InputKind, number>,
      lowConfidenceRate: ratio(sum('low_confidence_answers'), sum('speech_answers')),
      averageAttemptsToRoute: ratio(routedRounds, routedAnswers),
      closed: sum('closed_calls'),
    };
  }

  /** The routing answers of a raw part [from, to) and their menu answers, when its calls chose languages; else null. */
  private async routedWithLanguages(
    manager: EntityManager,
    range: Date[],
  ): Promise<{ answers: number; rounds: number } | null> {
    const [from, to] = ['$1::timestamptz', '$2::timestamptz'];
    const [row] = await manager.query<{ languages: boolean }[]>(
      `SELECT ${languageRoundsIn(from, to)} AS languages`,
      range,
    );
    if (!row.languages) return null;
    const [routed] = await manager.query<{ answers: string; rounds: string }[]>(
      `SELECT count(*) AS answers, coalesce(sum(rounds), 0) AS rounds FROM (${routedAnswers(from, to)}) AS routed`,
      range,
    );
    return { answers: Number(routed.answers), rounds: Number(routed.rounds) };
  }

  /**
   * Calls by outcome per UTC hour or day of their start, and the calls that first met a closed department
   * per hour or day of that answer (see firstClosedAnswers), every bucket the range touches included
   * (zeros too, for charts). The first and last buckets only count what falls inside the range. Days read the
   * aggregates where they can; hours read the calls (at most MAX_TIMESERIES_BUCKETS of them).
   */
  async outcomeTimeseries(
    range: TimeRange,
    interval: ReportInterval,
    options: ReportReadOptions = {},
  ): Promise<BucketRecord[]> {
    const rows = await this.database.aggregate(async (manager) => {
      const plan = await this.plan(manager, range, DAY_MS, interval === 'day' ? options : { aggregates: false });
      return manager.query<
        (OutcomeRow & { start: Date; closed: number; closedByDepartment: Record<string, number> })[]
      >(
        `WITH counts AS (
         SELECT bucket, ${SUMMED_OUTCOMES}
         FROM (${plannedCalls(interval)}) AS calls
         GROUP BY bucket
       ), closed AS (
         SELECT bucket, sum(calls)::int AS calls FROM (${plannedClosedByBucket(interval)}) AS closed GROUP BY bucket
       ), closed_departments AS (
         SELECT bucket, jsonb_object_agg(department_id, calls) AS by_department
         FROM (
           SELECT bucket, department_id, sum(calls)::int AS calls
           FROM (${plannedClosedByDepartment(interval)}) AS closed
           GROUP BY bucket, department_id
         ) AS per_department
         GROUP BY bucket
       )
       SELECT series.bucket AS start, ${outcomeCountsOrZero('counts')},
         coalesce(closed.calls, 0)::int AS closed,
         coalesce(closed_departments.by_department, '{}'::jsonb) AS "closedByDepartment"
       FROM generate_series(
         date_trunc($7, $8::timestamptz, 'UTC'), $9::timestamptz - interval '1 microsecond', $10::interval
       ) AS series (bucket)
       LEFT JOIN counts ON counts.bucket = series.bucket
       LEFT JOIN closed ON closed.bucket = series.bucket
       LEFT JOIN closed_departments ON closed_departments.bucket = series.bucket
       WHERE $8::timestamptz < $9::timestamptz
       ORDER BY series.bucket`,
        [...plan, interval, range.from, range.to, BUCKET_STEPS[interval]],
      );
    });
    return rows.map((row) => ({
      start: row.start,
      ...outcomeTotals(row),
      closed: row.closed,
      closedByDepartment: row.closedByDepartment,
    }));
  }

  /** Calls by weekday and hour of their start in `timeZone` (an IANA zone): all 168 cells, zeros included. */
  async busiestHours(range: TimeRange, timeZone: string, options: ReportReadOptions = {}): Promise<HourCell[]> {
    const rows = await this.database.aggregate(async (manager) => {
      const plan = await this.plan(manager, range, QUARTER_HOUR_MS, options);
      return manager.query<HourCell[]>(PLANNED_BUSIEST_HOURS, [...plan, timeZone]);
    });
    const calls = new Map(rows.map((row) => [`${row.weekday}-${row.hour}`, row.calls]));
    return Array.from({ length: 7 * 24 }, (_, index) => {
      const weekday = Math.floor(index / 24) + 1;
      const hour = index % 24;
      return { weekday, hour, calls: calls.get(`${weekday}-${hour}`) ?? 0 };
    });
  }

  /** The zone the department schedules share, if they all have the same one; else null. */
  async scheduleTimeZone(): Promise<string | null> {
    const [row] = await this.database.query<{ timeZone: string | null }[]>(
      `SELECT CASE WHEN count(DISTINCT time_zone) = 1 THEN min(time_zone) END AS "timeZone"
       FROM ${IVR_TABLES.departmentSchedules}`,
      [],
    );
    return row?.timeZone ?? null;
  }
}
