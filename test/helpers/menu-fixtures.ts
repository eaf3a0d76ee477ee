import { WEEKDAYS, type WeeklyHours } from '../../src/routing/business-hours.js';
import { DEFAULT_PROMPTS } from '../../src/routing/caller-prompts.js';
import type { MenuOptionRule, MenuRule, MenuTree } from '../../src/routing/menu-tree.js';
import type { MenuDepartment, MenuSettings, RoutingRules } from '../../src/routing/routing-rules.js';

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

/** Support on 2 ("support", "help"), beside menuDepartment's Sales, unless overridden. */
export function menuSupport(overrides: Partial<MenuDepartment> = {}): MenuDepartment {
  return menuDepartment({
    id: 'support-id',
    name: 'Support',
    digit: '2',
    keywords: ['support', 'help'],
    phoneNumber: '+15555550102',
    ...overrides,
  });
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
    transcribeVoicemail: false,
    prompts: DEFAULT_PROMPTS,
    ...overrides,
  };
}

/** How a spec builds the rules it hands the call-flow code: `rules(settings?, departments?)`. */
export type RulesBuilder = (settings?: Partial<MenuSettings>, departments?: readonly MenuDepartment[]) => RoutingRules;

/**
 * A spec's `rules()`: menuSettings with the spec's own settings, then each call's; the call's departments,
 * or else the spec's.
 */
export function rulesBuilder(spec: {
  readonly settings: Partial<MenuSettings>;
  readonly departments: readonly MenuDepartment[];
}): RulesBuilder {
  return (settings = {}, departments = spec.departments) => ({
    settings: menuSettings({ ...spec.settings, ...settings }),
    departments,
  });
}

/** Monday to Friday, 09:00-17:00. */
export const WEEKDAYS_NINE_TO_FIVE: WeeklyHours = Object.fromEntries(
  WEEKDAYS.slice(0, 5).map((day) => [day, [{ opens: '09:00', closes: '17:00' }]]),
);

/** A submenu for unit tests: no options, the standard keys as a new submenu has them, unless overridden. */
export function menuRule(overrides: Partial<MenuRule> & Pick<MenuRule, 'id'>): MenuRule {
  return {
    name: overrides.id,
    prompt: null,
    isRoot: false,
    backKey: true,
    repeatKey: true,
    operatorKey: false,
    options: [],
    ...overrides,
  };
}

/** A menu option: to a department unless overridden (give `departmentId`, or another action and its target). */
export function menuOption(overrides: Partial<MenuOptionRule> & Pick<MenuOptionRule, 'id'>): MenuOptionRule {
  return {
    position: 0,
    digit: null,
    keywords: [],
    label: null,
    action: 'department',
    departmentId: null,
    targetMenuId: null,
    ...overrides,
  };
}

/** The menus of a rule set: the root (keys off, as the upgrade makes it) with `rootOptions`, and the submenus. */
export function menuTree(rootOptions: readonly MenuOptionRule[], ...submenus: readonly MenuRule[]): MenuTree {
  const root = menuRule({
    id: 'root',
    name: 'Main menu',
    isRoot: true,
    backKey: false,
    repeatKey: false,
    options: rootOptions,
  });
  return { rootId: root.id, menus: new Map([root, ...submenus].map((menu) => [menu.id, menu])) };
}
