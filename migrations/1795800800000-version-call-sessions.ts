import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per call session, raised by every write: a webhook reads its session, decides, and writes
 * only if nobody wrote in between (src/call-sessions/call-session.repository.ts), instead of holding a
 * lock across round trips. A constant default: no table rewrite, also on a large table.
 */
export class VersionCallSessions1795800800000 implements MigrationInterface {
  name = 'VersionCallSessions1795800800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE call_sessions ADD COLUMN version integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE call_sessions DROP COLUMN version`);
  }
}
