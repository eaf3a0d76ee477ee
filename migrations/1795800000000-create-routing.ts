import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Departments and the single settings row the menu is built from. */
export class CreateRouting1795800000000 implements MigrationInterface {
  name = 'CreateRouting1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        digit varchar(1) NULL CHECK (digit ~ '^[0-9]$'),
        keywords text[] NOT NULL DEFAULT '{}',
        phone_number varchar(255) NOT NULL,
        confidence_threshold double precision NULL CHECK (confidence_threshold BETWEEN 0 AND 1),
        active boolean NOT NULL DEFAULT true,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX departments_name_key ON departments (lower(name))`);
    // A digit is free again once its department is deactivated.
    await queryRunner.query(
      `CREATE UNIQUE INDEX departments_active_digit_key ON departments (digit) WHERE active AND digit IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX departments_menu_idx ON departments (position, name) WHERE active`);
    await queryRunner.query(`
      CREATE TABLE settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        min_confidence double precision NOT NULL DEFAULT 0.6 CHECK (min_confidence BETWEEN 0 AND 1),
        max_attempts integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 10),
        operator_number varchar(255) NULL,
        voice varchar(64) NOT NULL DEFAULT 'Polly.Joanna',
        language varchar(16) NOT NULL DEFAULT 'en-US',
        gather_timeout_seconds integer NOT NULL DEFAULT 5 CHECK (gather_timeout_seconds BETWEEN 1 AND 30),
        dial_timeout_seconds integer NOT NULL DEFAULT 20 CHECK (dial_timeout_seconds BETWEEN 5 AND 600),
        greeting text NOT NULL DEFAULT 'Thank you for calling.',
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`INSERT INTO settings (id) VALUES (1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE settings`);
    await queryRunner.query(`DROP TABLE departments`);
  }
}
