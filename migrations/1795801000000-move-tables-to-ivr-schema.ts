import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  'departments',
  'settings',
  'call_sessions',
  'call_attempts',
  'webhook_receipts',
  'audit_log',
  'department_schedules',
  'company_holidays',
];
// The trigger functions. Their bodies name no table (TG_TABLE_NAME, pg_notify, RAISE), so they move as they are;
// the triggers stay on their tables and keep calling them.
const FUNCTIONS = ['notify_routing_changed()', 'audit_log_reject_change()'];

/**
 * Every IVR table, with its indexes, constraints, identity sequences and triggers, and the trigger functions, move
 * from `public` into the schema `ivr`, so that the IVR can live in a host's database beside the host's own tables.
 * ALTER ... SET SCHEMA changes only the catalog: no row is copied, ids and sequences carry on, and it is quick on
 * large tables (it waits for an exclusive lock on each table, so in-flight statements finish first).
 *
 * What is already in `ivr` stays: on a new database the runner (src/database/migrate.ts, search_path `ivr, public`)
 * has the earlier migrations create everything there, and this one finds nothing left in `public`.
 *
 * down moves the tables back to `public`, for an earlier version to find them; one whose name a host's table
 * already has there stays in `ivr` (the earlier migrations' down, run by the same runner, still find it).
 */
export class MoveTablesToIvrSchema1795801000000 implements MigrationInterface {
  name = 'MoveTablesToIvrSchema1795801000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Only when missing (the runner creates it for its history): CREATE SCHEMA needs the database's CREATE right.
    if (!(await exists(queryRunner, `to_regnamespace('ivr')`))) await queryRunner.query(`CREATE SCHEMA ivr`);
    await moveAll(queryRunner, 'public', 'ivr');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The schema stays: it holds the IVR's migration history.
    await moveAll(queryRunner, 'ivr', 'public');
  }
}

/**
 * Moves each table and function that is in `from` and not yet in `to`. When both have one, the one in `to` is the
 * IVR's and the other a host's own table of the same name (a host's `settings`), which stays where it is.
 */
async function moveAll(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  for (const table of TABLES) {
    if (await movable(queryRunner, 'to_regclass', `${from}.${table}`, `${to}.${table}`)) {
      await queryRunner.query(`ALTER TABLE ${from}.${table} SET SCHEMA ${to}`);
    }
  }
  for (const fn of FUNCTIONS) {
    if (await movable(queryRunner, 'to_regprocedure', `${from}.${fn}`, `${to}.${fn}`)) {
      await queryRunner.query(`ALTER FUNCTION ${from}.${fn} SET SCHEMA ${to}`);
    }
  }
}

async function movable(queryRunner: QueryRunner, lookup: string, source: string, target: string): Promise<boolean> {
  const [{ found }] = (await queryRunner.query(`SELECT ${lookup}($1) IS NOT NULL AND ${lookup}($2) IS NULL AS found`, [
    source,
    target,
  ])) as { found: boolean }[];
  return found;
}

async function exists(queryRunner: QueryRunner, lookup: string): Promise<boolean> {
  const [{ found }] = (await queryRunner.query(`SELECT ${lookup} IS NOT NULL AS found`)) as { found: boolean }[];
  return found;
}
