import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries name their actor by a stable id beside the display name: an identity provider's
 * `sub` (up to 255 characters in OpenID Connect) or a host's user id; names are neither unique nor
 * fixed. Entries written before keep a null id (their hash does not cover it). Widening a varchar
 * rewrites nothing, and ALTER TABLE fires no row trigger.
 */
export class AuditActorId1795800930000 implements MigrationInterface {
  name = 'AuditActorId1795800930000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log ALTER COLUMN actor TYPE varchar(255)`);
    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN actor_id varchar(255) NULL`);
    await queryRunner.query(`CREATE INDEX audit_log_actor_id_idx ON audit_log (actor_id, id DESC)`);
  }

  /** Fails on a name longer than 64 characters; entries written since lose their id, so verify then reports them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX audit_log_actor_id_idx`);
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN actor_id`);
    await queryRunner.query(`ALTER TABLE audit_log ALTER COLUMN actor TYPE varchar(64)`);
  }
}
