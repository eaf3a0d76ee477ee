import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voicemail transcription: the settings row's switch (off, so nothing changes until an admin turns it on) and
 * Twilio's transcription on the call it belongs to. Qualified with `ivr.`, as every migration after the move to the
 * schema. A constant default and nullable columns: no table rewrite; the check scans call_sessions once (every
 * existing row is null).
 */
export class VoicemailTranscription1795801100000 implements MigrationInterface {
  name = 'VoicemailTranscription1795801100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ivr.settings ADD COLUMN transcribe_voicemail boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      ALTER TABLE ivr.call_sessions
        ADD COLUMN transcription_sid varchar(64) NULL,
        ADD COLUMN transcription_status varchar(16) NULL
          CONSTRAINT call_sessions_transcription_status_check CHECK (transcription_status IN ('completed', 'failed')),
        ADD COLUMN transcription_text text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The transcriptions are lost; the recordings stay.
    await queryRunner.query(`
      ALTER TABLE ivr.call_sessions
        DROP COLUMN transcription_text, DROP COLUMN transcription_status, DROP COLUMN transcription_sid`);
    await queryRunner.query(`ALTER TABLE ivr.settings DROP COLUMN transcribe_voicemail`);
  }
}
