import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type DateOverride, minutesOf, type OpenInterval, WEEKDAYS, type WeeklyHours } from './business-hours.js';
import type { AfterHours, ClosedActionKind } from './routing-rules.js';
import { IVR_TABLES } from '../database/ivr-schema.js';

/** A department's schedule and after-hours behaviour, as stored in department_schedules. */
export interface DepartmentSchedule {
  readonly departmentId: string;
  readonly timeZone: string;
  readonly weekly: WeeklyHours;
  readonly overrides: readonly DateOverride[];
  readonly followCompanyHolidays: boolean;
  readonly closedAction: ClosedActionKind;
  /** Set exactly when closedAction is `forward`. */
  readonly forwardTo: string | null;
  readonly hideWhenClosed: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export type ScheduleValues = Omit<DepartmentSchedule, 'departmentId' | 'createdAt' | 'updatedAt' | 'version'>;

interface ScheduleRow {
  department_id: string;
  time_zone: string;
  weekly: WeeklyHours;
  overrides: DateOverride[];
  follow_company_holidays: boolean;
  closed_action: ClosedActionKind;
  forward_to: string | null;
  hide_when_closed: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const COLUMNS = `department_id, time_zone, weekly, overrides, follow_company_holidays, closed_action, forward_to,
  hide_when_closed, created_at, updated_at, version`;

function canonicalHours(hours: readonly OpenInterval[]): OpenInterval[] {
  return hours.map(({ opens, closes }) => ({ opens, closes })).sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
}

/** Every day Monday to Sunday (closed days as []), intervals in order, overrides by date: one spelling per schedule. */
export function canonicalSchedule(values: ScheduleValues): ScheduleValues {
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, canonicalHours(values.weekly[day] ?? [])]));
  const overrides = values.overrides
    .map(({ date, name, hours }) => ({ date, name: name ?? null, hours: canonicalHours(hours) }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return {
    timeZone: values.timeZone,
    weekly,
    overrides,
    followCompanyHolidays: values.followCompanyHolidays,
    closedAction: values.closedAction,
    forwardTo: values.forwardTo,
    hideWhenClosed: values.hideWhenClosed,
  };
}

function fromRow(row: ScheduleRow): DepartmentSchedule {
  return {
    departmentId: row.department_id,
    ...canonicalSchedule({
      timeZone: row.time_zone,
      weekly: row.weekly,
      overrides: row.overrides,
      followCompanyHolidays: row.follow_company_holidays,
      closedAction: row.closed_action,
      forwardTo: row.forward_to,
      hideWhenClosed: row.hide_when_closed,
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** What the call flow needs of a stored schedule. */
export function afterHoursOf(schedule: DepartmentSchedule): AfterHours {
  const { timeZone, weekly, overrides, followCompanyHolidays } = schedule;
  return {
    hours: { timeZone, weekly, overrides, followCompanyHolidays },
    closedAction:
      schedule.closedAction === 'forward' && schedule.forwardTo
        ? { kind: 'forward', number: schedule.forwardTo }
        : { kind: schedule.closedAction === 'menu' ? 'menu' : 'voicemail' },
    hideWhenClosed: schedule.hideWhenClosed,
  };
}

/**
 * department_schedules in plain SQL: the table is not a TypeORM entity (the data source's entity
 * list lives in src/database), and each query here has a name.
 */
@Injectable()
export class DepartmentScheduleRepository {
  constructor(@InjectIvrDataSource() private readonly dataSource: DataSource) {}

  async findAll(): Promise<DepartmentSchedule[]> {
    const rows: ScheduleRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${IVR_TABLES.departmentSchedules}`);
    return rows.map(fromRow);
  }

  async find(
    departmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DepartmentSchedule | null> {
    const rows: ScheduleRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${IVR_TABLES.departmentSchedules} WHERE department_id = $1`,
      [departmentId],
    );
    return rows.length > 0 ? fromRow(rows[0]) : null;
  }

  /** Creates the schedule (version 1) or replaces it (next version). */
  async save(manager: EntityManager, departmentId: string, schedule: ScheduleValues): Promise<DepartmentSchedule> {
    const values = canonicalSchedule(schedule);
    const rows: ScheduleRow[] = await manager.query(
      `INSERT INTO ${IVR_TABLES.departmentSchedules} AS s (department_id, time_zone, weekly, overrides, follow_company_holidays,
         closed_action, forward_to, hide_when_closed)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8)
       ON CONFLICT (department_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, weekly = EXCLUDED.weekly,
         overrides = EXCLUDED.overrides, follow_company_holidays = EXCLUDED.follow_company_holidays,
         closed_action = EXCLUDED.closed_action, forward_to = EXCLUDED.forward_to,
         hide_when_closed = EXCLUDED.hide_when_closed, updated_at = now(), version = s.version + 1
       RETURNING ${COLUMNS}`,
      [
        departmentId,
        values.timeZone,
        JSON.stringify(values.weekly),
        JSON.stringify(values.overrides),
        values.followCompanyHolidays,
        values.closedAction,
        values.forwardTo,
        values.hideWhenClosed,
      ],
    );
    return fromRow(rows[0]);
  }

  async delete(manager: EntityManager, departmentId: string): Promise<void> {
    await manager.query(`DELETE FROM ${IVR_TABLES.departmentSchedules} WHERE department_id = $1`, [departmentId]);
  }
}
