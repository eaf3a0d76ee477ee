import type { MigrationInterface, QueryRunner } from 'typeorm';

const ATTEMPT_DECISIONS = `'route', 'reprompt_low_confidence', 'reprompt_no_match', 'reprompt_no_input', 'operator'`;

/**
 * Business hours: a department's schedule (IANA zone, weekly hours, dated overrides) with what it
 * does while closed, and the company's holiday calendar. Both tables announce changes on
 * routing_changed like departments and settings, so every instance's cached menu follows them.
 * A menu round can now end with the decision `closed`.
 */
export class BusinessHours1795800500000 implements MigrationInterface {
  name = 'BusinessHours1795800500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // weekly: {"monday": [{"opens": "09:00", "closes": "17:00"}], ...}; overrides: [{"date", "name", "hours"}].
    await queryRunner.query(`
      CREATE TABLE department_schedules (
        department_id uuid PRIMARY KEY REFERENCES departments (id) ON DELETE CASCADE,
        time_zone varchar(64) NOT NULL,
        weekly jsonb NOT NULL CHECK (jsonb_typeof(weekly) = 'object'),
        overrides jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(overrides) = 'array'),
        follow_company_holidays boolean NOT NULL DEFAULT true,
        closed_action varchar(16) NOT NULL DEFAULT 'voicemail' CHECK (closed_action IN ('voicemail', 'forward', 'menu')),
        forward_to varchar(255) NULL,
        hide_when_closed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT department_schedules_forward_to_check CHECK ((closed_action = 'forward') = (forward_to IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE company_holidays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL CONSTRAINT company_holidays_date_key UNIQUE,
        name varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    for (const table of ['department_schedules', 'company_holidays']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_notify_routing_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_routing_changed()`);
    }
    await queryRunner.query(`ALTER TABLE call_attempts DROP CONSTRAINT call_attempts_decision_check`);
    await queryRunner.query(
      `ALTER TABLE call_attempts ADD CONSTRAINT call_attempts_decision_check CHECK (decision IN (${ATTEMPT_DECISIONS}, 'closed'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Fails while attempts decided `closed` exist: they have no meaning without this migration.
    await queryRunner.query(`ALTER TABLE call_attempts DROP CONSTRAINT call_attempts_decision_check`);
    await queryRunner.query(
      `ALTER TABLE call_attempts ADD CONSTRAINT call_attempts_decision_check CHECK (decision IN (${ATTEMPT_DECISIONS}))`,
    );
    await queryRunner.query(`DROP TABLE company_holidays`);
    await queryRunner.query(`DROP TABLE department_schedules`);
  }
}
