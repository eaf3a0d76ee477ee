import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ADVISORY_LOCKS } from '../../database/advisory-locks.js';
import { InjectIvrDataSource } from '../../database/ivr-data-source.js';
import { IVR_TABLES } from '../../database/ivr-schema.js';
import { SETTLED_AFTER_MS } from '../../voice/decide.js';
import { finalThroughAt, floorDay, floorQuarterHour, purgeWindowEnd } from './final-through.js';
import {
  firstClosedAnswers,
  MENU_ANSWER_COLUMNS,
  MENU_ANSWER_COUNTS,
  quarterHourOf,
  routedAnswers,
} from './report-sql.js';

export interface RollUpResult {
  /** The aggregates are complete and final for everything before this instant (null: nothing rolled up yet). */
  readonly finalThrough: Date | null;
  /** Whether this call computed anything (false: already up to date, or no call old enough yet). */
  readonly rolledUp: boolean;
}

const DAY_TABLES = [
  IVR_TABLES.reportDayCalls,
  IVR_TABLES.reportDayDurations,
  IVR_TABLES.reportDayAttempts,
  IVR_TABLES.reportDayClosed,
];
const FROM = '$1::timestamptz';
const TO = '$2::timestamptz';

// Each statement fills one table for the days in [$1, $2), from the calls and attempts of [$1, $2).
const DAY_INSERTS = [
  `INSERT INTO ${IVR_TABLES.reportDayCalls} (day, department_id, language, outcome, calls, duration_calls, duration_sum)
   SELECT date_trunc('day', started_at, 'UTC'), department_id, coalesce(language, ''), coalesce(outcome, ''), count(*),
     count(duration_seconds), coalesce(sum(duration_seconds), 0)
   FROM ${IVR_TABLES.callSessions} WHERE started_at >= ${FROM} AND started_at < ${TO}
   GROUP BY 1, 2, 3, 4`,
  `INSERT INTO ${IVR_TABLES.reportDayDurations} (day, duration_seconds, calls)
   SELECT date_trunc('day', started_at, 'UTC'), duration_seconds, count(*)
   FROM ${IVR_TABLES.callSessions}
   WHERE started_at >= ${FROM} AND started_at < ${TO} AND duration_seconds IS NOT NULL
   GROUP BY 1, 2`,
  `INSERT INTO ${IVR_TABLES.reportDayAttempts} (day, ${MENU_ANSWER_COLUMNS.join(', ')}, routed_answers, routed_rounds, closed_calls)
   SELECT day, ${MENU_ANSWER_COLUMNS.map((column) => `sum(${column})`).join(', ')}, sum(routed_answers), sum(routed_rounds),
     sum(closed_calls)
   FROM (
     SELECT date_trunc('day', created_at, 'UTC') AS day, ${MENU_ANSWER_COUNTS}, 0 AS routed_answers, 0 AS routed_rounds,
       0 AS closed_calls
     FROM ${IVR_TABLES.callAttempts} WHERE created_at >= ${FROM} AND created_at < ${TO}
     GROUP BY 1
     UNION ALL
     SELECT date_trunc('day', created_at, 'UTC'), ${MENU_ANSWER_COLUMNS.map(() => '0').join(', ')}, count(*), sum(rounds), 0
     FROM (${routedAnswers(FROM, TO)}) AS routed
     GROUP BY 1
     UNION ALL
     SELECT date_trunc('day', created_at, 'UTC'), ${MENU_ANSWER_COLUMNS.map(() => '0').join(', ')}, 0, 0, count(*)
     FROM (${firstClosedAnswers(FROM, TO, false)}) AS closed
     GROUP BY 1
   ) AS parts
   GROUP BY day`,
  `INSERT INTO ${IVR_TABLES.reportDayClosed} (day, department_id, calls)
   SELECT date_trunc('day', created_at, 'UTC'), department_id, count(*)
   FROM (${firstClosedAnswers(FROM, TO, true)}) AS closed
   WHERE department_id IS NOT NULL
   GROUP BY 1, 2`,
];

const QUARTER_HOUR_INSERT = `INSERT INTO ${IVR_TABLES.reportQuarterHourCalls} (quarter_hour, calls)
  SELECT ${quarterHourOf('started_at')}, count(*)
  FROM ${IVR_TABLES.callSessions} WHERE started_at >= ${FROM} AND started_at < ${TO}
  GROUP BY 1`;

/**
 * Keeps the report aggregates (per UTC day, per UTC quarter-hour) for the periods no webhook can change any more:
 * everything before `final_through`, which trails the clock by SETTLED_AFTER_MS and a margin (see finalThroughAt).
 * The webhooks never touch them; each change here runs in one transaction under one advisory lock, so instances
 * take turns and no period is counted twice. Periods that change after all (webhooks replayed from the spool long
 * after they came, retention's purge) are computed again from the calls.
 */
@Injectable()
export class ReportAggregatesService {
  private readonly logger = new Logger(ReportAggregatesService.name);

  constructor(@InjectIvrDataSource() private readonly dataSource: DataSource) {}

  /** Rolls the aggregates up to finalThroughAt(now), from where the last rollup stopped (or the first call). */
  async rollUp(now: Date = new Date()): Promise<RollUpResult> {
    return this.locked((manager) => this.rollUpLocked(manager, now));
  }

  /** Counts everything from the UTC day of `instant` again (when before final_through), then rolls up. */
  async reopenFrom(instant: Date, now: Date = new Date()): Promise<RollUpResult> {
    return this.locked(async (manager) => {
      const finalThrough = await this.finalThrough(manager);
      if (finalThrough !== null && instant < finalThrough) {
        await this.setFinalThrough(manager, floorDay(instant));
        this.logger.log({ event: 'report_aggregates.reopened', from: floorDay(instant).toISOString() });
      }
      return this.rollUpLocked(manager, now);
    });
  }

  /** Deletes every aggregate and counts every stored call again. */
  async rebuild(now: Date = new Date()): Promise<RollUpResult> {
    return this.locked(async (manager) => {
      for (const table of [...DAY_TABLES, IVR_TABLES.reportQuarterHourCalls])
        await manager.query(`DELETE FROM ${table}`);
      await this.setFinalThrough(manager, null);
      return this.rollUpLocked(manager, now);
    });
  }

  /**
   * After webhooks were replayed from the spool: one that arrived at `oldestReceivedAt` may have changed calls that
   * started up to SETTLED_AFTER_MS before it, so those periods are counted again if they were final.
   */
  async replayed(oldestReceivedAt: Date, now: Date = new Date()): Promise<void> {
    const changedFrom = new Date(oldestReceivedAt.getTime() - SETTLED_AFTER_MS);
    const [state] = await this.dataSource.query<{ finalThrough: Date | null }[]>(
      `SELECT final_through AS "finalThrough" FROM ${IVR_TABLES.reportAggregateState}`,
    );
    if (state?.finalThrough && changedFrom < state.finalThrough) await this.reopenFrom(changedFrom, now);
  }

  /**
   * After retention deleted the calls that started before `cutoff` (their attempts with them): the days before the
   * cutoff's lose their aggregates, and the days whose calls or attempts the purge may have touched are counted again.
   */
  async purged(cutoff: Date): Promise<void> {
    await this.locked(async (manager) => {
      const finalThrough = await this.finalThrough(manager);
      if (finalThrough === null) return;
      for (const table of DAY_TABLES) await manager.query(`DELETE FROM ${table} WHERE day < $1`, [floorDay(cutoff)]);
      await manager.query(`DELETE FROM ${IVR_TABLES.reportQuarterHourCalls} WHERE quarter_hour < $1`, [
        floorQuarterHour(cutoff),
      ]);
      const end = purgeWindowEnd(cutoff, finalThrough);
      if (floorDay(cutoff) < end) await this.recompute(manager, cutoff, end);
    });
  }

  private async locked<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.reportAggregates]);
      return work(manager);
    });
  }

  private async rollUpLocked(manager: EntityManager, now: Date): Promise<RollUpResult> {
    const target = finalThroughAt(now);
    const finalThrough = await this.finalThrough(manager);
    const from = finalThrough ?? (await this.firstStored(manager));
    if (from === null || from >= target) return { finalThrough, rolledUp: false };
    const started = Date.now();
    await this.recompute(manager, from, target);
    await this.setFinalThrough(manager, target);
    this.logger.log({
      event: 'report_aggregates.rolled_up',
      from: from.toISOString(),
      finalThrough: target.toISOString(),
      ms: Date.now() - started,
    });
    return { finalThrough: target, rolledUp: true };
  }

  /**
   * Computes the aggregates of the UTC days and quarter-hours from `from`'s up to `to` again: `to` is final_through
   * (the day it falls in is then counted up to it, and read only once final_through has passed its end) or a day's
   * start before it.
   */
  private async recompute(manager: EntityManager, from: Date, to: Date): Promise<void> {
    const dayFrom = floorDay(from);
    for (const table of DAY_TABLES) {
      await manager.query(`DELETE FROM ${table} WHERE day >= $1 AND day < $2`, [dayFrom, to]);
    }
    for (const insert of DAY_INSERTS) await manager.query(insert, [dayFrom, to]);
    const quarterFrom = floorQuarterHour(from);
    await manager.query(
      `DELETE FROM ${IVR_TABLES.reportQuarterHourCalls} WHERE quarter_hour >= $1 AND quarter_hour < $2`,
      [quarterFrom, to],
    );
    await manager.query(QUARTER_HOUR_INSERT, [quarterFrom, to]);
  }

  private async finalThrough(manager: EntityManager): Promise<Date | null> {
    const [state] = await manager.query<{ finalThrough: Date | null }[]>(
      `SELECT final_through AS "finalThrough" FROM ${IVR_TABLES.reportAggregateState} FOR UPDATE`,
    );
    return state?.finalThrough ?? null;
  }

  private async setFinalThrough(manager: EntityManager, finalThrough: Date | null): Promise<void> {
    await manager.query(`UPDATE ${IVR_TABLES.reportAggregateState} SET final_through = $1, rolled_up_at = now()`, [
      finalThrough,
    ]);
  }

  /** The earliest instant any stored call or attempt counts at; null when there is none. */
  private async firstStored(manager: EntityManager): Promise<Date | null> {
    const [row] = await manager.query<{ first: Date | null }[]>(
      `SELECT least((SELECT min(started_at) FROM ${IVR_TABLES.callSessions}),
         (SELECT min(created_at) FROM ${IVR_TABLES.callAttempts})) AS first`,
    );
    return row.first;
  }
}
