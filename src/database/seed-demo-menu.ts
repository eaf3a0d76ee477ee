import type { DataSource } from 'typeorm';
import { Department } from '../routing/department.entity.js';
import { SETTINGS_ID, Settings } from '../routing/settings.entity.js';
import { IVR_TABLES } from './ivr-schema.js';

// Placeholder numbers from the 555-01xx range reserved for fiction: replace them before going live.
const DEMO_DEPARTMENTS: ReadonlyArray<Pick<Department, 'name' | 'digit' | 'keywords' | 'phoneNumber' | 'position'>> = [
  {
    name: 'Sales',
    digit: '1',
    keywords: ['sales', 'buy', 'pricing', 'quote'],
    phoneNumber: '+15555550101',
    position: 1,
  },
  {
    name: 'Support',
    digit: '2',
    keywords: ['support', 'help', 'technical support', 'problem'],
    phoneNumber: '+15555550102',
    position: 2,
  },
  {
    name: 'Billing',
    digit: '3',
    keywords: ['billing', 'invoice', 'payment', 'refund'],
    phoneNumber: '+15555550103',
    position: 3,
  },
];
const DEMO_OPERATOR_NUMBER = '+15555550100';

/** Seeds the demo menu when no department exists yet; returns whether it did. */
export async function seedDemoMenu(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    // Serialise concurrent seeders (several instances starting at once).
    await manager.query(`LOCK TABLE ${IVR_TABLES.departments} IN SHARE ROW EXCLUSIVE MODE`);
    if ((await manager.count(Department)) > 0) return false;
    await manager.insert(
      Department,
      DEMO_DEPARTMENTS.map((department) => ({ ...department, active: true })),
    );
    await manager.update(Settings, { id: SETTINGS_ID }, { operatorNumber: DEMO_OPERATOR_NUMBER });
    return true;
  });
}
