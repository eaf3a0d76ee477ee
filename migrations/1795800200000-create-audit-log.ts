import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only, hash-chained audit log of admin changes. */
export class CreateAuditLog1795800200000 implements MigrationInterface {
  name = 'CreateAuditLog1795800200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor varchar(64) NOT NULL,
        role varchar(16) NOT NULL,
        action varchar(32) NOT NULL,
        entity_type varchar(32) NOT NULL,
        entity_id varchar(64) NOT NULL,
        before jsonb NULL,
        after jsonb NULL,
        request_id varchar(128) NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor, id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at)`);
    // Append-only in the database itself, whoever connects.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_reject_change()`);
  }
}
