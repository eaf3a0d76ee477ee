import type { DataSource } from 'typeorm';
import { CallAttempt } from '../../src/call-sessions/call-attempt.entity.js';
import { CallSession } from '../../src/call-sessions/call-session.entity.js';
import { WebhookReceipt } from '../../src/call-sessions/webhook-receipt.entity.js';
import { Department } from '../../src/routing/department.entity.js';
import { SETTINGS_ID, Settings } from '../../src/routing/settings.entity.js';

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
  dataSource: DataSource,
  values: Partial<Department> & Pick<Department, 'name' | 'phoneNumber'>,
): Promise<Department> {
  return dataSource
    .getRepository(Department)
    .save({ digit: null, keywords: [], active: true, position: 0, confidenceThreshold: null, ...values });
}

export async function updateSettings(dataSource: DataSource, values: Partial<Settings>): Promise<void> {
  await dataSource.getRepository(Settings).update({ id: SETTINGS_ID }, values);
}

/** Sales (1), Support (2), Billing (3, a SIP address) and an operator. */
export async function createStandardMenu(
  dataSource: DataSource,
): Promise<{ sales: Department; support: Department; billing: Department }> {
  const sales = await createDepartment(dataSource, SALES);
  const support = await createDepartment(dataSource, SUPPORT);
  const billing = await createDepartment(dataSource, BILLING);
  await updateSettings(dataSource, { operatorNumber: OPERATOR_NUMBER });
  return { sales, support, billing };
}

/** Empties the call tables and the menu between tests; the settings row goes back to its defaults. */
export async function resetDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('TRUNCATE call_attempts, webhook_receipts, call_sessions, departments CASCADE');
  await dataSource.query('DELETE FROM settings');
  await dataSource.query('INSERT INTO settings (id) VALUES (1)');
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
