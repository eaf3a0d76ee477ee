import type { QueryRunner } from 'typeorm';
import { IVR_TABLES } from '../../src/database/ivr-schema.js';

/** Departments of the bench menu; calls are spread over them evenly. */
const DEPARTMENTS = ['Sales', 'Support', 'Billing', 'Returns', 'Claims'];

/** A deterministic draw in [0, 1000) per call (or attempt) and purpose: the same volume gives the same data. */
const draw = (key: string, salt: number): string => `(abs(hashint8extended(${key}, ${salt})) % 1000)::int`;

/**
 * Statements that fill an empty schema with `sessions` calls spread evenly over the 365 days before
 * `end`, inserted in time order as production writes them, with their menu attempts. The mix: 55 %
 * routed to a department in 1-3 answers (85 % connected, 12 % voicemail, 3 % abandoned while ringing),
 * 5 % choosing a department while it is closed in 1-2 answers (the last one decided `closed`; 80 %
 * leave a voicemail, 20 % hang up), 12 % sent to the operator after 3 failed answers (same split as
 * routed calls), 23 % abandoned after 0-2 answers, 5 % failed. Failed answers are silence, an unknown
 * digit, unmatched speech or low-confidence speech.
 */
export function benchDataStatements(sessions: number, end: string): string[] {
  return [
    `TRUNCATE ${IVR_TABLES.callAttempts}, ${IVR_TABLES.webhookReceipts}, ${IVR_TABLES.callSessions} CASCADE`,
    `DELETE FROM ${IVR_TABLES.departments}`,
    `INSERT INTO ${IVR_TABLES.departments} (name, digit, keywords, phone_number, position)
     SELECT name, position::text, ARRAY[lower(name)], '+155555501' || lpad(position::text, 2, '0'), position
     FROM unnest(ARRAY['${DEPARTMENTS.join("', '")}']) WITH ORDINALITY AS menu (name, position)`,
    `CREATE TEMP TABLE bench_departments ON COMMIT DROP AS
     SELECT (position - 1)::int AS n, id, phone_number FROM ${IVR_TABLES.departments}`,
    `CREATE TEMP TABLE bench_calls ON COMMIT DROP AS
     SELECT i,
       '${end}'::timestamptz - interval '365 days' + (i - 1) * (interval '365 days' / ${sessions}) AS started_at,
       CASE WHEN ${draw('i', 1)} < 550 THEN 'department' WHEN ${draw('i', 1)} < 600 THEN 'closed'
            WHEN ${draw('i', 1)} < 720 THEN 'operator' WHEN ${draw('i', 1)} < 950 THEN 'abandoned'
            ELSE 'failed' END AS path,
       ${draw('i', 2)} AS answers_draw,
       ${draw('i', 3)} AS outcome_draw,
       5 + ${draw('i', 4)} % 600 AS duration,
       (${draw('i', 5)} * 1000 + ${draw('i', 6)}) % 200000 AS caller,
       ${draw('i', 7)} % ${DEPARTMENTS.length} AS department_n
     FROM generate_series(1, ${sessions}) AS i`,
    `ALTER TABLE bench_calls ADD COLUMN answers int, ADD COLUMN outcome text`,
    `UPDATE bench_calls SET
       answers = CASE path
         WHEN 'department' THEN CASE WHEN answers_draw < 700 THEN 1 WHEN answers_draw < 900 THEN 2 ELSE 3 END
         WHEN 'closed' THEN CASE WHEN answers_draw < 800 THEN 1 ELSE 2 END
         WHEN 'operator' THEN 3
         WHEN 'abandoned' THEN answers_draw % 3
         ELSE 0 END,
       outcome = CASE
         WHEN path = 'department' AND outcome_draw < 850 THEN 'connected'
         WHEN path = 'operator' AND outcome_draw < 850 THEN 'operator'
         WHEN path IN ('department', 'operator') AND outcome_draw < 970 THEN 'voicemail'
         WHEN path = 'closed' AND outcome_draw < 800 THEN 'voicemail'
         WHEN path = 'failed' THEN 'failed'
         ELSE 'abandoned' END`,
    `INSERT INTO ${IVR_TABLES.callSessions} (call_sid, account_sid, from_number, to_number, started_at, ended_at, round,
       failed_attempts, department_id, dial_target, dialed_number, routed_at, dial_call_status, outcome, call_status,
       duration_seconds, recording_sid, recording_url, recording_duration_seconds, created_at, updated_at)
     SELECT 'CA' || md5(c.i::text), 'AC00000000000000000000000000000000', '+1555' || lpad(c.caller::text, 7, '0'),
       '+15559870000', c.started_at, c.started_at + make_interval(secs => CASE c.path WHEN 'failed' THEN 0 ELSE c.duration END),
       c.answers + 1,
       CASE WHEN c.path IN ('department', 'closed') THEN c.answers - 1 ELSE c.answers END,
       CASE WHEN c.path IN ('department', 'closed') THEN d.id END,
       CASE WHEN c.path IN ('department', 'operator') THEN c.path END,
       CASE c.path WHEN 'department' THEN d.phone_number WHEN 'operator' THEN '+15555550100' END,
       CASE WHEN c.path IN ('department', 'operator') THEN c.started_at + make_interval(secs => 8 * c.answers) END,
       CASE WHEN c.path IN ('department', 'operator') THEN CASE WHEN c.outcome_draw < 850 THEN 'completed' ELSE 'no-answer' END END,
       c.outcome,
       CASE c.path WHEN 'failed' THEN 'busy' ELSE 'completed' END,
       CASE c.path WHEN 'failed' THEN 0 ELSE c.duration END,
       CASE c.outcome WHEN 'voicemail' THEN 'RE' || md5(c.i::text) END,
       CASE c.outcome WHEN 'voicemail' THEN 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE' || md5(c.i::text) END,
       CASE c.outcome WHEN 'voicemail' THEN 10 + c.duration % 50 END,
       c.started_at, c.started_at + make_interval(secs => c.duration)
     FROM bench_calls c JOIN bench_departments d ON d.n = c.department_n
     ORDER BY c.i`,
    `INSERT INTO ${IVR_TABLES.callAttempts} (call_sid, round, input_kind, digits, speech_result, confidence, department_id, decision,
       failure, response_twiml, created_at)
     SELECT 'CA' || md5(c.i::text), r, a.kind,
       CASE a.kind WHEN 'dtmf' THEN CASE WHEN a.chosen THEN (c.department_n + 1)::text ELSE '9' END END,
       CASE a.kind WHEN 'speech' THEN CASE WHEN a.chosen OR a.failure = 'low_confidence' THEN 'sales please' ELSE 'hello there' END END,
       CASE a.kind WHEN 'speech' THEN CASE WHEN a.failure = 'low_confidence' THEN 0.3 ELSE 0.9 END END,
       CASE WHEN a.chosen OR a.failure = 'low_confidence' THEN d.id END,
       CASE WHEN a.chosen THEN CASE c.path WHEN 'closed' THEN 'closed' ELSE 'route' END
            WHEN c.path = 'operator' AND r = 3 THEN 'operator' ELSE 'reprompt_' || a.failure END,
       a.failure, '<Response/>', c.started_at + make_interval(secs => 8 * r)
     FROM bench_calls c
     JOIN bench_departments d ON d.n = c.department_n
     CROSS JOIN LATERAL generate_series(1, c.answers) AS r
     CROSS JOIN LATERAL (
       SELECT chosen,
         CASE WHEN chosen THEN CASE WHEN ${draw('c.i * 4 + r', 8)} < 650 THEN 'dtmf' ELSE 'speech' END
              WHEN answer_draw < 250 THEN 'none' WHEN answer_draw < 450 THEN 'dtmf' ELSE 'speech' END AS kind,
         CASE WHEN chosen THEN NULL WHEN answer_draw < 250 THEN 'no_input' WHEN answer_draw < 700 THEN 'no_match'
              ELSE 'low_confidence' END AS failure
       -- chosen: the answer that named the department (routed there, or met it closed).
       FROM (
         SELECT c.path IN ('department', 'closed') AND r = c.answers AS chosen, ${draw('c.i * 4 + r', 9)} AS answer_draw
       ) AS x
     ) AS a
     ORDER BY c.i, r`,
  ];
}

/** Fills the database in one transaction (the statements share temporary tables), then VACUUM ANALYZE. */
export async function fillBenchData(queryRunner: QueryRunner, sessions: number, end: string): Promise<void> {
  await queryRunner.startTransaction();
  try {
    for (const statement of benchDataStatements(sessions, end)) await queryRunner.query(statement);
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  }
  // Fresh statistics, and the visibility map that index-only scans rely on (autovacuum keeps both up to date).
  await queryRunner.query(
    `VACUUM ANALYZE ${IVR_TABLES.departments}, ${IVR_TABLES.callSessions}, ${IVR_TABLES.callAttempts}`,
  );
}
