import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the reporting API (src/reporting). Summaries and time series read only index pages:
 * the session index by start time now also carries the columns they count (an index-only range
 * scan, however long the history), and the attempt index by time those of the attempt figures. The
 * listing's caller filter gets its own index, in the listing's order.
 *
 * CREATE INDEX blocks writes to the table while it builds (seconds per million rows). On a large
 * production table, build the new indexes beforehand with CREATE INDEX CONCURRENTLY under the same
 * names: IF NOT EXISTS then leaves them as they are.
 */
export class IndexCallReports1795800400000 implements MigrationInterface {
  name = 'IndexCallReports1795800400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS call_sessions_started_at_covering_idx
      ON call_sessions (started_at DESC, call_sid DESC) INCLUDE (outcome, department_id, duration_seconds)`);
    // The covering index serves every query the narrower one did.
    await queryRunner.query(`DROP INDEX IF EXISTS call_sessions_started_at_idx`);
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS call_sessions_caller_started_at_idx
      ON call_sessions (from_number, started_at DESC, call_sid DESC)`);
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS call_attempts_created_at_covering_idx
      ON call_attempts (created_at) INCLUDE (input_kind, failure, decision, round)`);
    await queryRunner.query(`DROP INDEX IF EXISTS call_attempts_created_at_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX call_attempts_created_at_idx ON call_attempts (created_at)`);
    await queryRunner.query(`DROP INDEX call_attempts_created_at_covering_idx`);
    await queryRunner.query(`DROP INDEX call_sessions_caller_started_at_idx`);
    await queryRunner.query(
      `CREATE INDEX call_sessions_started_at_idx ON call_sessions (started_at DESC, call_sid DESC)`,
    );
    await queryRunner.query(`DROP INDEX call_sessions_started_at_covering_idx`);
  }
}
