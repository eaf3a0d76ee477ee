import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports' aggregates (src/reporting/aggregates): per UTC day and per UTC quarter-hour, what the summary, the
 * daily time series and the busiest hours would otherwise count from every call of a year. Filled by the rollup, up
 * to `report_aggregate_state.final_through`, the instant before which no webhook can change a call's rows any more;
 * the tables start empty and the first rollup fills them from the calls already stored.
 */
export class ReportAggregates1795801500000 implements MigrationInterface {
  name = 'ReportAggregates1795801500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Calls by the UTC day of their start: '' stands for no language (the settings' language at read time) and for
    // no outcome (in progress). The durations' sum and count give their mean.
    await queryRunner.query(`
      CREATE TABLE ivr.report_day_calls (
        day timestamptz NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
        department_id uuid NULL,
        language varchar(35) NOT NULL,
        outcome varchar(16) NOT NULL,
        calls integer NOT NULL,
        duration_calls integer NOT NULL,
        duration_sum bigint NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX report_day_calls_day ON ivr.report_day_calls (day)`);
    // How many calls of the day lasted each whole number of seconds: the 95th percentile of any run of days is exact.
    await queryRunner.query(`
      CREATE TABLE ivr.report_day_durations (
        day timestamptz NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
        duration_seconds integer NOT NULL,
        calls integer NOT NULL,
        PRIMARY KEY (day, duration_seconds)
      )`);
    // Menu answers by the UTC day they were given (the choice of language is none), routing answers with their
    // rounds less the call's language rounds, and the calls whose first closed answer fell that day.
    await queryRunner.query(`
      CREATE TABLE ivr.report_day_attempts (
        day timestamptz PRIMARY KEY CHECK (day = date_trunc('day', day, 'UTC')),
        dtmf_answers integer NOT NULL,
        speech_answers integer NOT NULL,
        none_answers integer NOT NULL,
        low_confidence_answers integer NOT NULL,
        routed_answers integer NOT NULL,
        routed_rounds bigint NOT NULL,
        closed_calls integer NOT NULL
      )`);
    // The calls whose first closed answer for a department fell that day. No foreign key: a department's history
    // stays when it goes.
    await queryRunner.query(`
      CREATE TABLE ivr.report_day_closed (
        day timestamptz NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
        department_id uuid NOT NULL,
        calls integer NOT NULL,
        PRIMARY KEY (day, department_id)
      )`);
    // Calls by the UTC quarter-hour of their start: every time zone's offset is a whole number of quarter-hours, so
    // each one falls in one local hour wherever the report is read.
    await queryRunner.query(`
      CREATE TABLE ivr.report_quarter_hour_calls (
        quarter_hour timestamptz PRIMARY KEY CHECK (date_part('minute', quarter_hour) IN (0, 15, 30, 45)),
        calls integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ivr.report_aggregate_state (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        final_through timestamptz NULL,
        rolled_up_at timestamptz NULL
      )`);
    await queryRunner.query(`INSERT INTO ivr.report_aggregate_state (id) VALUES (1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ivr.report_aggregate_state`);
    await queryRunner.query(`DROP TABLE ivr.report_quarter_hour_calls`);
    await queryRunner.query(`DROP TABLE ivr.report_day_closed`);
    await queryRunner.query(`DROP TABLE ivr.report_day_attempts`);
    await queryRunner.query(`DROP TABLE ivr.report_day_durations`);
    await queryRunner.query(`DROP TABLE ivr.report_day_calls`);
  }
}
