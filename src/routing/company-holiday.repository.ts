import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IVR_TABLES } from '../database/ivr-schema.js';

/** A date on which every department with a schedule is closed, unless it opts out. */
export interface CompanyHoliday {
  readonly id: string;
  /** "YYYY-MM-DD", in each department's own time zone. */
  readonly date: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly version: number;
}

interface HolidayRow {
  id: string;
  date: string;
  name: string;
  created_at: Date;
  version: number;
}

// The date as text: node-postgres would turn a date into a Date at the server process's local midnight.
const COLUMNS = `id, to_char(date, 'YYYY-MM-DD') AS date, name, created_at, version`;

function fromRow(row: HolidayRow): CompanyHoliday {
  return { id: row.id, date: row.date, name: row.name, createdAt: row.created_at, version: row.version };
}

/** company_holidays in plain SQL (not a TypeORM entity, like department_schedules). */
@Injectable()
export class CompanyHolidayRepository {
  constructor(@InjectIvrDataSource() private readonly dataSource: DataSource) {}

  async findAll(manager: EntityManager = this.dataSource.manager): Promise<CompanyHoliday[]> {
    const rows: HolidayRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${IVR_TABLES.companyHolidays} ORDER BY date`,
    );
    return rows.map(fromRow);
  }

  async find(manager: EntityManager, id: string): Promise<CompanyHoliday | null> {
    const rows: HolidayRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${IVR_TABLES.companyHolidays} WHERE id = $1`,
      [id],
    );
    return rows.length > 0 ? fromRow(rows[0]) : null;
  }

  async findByDate(manager: EntityManager, date: string): Promise<CompanyHoliday | null> {
    const rows: HolidayRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${IVR_TABLES.companyHolidays} WHERE date = $1`,
      [date],
    );
    return rows.length > 0 ? fromRow(rows[0]) : null;
  }

  async insert(manager: EntityManager, holiday: { date: string; name: string }): Promise<CompanyHoliday> {
    const rows: HolidayRow[] = await manager.query(
      `INSERT INTO ${IVR_TABLES.companyHolidays} (date, name) VALUES ($1, $2) RETURNING ${COLUMNS}`,
      [holiday.date, holiday.name],
    );
    return fromRow(rows[0]);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM ${IVR_TABLES.companyHolidays} WHERE id = $1`, [id]);
  }
}
