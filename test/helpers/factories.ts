import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallAttempt } from '../../src/call-sessions/call-attempt.entity.js';
import { CallSession } from '../../src/call-sessions/call-session.entity.js';
import { WebhookReceipt } from '../../src/call-sessions/webhook-receipt.entity.js';
import { Department } from '../../src/routing/department.entity.js';
import { DepartmentScheduleRepository, type ScheduleValues } from '../../src/routing/department-schedule.repository.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { SETTINGS_ID, Settings } from '../../src/routing/settings.entity.js';
import { WEEKDAYS_NINE_TO_FIVE } from './menu-fixtures.js';

/**
 * Tests change the menu straight in SQL: the table trigger notifies every instance, but the
 * notification may arrive after the test's next request. Drop the caches now instead.
 */
export function menuChanged(...apps: INestApplication[]): void {
  for (const app of apps) app.get(RoutingService).invalidate();
}

export const SALES = {
  name: 'Sales',
  digit: '1',
  keywords: ['sales', 'buy'],
  phoneNumber: '+15555550101',
  position: 1,
};
export const SUPPORT = {
  name: 'Support',
  digit: '2',
  keywords: ['support', 'technical support', 'help'],
  phoneNumber: '+15555550102',
  position: 2,
};
export const BILLING = {
  name: 'Billing',
  digit: '3',
  keywords: ['billing', 'invoice'],
  phoneNumber: 'sip:billing@pbx.example.com',
  position: 3,
};
export const OPERATOR_NUMBER = '+15555550100';

export async function createDepartment(
  app: INestApplication,
  values: Partial<Department> & Pick<Department, 'name' | 'phoneNumber'>,
): Promise<Department> {
  const department = await app
    .get(DataSource)
    .getRepository(Department)
    .save({ digit: null, keywords: [], active: true, position: 0, confidenceThreshold: null, ...values });
  menuChanged(app);
  return department;
}

export async function updateSettings(app: INestApplication, values: Partial<Settings>): Promise<void> {
  await app.get(DataSource).getRepository(Settings).update({ id: SETTINGS_ID }, values);
  menuChanged(app);
}

/** Runs SQL that changes the menu, then drops the app's cached menu. */
export async function changeMenuSql(app: INestApplication, sql: string, parameters: unknown[] = []): Promise<void> {
  await app.get(DataSource).query(sql, parameters);
  menuChanged(app);
}

export interface StandardMenu {
  readonly sales: Department;
  readonly support: Department;
  readonly billing: Department;
}

/** Sales (1), Support (2), Billing (3, a SIP address) and an operator. */
export async function createStandardMenu(app: INestApplication): Promise<StandardMenu> {
  const sales = await createDepartment(app, SALES);
  const support = await createDepartment(app, SUPPORT);
  const billing = await createDepartment(app, BILLING);
  await updateSettings(app, { operatorNumber: OPERATOR_NUMBER });
  return { sales, support, billing };
}

/** The same menu written in SQL, through any DataSource, before an app has read the menu (no cache to drop). */
export async function insertStandardMenu(dataSource: DataSource): Promise<void> {
  for (const department of [SALES, SUPPORT, BILLING]) {
    await dataSource.query(
      'INSERT INTO ivr.departments (name, digit, keywords, phone_number, position) VALUES ($1, $2, $3, $4, $5)',
      [department.name, department.digit, department.keywords, department.phoneNumber, department.position],
    );
  }
  await dataSource.query('UPDATE ivr.settings SET operator_number = $1', [OPERATOR_NUMBER]);
}

/** Empties the call tables and the menu (schedules and holidays too) between tests; the settings row goes back to its defaults. The audit log stays (it is append-only). */
export async function resetDatabase(app: INestApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  await dataSource.query(
    'TRUNCATE ivr.call_attempts, ivr.webhook_receipts, ivr.call_sessions, ivr.departments, ivr.department_schedules, ivr.company_holidays CASCADE',
  );
  await dataSource.query('DELETE FROM ivr.settings');
  await dataSource.query('INSERT INTO ivr.settings (id) VALUES (1)');
  menuChanged(app);
}

export async function findSession(dataSource: DataSource, callSid: string): Promise<CallSession | null> {
  return dataSource.getRepository(CallSession).findOneBy({ callSid });
}

export async function findAttempts(dataSource: DataSource, callSid: string): Promise<CallAttempt[]> {
  return dataSource.getRepository(CallAttempt).find({ where: { callSid }, order: { round: 'ASC' } });
}

export async function countRows(
  dataSource: DataSource,
): Promise<{ sessions: number; attempts: number; receipts: number }> {
  const [sessions, attempts, receipts] = await Promise.all([
    dataSource.getRepository(CallSession).count(),
    dataSource.getRepository(CallAttempt).count(),
    dataSource.getRepository(WebhookReceipt).count(),
  ]);
  return { sessions, attempts, receipts };
}

/** Gives a department business hours (in America/New_York unless told), straight in the database. */
export async function setSchedule(
  app: INestApplication,
  departmentId: string,
  values: Partial<ScheduleValues> = {},
): Promise<void> {
  const dataSource = app.get(DataSource);
  await dataSource.transaction((manager) =>
    app.get(DepartmentScheduleRepository).save(manager, departmentId, {
      timeZone: 'America/New_York',
      weekly: WEEKDAYS_NINE_TO_FIVE,
      overrides: [],
      followCompanyHolidays: true,
      closedAction: 'voicemail',
      forwardTo: null,
      hideWhenClosed: false,
      ...values,
    }),
  );
  menuChanged(app);
}

/** Adds a company holiday straight in the database. */
export async function createHoliday(app: INestApplication, date: string, name = 'Holiday'): Promise<void> {
  await changeMenuSql(app, 'INSERT INTO ivr.company_holidays (date, name) VALUES ($1, $2)', [date, name]);
}
