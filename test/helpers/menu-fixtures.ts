import type { MenuDepartment } from '../../src/routing/routing-rules.js';

/** A menu department for unit tests of the pure call-flow code: Sales on 1 unless overridden. */
export function menuDepartment(overrides: Partial<MenuDepartment> = {}): MenuDepartment {
  return {
    id: 'sales-id',
    name: 'Sales',
    digit: '1',
    keywords: ['sales'],
    phoneNumber: '+15555550101',
    confidenceThreshold: null,
    ...overrides,
  };
}
