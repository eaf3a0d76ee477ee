import type { MigrationInterface, QueryRunner } from 'typeorm';

const DECISIONS_BEFORE = `'route', 'reprompt_low_confidence', 'reprompt_no_match', 'reprompt_no_input', 'operator', 'closed'`;
const DECISIONS_ADDED = `'submenu', 'back', 'repeat', 'operator_requested', 'voicemail_requested', 'language'`;

/**
 * Menus with depth and callers in their own language. Today's menu becomes the root menu: its departments stay its
 * options (a department's digit and keywords are its place there, as before), the root row adds no prompt and no
 * standard keys, so the first call after the upgrade hears exactly what it heard before. Submenus and the root's
 * extra options (a submenu, the operator, voicemail) are rows of `menu_options`. Languages and translations are
 * empty: the settings' language stays the only one.
 */
export class MenusAndLanguages1795801400000 implements MigrationInterface {
  name = 'MenusAndLanguages1795801400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ivr.menus (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        prompt text NULL,
        translations jsonb NOT NULL DEFAULT '{}',
        is_root boolean NOT NULL DEFAULT false,
        back_key boolean NOT NULL DEFAULT true,
        repeat_key boolean NOT NULL DEFAULT true,
        operator_key boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT menus_root_has_no_back_key CHECK (NOT (is_root AND back_key))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX menus_one_root ON ivr.menus (is_root) WHERE is_root`);
    await queryRunner.query(`
      CREATE TABLE ivr.menu_options (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        menu_id uuid NOT NULL REFERENCES ivr.menus (id) ON DELETE CASCADE,
        position integer NOT NULL DEFAULT 0,
        digit varchar(1) NULL CHECK (digit ~ '^[0-9]$'),
        keywords text[] NOT NULL DEFAULT '{}',
        label varchar(64) NULL,
        translations jsonb NOT NULL DEFAULT '{}',
        action varchar(16) NOT NULL CHECK (action IN ('department', 'menu', 'operator', 'voicemail')),
        department_id uuid NULL REFERENCES ivr.departments (id),
        target_menu_id uuid NULL REFERENCES ivr.menus (id),
        CONSTRAINT menu_options_department_target CHECK ((action = 'department') = (department_id IS NOT NULL)),
        CONSTRAINT menu_options_menu_target CHECK ((action = 'menu') = (target_menu_id IS NOT NULL)),
        CONSTRAINT menu_options_not_itself CHECK (target_menu_id <> menu_id),
        -- Deferred: swapping two options' digits in one change passes through a moment where both hold one.
        CONSTRAINT menu_options_digit_unique UNIQUE (menu_id, digit) DEFERRABLE INITIALLY DEFERRED
      )`);
    await queryRunner.query(`CREATE INDEX menu_options_menu ON ivr.menu_options (menu_id, position)`);
    await queryRunner.query(`CREATE INDEX menu_options_target_menu ON ivr.menu_options (target_menu_id)`);
    await queryRunner.query(`CREATE INDEX menu_options_department ON ivr.menu_options (department_id)`);
    for (const table of ['menus', 'menu_options']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_notify_routing_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ivr.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ivr.notify_routing_changed()`);
    }
    // Today's menu: no prompt of its own and no standard keys, exactly as callers hear it now.
    await queryRunner.query(`
      INSERT INTO ivr.menus (name, is_root, back_key, repeat_key, operator_key) VALUES ('Main menu', true, false, false, false)`);

    await queryRunner.query(`ALTER TABLE ivr.departments ADD COLUMN in_root_menu boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE ivr.departments ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE ivr.settings ADD COLUMN languages jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE ivr.settings ADD COLUMN language_by_country jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE ivr.settings ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'`);

    // Constant defaults: no table rewrite, however many calls are stored.
    await queryRunner.query(`ALTER TABLE ivr.call_sessions ADD COLUMN language varchar(35) NULL`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions ADD COLUMN menu_path uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions ADD COLUMN closed_attempts integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE ivr.call_attempts ADD COLUMN menu_id uuid NULL`);
    await queryRunner.query(`ALTER TABLE ivr.call_attempts ADD COLUMN option_id uuid NULL`);
    await queryRunner.query(`ALTER TABLE ivr.call_attempts DROP CONSTRAINT call_attempts_decision_check`);
    await queryRunner.query(
      `ALTER TABLE ivr.call_attempts ADD CONSTRAINT call_attempts_decision_check CHECK (decision IN (${DECISIONS_BEFORE}, ${DECISIONS_ADDED}))`,
    );
    // The per-menu report reads a range of attempts by menu.
    await queryRunner.query(`CREATE INDEX call_attempts_menu ON ivr.call_attempts (created_at, menu_id)`);
    // The summary's check for language rounds: only the choices of language, none at all with one language.
    await queryRunner.query(
      `CREATE INDEX call_attempts_language ON ivr.call_attempts (created_at) WHERE decision = 'language'`,
    );
    // The summary's calls by language, read from the index like its other session figures. On a large table, build
    // it beforehand with CREATE INDEX CONCURRENTLY under this name: IF NOT EXISTS then leaves it as it is.
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS call_sessions_started_at_language_idx
      ON ivr.call_sessions (started_at DESC, call_sid DESC) INCLUDE (outcome, department_id, duration_seconds, language)`);
    // It serves every query the covering index without the language did.
    await queryRunner.query(`DROP INDEX IF EXISTS ivr.call_sessions_started_at_covering_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Fails while attempts with the new decisions exist: they have no meaning without menus.
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS call_sessions_started_at_covering_idx
      ON ivr.call_sessions (started_at DESC, call_sid DESC) INCLUDE (outcome, department_id, duration_seconds)`);
    await queryRunner.query(`DROP INDEX ivr.call_sessions_started_at_language_idx`);
    await queryRunner.query(`DROP INDEX ivr.call_attempts_language`);
    await queryRunner.query(`DROP INDEX ivr.call_attempts_menu`);
    await queryRunner.query(`ALTER TABLE ivr.call_attempts DROP CONSTRAINT call_attempts_decision_check`);
    await queryRunner.query(
      `ALTER TABLE ivr.call_attempts ADD CONSTRAINT call_attempts_decision_check CHECK (decision IN (${DECISIONS_BEFORE}))`,
    );
    await queryRunner.query(`ALTER TABLE ivr.call_attempts DROP COLUMN option_id`);
    await queryRunner.query(`ALTER TABLE ivr.call_attempts DROP COLUMN menu_id`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions DROP COLUMN closed_attempts`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions DROP COLUMN menu_path`);
    await queryRunner.query(`ALTER TABLE ivr.call_sessions DROP COLUMN language`);
    await queryRunner.query(`ALTER TABLE ivr.settings DROP COLUMN translations`);
    await queryRunner.query(`ALTER TABLE ivr.settings DROP COLUMN language_by_country`);
    await queryRunner.query(`ALTER TABLE ivr.settings DROP COLUMN languages`);
    await queryRunner.query(`ALTER TABLE ivr.departments DROP COLUMN translations`);
    await queryRunner.query(`ALTER TABLE ivr.departments DROP COLUMN in_root_menu`);
    await queryRunner.query(`DROP TABLE ivr.menu_options`);
    await queryRunner.query(`DROP TABLE ivr.menus`);
  }
}
