import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Twilio's ErrorCode and ErrorUrl from the fallback URL, kept on the call they happened to. */
export class RecordWebhookErrors1795800600000 implements MigrationInterface {
  name = 'RecordWebhookErrors1795800600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE call_sessions ADD COLUMN error_code varchar(16) NULL, ADD COLUMN error_url text NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE call_sessions DROP COLUMN error_url, DROP COLUMN error_code`);
  }
}
