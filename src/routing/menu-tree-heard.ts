import { menuAt } from './menu-at.js';
import { menuLines } from './menu-speech.js';
import {
  type LevelOption,
  type MenuLevel,
  type MenuOptionAction,
  type MenuOptionRule,
  type MenuTree,
  menuLevel,
} from './menu-tree.js';
import type { RoutingRules } from './routing-rules.js';
import { translated } from './translations.js';

/** An option of a menu as callers hear it now, or one they do not hear now (`heard: false`) and why not is visible. */
export interface HeardOption {
  /** The `menu_options` row; null for a department placed in the root menu. */
  readonly optionId: string | null;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  /** What is said after "For". */
  readonly name: string;
  readonly action: MenuOptionAction;
  readonly departmentId: string | null;
  readonly menuId: string | null;
  /** Its department is closed now (callers hear it named as closed, and get its after-hours action). */
  readonly closedNow: boolean;
  /** Read out now; false: an inactive department, one hidden while closed, or a submenu with nothing to offer. */
  readonly heard: boolean;
  /** The submenu it opens, as it would be heard. */
  readonly menu?: HeardMenu;
}

export interface HeardMenu {
  readonly id: string;
  readonly name: string;
  /** Callers can reach it now (every menu above it, and the option to it, are heard). */
  readonly heard: boolean;
  /** What it says, sentence by sentence: its prompt, its options, its standard keys. */
  readonly says: readonly string[];
  readonly keys: MenuLevel['keys'];
  /** Those heard, in menu order, then those not heard now. */
  readonly options: readonly HeardOption[];
}

interface Walk {
  /** The rules in the language, as they stand at the moment. */
  readonly now: RoutingRules;
  /** The same before the moment's business hours (departments hidden while closed are still there). */
  readonly always: RoutingRules;
  readonly tree: MenuTree;
  /** Every department's name, inactive ones too (an option may still lead to one). */
  readonly departmentNames: ReadonlyMap<string, string>;
}

const language = (walk: Walk): string => walk.now.settings.language;

function heardOption(walk: Walk, option: LevelOption, path: readonly string[], reachable: boolean): HeardOption {
  const { target } = option;
  const base = {
    optionId: option.optionId,
    digit: option.digit,
    keywords: option.keywords,
    name: option.name,
    heard: true,
  };
  switch (target.kind) {
    case 'department':
      return {
        ...base,
        action: 'department',
        departmentId: target.department.id,
        menuId: null,
        closedNow: target.department.closedNow !== undefined,
      };
    case 'menu':
      return { ...base, ...submenu(walk, target.menuId, path, reachable), closedNow: false };
    case 'operator':
    case 'voicemail':
      return { ...base, action: target.kind, departmentId: null, menuId: null, closedNow: false };
  }
}

/** The option's fields for a submenu: its id and, unless it would loop, the submenu itself. */
function submenu(walk: Walk, menuId: string, path: readonly string[], reachable: boolean) {
  const nested =
    walk.tree.menus.has(menuId) && menuId !== walk.tree.rootId && !path.includes(menuId)
      ? { menu: menuNode(walk, menuId, [...path, menuId], reachable) }
      : {};
  return { action: 'menu' as const, departmentId: null, menuId, ...nested };
}

/** An option callers do not hear now, named as it would be heard. */
function unheardOption(walk: Walk, option: MenuOptionRule, path: readonly string[]): HeardOption {
  const code = language(walk);
  const target = option.targetMenuId ? walk.tree.menus.get(option.targetMenuId) : undefined;
  const department = walk.always.departments.find((candidate) => candidate.id === option.departmentId);
  const name =
    translated(option.label, option.translations, code, 'label') ??
    (target ? translated(target.name, target.translations, code, 'name') : undefined) ??
    department?.name ??
    (option.departmentId ? walk.departmentNames.get(option.departmentId) : undefined) ??
    '';
  const keywords = translated([...option.keywords], option.translations, code, 'keywords');
  const base = {
    optionId: option.id,
    digit: option.digit,
    keywords: keywords.length > 0 || !department ? keywords : department.keywords,
    name,
    closedNow: false,
    heard: false,
  };
  if (option.action === 'menu' && option.targetMenuId)
    return { ...base, ...submenu(walk, option.targetMenuId, path, false) };
  return { ...base, action: option.action, departmentId: option.departmentId, menuId: null };
}

/** The root menu's departments hidden now (closed, and hidden while closed). */
function hiddenRootDepartments(walk: Walk): HeardOption[] {
  const shown = new Set(walk.now.departments.map((department) => department.id));
  return walk.always.departments
    .filter((department) => department.inRootMenu !== false && !shown.has(department.id))
    .map((department) => ({
      optionId: null,
      digit: department.digit,
      keywords: department.keywords,
      name: department.name,
      action: 'department',
      departmentId: department.id,
      menuId: null,
      closedNow: false,
      heard: false,
    }));
}

function menuNode(walk: Walk, menuId: string, path: readonly string[], reachable: boolean): HeardMenu {
  const menu = walk.tree.menus.get(menuId);
  if (!menu) throw new Error(`Menu ${menuId} is not in the tree`);
  const isRoot = menuId === walk.tree.rootId;
  const level = menuLevel(walk.now, path);
  const heard = level.options.map((option) => heardOption(walk, option, path, reachable));
  const heardIds = new Set(level.options.map((option) => option.optionId));
  const unheard = menu.options
    .filter((option) => !heardIds.has(option.id))
    .map((option) => unheardOption(walk, option, path));
  return {
    id: menu.id,
    name: translated(menu.name, menu.translations, language(walk), 'name'),
    heard: reachable,
    says: menuLines(level, walk.now.settings.prompts),
    keys: level.keys,
    options: [...heard, ...(isRoot ? hiddenRootDepartments(walk) : []), ...unheard],
  };
}

/**
 * The whole menu tree as a caller in the rules' language hears it at `at`, from the root down, each submenu under
 * the option that opens it; what callers do not hear now is there too, marked `heard: false`, so an admin sees
 * what a change hides before publishing it. `rules` are already in the language (see rulesIn).
 */
export function menuTreeAsHeard(
  rules: RoutingRules,
  at: Date,
  departmentNames: ReadonlyMap<string, string> = new Map(),
): HeardMenu {
  const tree = rules.menus;
  if (!tree) throw new Error('The menu tree has not been read: its tables are missing (run the migrations)');
  const walk: Walk = { now: menuAt(rules, at), always: rules, tree, departmentNames };
  return menuNode(walk, tree.rootId, [], true);
}
