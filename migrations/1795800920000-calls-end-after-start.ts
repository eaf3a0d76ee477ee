import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calls recorded as ending before they started: the end came from Twilio's whole-second Timestamp,
 * the start from the first webhook's arrival in milliseconds. The end moves to the start (a fraction of
 * a second); the call flow now never writes such an end. Not reversible: the old values are not kept.
 */
export class CallsEndAfterStart1795800920000 implements MigrationInterface {
  name = 'CallsEndAfterStart1795800920000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE call_sessions SET ended_at = started_at WHERE ended_at < started_at`);
  }

  async down(): Promise<void> {
    // Nothing to undo: an end a fraction of a second before the start was never right.
  }
}
