import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the host's caller hook said about a call: the caller's name, tags for reports, and how the look-up went
 * (`ok`, or why the call went on with the normal menu). All null for calls without a hook.
 */
export class CallerLookup1795801300000 implements MigrationInterface {
  name = 'CallerLookup1795801300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ivr.call_sessions ADD COLUMN caller_name varchar(255) NULL`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions ADD COLUMN tags text[] NULL`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions ADD COLUMN caller_lookup varchar(32) NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ivr.call_sessions DROP COLUMN caller_lookup`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions DROP COLUMN tags`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions DROP COLUMN caller_name`);
  }
}
