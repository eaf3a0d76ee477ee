import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Caller prompts: the admin's wording of the sentences callers hear, by prompt key, on the settings row.
 * Only changed prompts are stored; the code's defaults fill in the rest (src/routing/caller-prompts.ts),
 * so a prompt added later needs no migration and the existing row keeps saying what it said. A constant
 * default: no table rewrite. The row's existing trigger announces changes on routing_changed.
 */
export class CallerPrompts1795800910000 implements MigrationInterface {
  name = 'CallerPrompts1795800910000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each stored prompt is non-empty text; which keys exist, lengths and placeholders change with the
    // code, so the API checks those.
    await queryRunner.query(`
      ALTER TABLE settings ADD COLUMN prompts jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT settings_prompts_check CHECK (
          jsonb_typeof(prompts) = 'object'
          AND NOT jsonb_path_exists(prompts, 'strict $.* ? (@.type() != "string" || @ == "")')
        )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Changed prompts are lost: callers hear the default wording again.
    await queryRunner.query(`ALTER TABLE settings DROP COLUMN prompts`);
  }
}
