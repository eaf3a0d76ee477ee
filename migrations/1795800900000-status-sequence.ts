import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SequenceNumber of the status callback that set a session's call_status: Twilio's progress
 * callbacks may arrive out of order, and a late `ringing` must not overwrite `in-progress`.
 * Nullable, no default: no table rewrite.
 */
export class StatusSequence1795800900000 implements MigrationInterface {
  name = 'StatusSequence1795800900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE call_sessions ADD COLUMN status_sequence integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE call_sessions DROP COLUMN status_sequence`);
  }
}
