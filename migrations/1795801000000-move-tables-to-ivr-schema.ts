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
 * An object already in `ivr` stays: when the connecting role is itself named `ivr`, the `"$user"` entry of the
 * default search_path made the earlier migrations create their tables in `ivr` directly.
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

async function moveAll(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  for (const table of TABLES) {
    if (await exists(queryRunner, `to_regclass('${from}.${table}')`)) {
      await queryRunner.query(`ALTER TABLE ${from}.${table} SET SCHEMA ${to}`);
    }
  }
  for (const fn of FUNCTIONS) {
    if (await exists(queryRunner, `to_regprocedure('${from}.${fn}')`)) {
      await queryRunner.query(`ALTER FUNCTION ${from}.${fn} SET SCHEMA ${to}`);
    }
  }
}

async function exists(queryRunner: QueryRunner, lookup: string): Promise<boolean> {
  const [{ found }] = (await queryRunner.query(`SELECT ${lookup} IS NOT NULL AS found`)) as { found: boolean }[];
  return found;
}
