// The SQL the rollup and the reports share, so that a figure read raw and the same figure read from the aggregates
// count the same things by construction.
import { INPUT_KINDS } from '../../call-sessions/call-attempt.entity.js';
import { IVR_TABLES } from '../../database/ivr-schema.js';
import { SETTLED_AFTER_MS } from '../../voice/decide.js';

/** An attempt answered a menu: the choice of language, before the menu starts, is not a menu attempt. */
export const MENU_ANSWER = `decision <> 'language'`;

/**
 * How far before an attempt the other attempts of its call can lie: all of a call's attempts fall within
 * SETTLED_AFTER_MS of its start (see isLongOver in the voice feature).
 */
export const CALL_SPAN = `interval '${SETTLED_AFTER_MS / 1000} seconds'`;

/** Per range of attempts: menu answers by input kind, and those that failed for low confidence. */
export const MENU_ANSWER_COUNTS = [
  ...INPUT_KINDS.map((kind) => `count(*) FILTER (WHERE input_kind = '${kind}' AND ${MENU_ANSWER}) AS ${kind}_answers`),
  `count(*) FILTER (WHERE failure = 'low_confidence' AND ${MENU_ANSWER}) AS low_confidence_answers`,
].join(', ');

/** The columns of MENU_ANSWER_COUNTS (and of report_day_attempts), in order. */
export const MENU_ANSWER_COLUMNS = [...INPUT_KINDS.map((kind) => `${kind}_answers`), 'low_confidence_answers'];

/** The routing answers and their rounds: what routedAnswers sums when no call of the range chose a language. */
export const ROUTED_ROUND_COUNTS = `count(*) FILTER (WHERE decision = 'route') AS routed_answers,
  coalesce(sum(round) FILTER (WHERE decision = 'route'), 0) AS routed_rounds`;

/**
 * The first closed answer (decision `closed`: the caller chose a department while it was closed) of each call, or of
 * each call and department, that falls in [from, to): columns department_id and created_at. A call counts once,
 * where it first met a closed department (and once per department, where it first met that one), however many
 * ranges or buckets its closed answers fall in; so the counts of consecutive ranges add up. Read from
 * call_attempts_closed_idx: the call's earlier closed answers lie at most CALL_SPAN before `from`.
 */
export function firstClosedAnswers(from: string, to: string, perDepartment: boolean): string {
  const key = perDepartment ? 'call_sid, department_id' : 'call_sid';
  return `SELECT department_id, created_at FROM (
      SELECT DISTINCT ON (${key}) department_id, created_at
      FROM ${IVR_TABLES.callAttempts}
      WHERE decision = 'closed' AND created_at >= ${from} - ${CALL_SPAN} AND created_at < ${to}
      ORDER BY ${key}, created_at
    ) AS first_closed
    WHERE created_at >= ${from}`;
}

/**
 * The routing answers (decision `route`) given in [from, to), each with the menu answers it took: its round less the
 * call's language rounds before it (a call chooses its language before the menu starts). Columns created_at, rounds.
 */
export function routedAnswers(from: string, to: string): string {
  return `SELECT r.created_at, r.round - count(l.id) AS rounds
    FROM ${IVR_TABLES.callAttempts} r
    LEFT JOIN ${IVR_TABLES.callAttempts} l ON l.call_sid = r.call_sid AND l.decision = 'language' AND l.round < r.round
      AND l.created_at >= ${from} - ${CALL_SPAN} AND l.created_at < ${to}
    WHERE r.decision = 'route' AND r.created_at >= ${from} AND r.created_at < ${to}
    GROUP BY r.id`;
}

/** Whether a language was chosen where routedAnswers(from, to) looks: without, each routing answer's round counts. */
export function languageRoundsIn(from: string, to: string): string {
  return `EXISTS (SELECT 1 FROM ${IVR_TABLES.callAttempts}
    WHERE decision = 'language' AND created_at >= ${from} - ${CALL_SPAN} AND created_at < ${to})`;
}

/** The UTC quarter-hour an instant falls in (every time zone's offset is a whole number of quarter-hours). */
export const quarterHourOf = (column: string): string =>
  `date_bin(interval '15 minutes', ${column}, timestamptz '2000-01-01 00:00:00+00')`;
