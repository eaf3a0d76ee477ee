import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports' count of calls that met a closed department (src/reporting/report.repository.ts,
 * CLOSED_ATTEMPTS): a partial index of the attempts decided `closed`, by time, carrying the columns
 * counted. The summary and time series read it alone (an index-only range scan of a few rows per
 * hour) instead of every attempt of the range and its heap page. It stays small: only closed
 * answers are in it.
 *
 * As with the other report indexes: on a large production table, build it beforehand with CREATE
 * INDEX CONCURRENTLY under the same name; IF NOT EXISTS then leaves it as it is.
 */
export class IndexClosedAttempts1795800700000 implements MigrationInterface {
  name = 'IndexClosedAttempts1795800700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS call_attempts_closed_idx
      ON call_attempts (created_at) INCLUDE (call_sid, department_id) WHERE decision = 'closed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX call_attempts_closed_idx`);
  }
}
