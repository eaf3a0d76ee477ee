import { DEFAULT_PROMPTS } from '../../src/routing/caller-prompts.js';
import type { MenuDepartment, MenuSettings } from '../../src/routing/routing-rules.js';

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

/** Menu settings for the same unit tests: operator +15555550100, threshold 0.5, three attempts, unless overridden. */
export function menuSettings(overrides: Partial<MenuSettings> = {}): MenuSettings {
  return {
    minConfidence: 0.5,
    maxAttempts: 3,
    operatorNumber: '+15555550100',
    voice: 'Polly.Joanna',
    language: 'en-US',
    gatherTimeoutSeconds: 5,
    dialTimeoutSeconds: 25,
    greeting: 'Welcome.',
    prompts: DEFAULT_PROMPTS,
    ...overrides,
  };
}
