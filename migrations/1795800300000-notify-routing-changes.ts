import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Any change to departments or settings (through the admin API, a seed, or plain SQL) notifies
 * channel routing_changed on commit, so every instance drops its cached menu.
 */
export class NotifyRoutingChanges1795800300000 implements MigrationInterface {
  name = 'NotifyRoutingChanges1795800300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_routing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('routing_changed', TG_TABLE_NAME);
        RETURN NULL;
      END
      $$`);
    for (const table of ['departments', 'settings']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_notify_routing_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_routing_changed()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER settings_notify_routing_changed ON settings`);
    await queryRunner.query(`DROP TRIGGER departments_notify_routing_changed ON departments`);
    await queryRunner.query(`DROP FUNCTION notify_routing_changed()`);
  }
}
