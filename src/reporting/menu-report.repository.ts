import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ATTEMPT_DECISIONS, type AttemptDecision } from '../call-sessions/call-attempt.entity.js';
import { IVR_TABLES } from '../database/ivr-schema.js';
import {
  type MenuCounts,
  type MenuFigures,
  menuFigures,
  type MenuShape,
  type MenuShapeRow,
  menuShapesOf,
} from './menu-report.js';
import { ReportDatabase } from './report-database.js';
import type { TimeRange } from './report-range.js';

/**
 * Where an answer of each decision leaves the caller: in a menu (a re-prompt, a submenu, back, the same menu
 * again, the root menu after the choice of language), or gone on to a dial or a voicemail. A closed department's
 * answer leaves them in the menu when its after-hours action is the menu, until maxAttempts such answers (its
 * other actions set the session's department or dial, which rule the call out first). A new decision must be
 * placed here to compile.
 */
const AFTER_ANSWER: Record<AttemptDecision, 'menu' | 'gone' | 'closed'> = {
  route: 'gone',
  reprompt_low_confidence: 'menu',
  reprompt_no_match: 'menu',
  reprompt_no_input: 'menu',
  operator: 'gone',
  closed: 'closed',
  submenu: 'menu',
  back: 'menu',
  repeat: 'menu',
  operator_requested: 'gone',
  voicemail_requested: 'gone',
  language: 'menu',
};
// Generated from the constants (no user input).
const STAYING_DECISIONS = ATTEMPT_DECISIONS.filter((decision) => AFTER_ANSWER[decision] === 'menu')
  .map((decision) => `'${decision}'`)
  .join(', ');

/**
 * The menus and their options as they are now, root first, then by name: each menu's `menu_options`, and for the
 * root also the departments placed there (active, in_root_menu), merged by position as callers hear them (at
 * equal positions departments first, by name; options by id, as the menu cache orders them).
 */
const MENU_SHAPES = `
  SELECT * FROM (
    SELECT m.id AS "menuId", m.name AS "menuName", m.is_root AS "isRoot", o.id AS "optionId", o.action,
      o.department_id AS "departmentId", o.target_menu_id AS "targetMenuId", o.digit,
      coalesce(o.label, d.name, target.name) AS name, o.position, 1 AS entry, o.id::text AS tie
    FROM ${IVR_TABLES.menus} m
    LEFT JOIN ${IVR_TABLES.menuOptions} o ON o.menu_id = m.id
    LEFT JOIN ${IVR_TABLES.departments} d ON d.id = o.department_id
    LEFT JOIN ${IVR_TABLES.menus} target ON target.id = o.target_menu_id
    UNION ALL
    SELECT root.id, root.name, true, NULL, 'department', d.id, NULL, d.digit, d.name, d.position, 0, d.name
    FROM ${IVR_TABLES.menus} root JOIN ${IVR_TABLES.departments} d ON d.active AND d.in_root_menu
    WHERE root.is_root
  ) AS entries
  ORDER BY "isRoot" DESC, "menuName", "menuId", position, entry, tie`;

/**
 * What happened in each menu in [$1, $2), the root's id in $3 standing for the root menu (null menu_id, empty
 * menu_path). Answers count by their own time, as the summary's attempt figures; the calls that hung up, by their
 * start, as the summary's outcomes. The choice of language is no menu answer.
 * - answers: the menu answers of the range.
 * - hung_up: the calls that ended abandoned while in a menu: not sent to a department or a dial, their last answer
 *   (looked up in the (call_sid, round) key) one that left them in a menu, or none; past the choice of language
 *   (a language, or a menu answer since: calls from before languages). The menu is the session's menu_path's end.
 * - reached: distinct calls with an answer in the menu or that hung up in it.
 * - choices: rounds that chose each option (option_id) or, in the root menu, a department's own entry (a routing
 *   or closed answer without an option).
 */
const MENU_COUNTS = `
  WITH answers AS (
    SELECT coalesce(menu_id, $3::uuid) AS menu, call_sid, decision, failure, option_id, department_id
    FROM ${IVR_TABLES.callAttempts}
    WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz AND decision <> 'language'
  ), hung_up AS (
    SELECT coalesce(s.menu_path[cardinality(s.menu_path)], $3::uuid) AS menu, s.call_sid
    FROM ${IVR_TABLES.callSessions} s
    CROSS JOIN ${IVR_TABLES.settings} settings
    LEFT JOIN LATERAL (
      SELECT a.decision FROM ${IVR_TABLES.callAttempts} a WHERE a.call_sid = s.call_sid ORDER BY a.round DESC LIMIT 1
    ) AS last ON true
    WHERE s.started_at >= $1::timestamptz AND s.started_at < $2::timestamptz AND s.outcome = 'abandoned'
      AND s.routed_at IS NULL AND s.department_id IS NULL
      AND (s.language IS NOT NULL OR last.decision <> 'language')
      AND (last.decision IS NULL OR last.decision IN (${STAYING_DECISIONS})
        OR (last.decision = 'closed' AND s.closed_attempts < settings.max_attempts))
  ), reached AS (
    SELECT menu, count(*)::int AS calls
    FROM (SELECT menu, call_sid FROM answers UNION SELECT menu, call_sid FROM hung_up) AS visits
    GROUP BY menu
  ), rounds AS (
    SELECT menu,
      count(*) FILTER (WHERE decision = 'back')::int AS back,
      count(*) FILTER (WHERE decision = 'repeat')::int AS "repeat",
      count(*) FILTER (WHERE decision = 'operator_requested')::int AS "operator",
      count(*) FILTER (WHERE failure = 'no_match')::int AS no_match,
      count(*) FILTER (WHERE failure = 'no_input')::int AS no_input,
      count(*) FILTER (WHERE failure = 'low_confidence')::int AS low_confidence
    FROM answers
    GROUP BY menu
  ), choices AS (
    SELECT menu, jsonb_agg(jsonb_build_object('optionId', option_id, 'departmentId', department_id, 'rounds', rounds))
      AS choices
    FROM (
      SELECT menu, option_id, CASE WHEN option_id IS NULL THEN department_id END AS department_id, count(*)::int AS rounds
      FROM answers
      WHERE option_id IS NOT NULL OR decision IN ('route', 'closed')
      GROUP BY 1, 2, 3
    ) AS chosen
    GROUP BY menu
  ), hung_up_calls AS (
    SELECT menu, count(*)::int AS calls FROM hung_up GROUP BY menu
  )
  SELECT reached.menu AS "menuId", reached.calls AS reached,
    coalesce(rounds.back, 0) AS back, coalesce(rounds."repeat", 0) AS "repeat",
    coalesce(rounds."operator", 0) AS "operator",
    jsonb_build_object(
      'noMatch', coalesce(rounds.no_match, 0), 'noInput', coalesce(rounds.no_input, 0),
      'lowConfidence', coalesce(rounds.low_confidence, 0)
    ) AS failures,
    coalesce(hung_up_calls.calls, 0) AS "hungUp", coalesce(choices.choices, '[]'::jsonb) AS choices
  FROM reached
  LEFT JOIN rounds USING (menu)
  LEFT JOIN choices USING (menu)
  LEFT JOIN hung_up_calls USING (menu)`;

/** The per-menu report: where callers went and where they dropped out, in two statements on one snapshot. */
@Injectable()
export class MenuReportRepository {
  constructor(private readonly database: ReportDatabase) {}

  async summarize(range: TimeRange): Promise<MenuFigures[]> {
    return this.database.aggregate(async (manager) => {
      const menus = await this.shapes(manager);
      const root = menus.find((menu) => menu.isRoot);
      // The migration creates the root menu and nothing deletes it (a check keeps one): a database without one is
      // not migrated.
      if (!root) throw new Error('No root menu: the database is not migrated');
      const counts = await manager.query<MenuCounts[]>(MENU_COUNTS, [range.from, range.to, root.id]);
      return menuFigures(menus, counts);
    });
  }

  private async shapes(manager: EntityManager): Promise<MenuShape[]> {
    return menuShapesOf(await manager.query<MenuShapeRow[]>(MENU_SHAPES));
  }
}
