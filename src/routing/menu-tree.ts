import type { MenuDepartment, RoutingRules } from './routing-rules.js';
import { type MenuTranslations, type OptionTranslations, translated } from './translations.js';

export const MENU_OPTION_ACTIONS = ['department', 'menu', 'operator', 'voicemail'] as const;
export type MenuOptionAction = (typeof MENU_OPTION_ACTIONS)[number];

/** The root menu is level 1; no caller goes more than this many levels down. */
export const MAX_MENU_DEPTH = 5;

/** The standard keys, each offered where its menu enables it. Options use "0"-"9" only, so `*` and `#` never clash. */
export const STANDARD_KEYS = { back: '*', repeat: '#', operator: '0' } as const;

/** A menu option as the menu cache holds it. */
export interface MenuOptionRule {
  readonly id: string;
  readonly position: number;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly label: string | null;
  readonly translations?: OptionTranslations;
  readonly action: MenuOptionAction;
  readonly departmentId: string | null;
  readonly targetMenuId: string | null;
}

export interface MenuRule {
  readonly id: string;
  readonly name: string;
  readonly prompt: string | null;
  readonly translations?: MenuTranslations;
  readonly isRoot: boolean;
  readonly backKey: boolean;
  readonly repeatKey: boolean;
  readonly operatorKey: boolean;
  /** Its own options in menu order (the root's departments are not among them: see menuLevel). */
  readonly options: readonly MenuOptionRule[];
}

export interface MenuTree {
  readonly rootId: string;
  readonly menus: ReadonlyMap<string, MenuRule>;
}

export type OptionTarget =
  | { readonly kind: 'department'; readonly department: MenuDepartment }
  | { readonly kind: 'menu'; readonly menuId: string }
  | { readonly kind: 'operator' }
  | { readonly kind: 'voicemail' };

/** An option as a caller hears it now, in their language. */
export interface LevelOption {
  /** The `menu_options` row; null for a department's own entry in the root menu. */
  readonly optionId: string | null;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  /** What is said after "For". */
  readonly name: string;
  /** The department's own threshold; null: the global minimum. */
  readonly confidenceThreshold: number | null;
  readonly target: OptionTarget;
}

/** One level of the menu as a caller hears it at a moment, in their language. */
export interface MenuLevel {
  /** null: the root menu. */
  readonly menuId: string | null;
  /** The submenus from the root down to this one (empty at the root). */
  readonly path: readonly string[];
  readonly prompt: string | null;
  readonly options: readonly LevelOption[];
  readonly keys: { readonly back: boolean; readonly repeat: boolean; readonly operator: boolean };
}

const ROOT_KEYS = { back: false, repeat: false, operator: false } as const;

/** The root menu's departments: those placed there, in menu order. */
function rootDepartments(rules: RoutingRules): readonly (LevelOption & { readonly position: number })[] {
  return rules.departments
    .filter((department) => department.inRootMenu !== false)
    .map((department) => ({
      optionId: null,
      digit: department.digit,
      keywords: department.keywords,
      name: department.name,
      confidenceThreshold: department.confidenceThreshold,
      target: { kind: 'department', department },
      position: department.position ?? 0,
    }));
}

function optionOf(rules: RoutingRules, option: MenuOptionRule, language: string): LevelOption | null {
  const label = translated(option.label, option.translations, language, 'label');
  const keywords = translated([...option.keywords], option.translations, language, 'keywords');
  const base = { optionId: option.id, digit: option.digit, confidenceThreshold: null };
  switch (option.action) {
    case 'department': {
      // Not offered now (inactive, or hidden while closed: see menuAt): the option is not read either.
      const department = rules.departments.find((candidate) => candidate.id === option.departmentId);
      if (!department) return null;
      return {
        ...base,
        keywords: keywords.length > 0 ? keywords : department.keywords,
        name: label ?? department.name,
        confidenceThreshold: department.confidenceThreshold,
        target: { kind: 'department', department },
      };
    }
    case 'menu': {
      const menu = option.targetMenuId ? rules.menus?.menus.get(option.targetMenuId) : undefined;
      if (!menu || !offersAnything(rules, menu, new Set())) return null;
      return {
        ...base,
        keywords,
        name: label ?? translated(menu.name, menu.translations, language, 'name'),
        target: { kind: 'menu', menuId: menu.id },
      };
    }
    case 'operator':
    case 'voicemail':
      return { ...base, keywords, name: label ?? '', target: { kind: option.action } };
  }
}

/**
 * Whether a submenu has anything to offer now: a submenu whose every option is hidden (inactive departments,
 * departments hidden while closed, submenus hidden themselves) is hidden in the menu above.
 */
function offersAnything(rules: RoutingRules, menu: MenuRule, seen: Set<string>): boolean {
  // The admin API refuses cycles; a tree read in the middle of two admins' changes still must not loop.
  if (seen.has(menu.id)) return false;
  seen.add(menu.id);
  return menu.options.some((option) => {
    switch (option.action) {
      case 'department':
        return rules.departments.some((department) => department.id === option.departmentId);
      case 'menu': {
        const target = option.targetMenuId ? rules.menus?.menus.get(option.targetMenuId) : undefined;
        return target !== undefined && offersAnything(rules, target, new Set(seen));
      }
      case 'operator':
      case 'voicemail':
        return true;
    }
  });
}

/**
 * The menu level at `path` as a caller hears it on `rules` (already in their language and at the moment: see
 * rulesIn and menuAt). The root menu is its departments (those placed there) and its own options, by position;
 * a path whose last menu no longer exists (deleted during the call) is the root menu.
 */
export function menuLevel(rules: RoutingRules, path: readonly string[]): MenuLevel {
  const language = rules.settings.language;
  const tree = rules.menus;
  const menuId = path.at(-1);
  const menu = menuId !== undefined ? tree?.menus.get(menuId) : undefined;
  if (menu && !menu.isRoot) {
    return {
      menuId: menu.id,
      path,
      prompt: translated(menu.prompt, menu.translations, language, 'prompt'),
      options: menu.options.flatMap((option) => optionOf(rules, option, language) ?? []),
      keys: { back: menu.backKey, repeat: menu.repeatKey, operator: menu.operatorKey },
    };
  }
  const root = tree?.menus.get(tree.rootId);
  const own = (root?.options ?? []).flatMap((option) => {
    const level = optionOf(rules, option, language);
    return level ? [{ ...level, position: option.position }] : [];
  });
  // Stable: at equal positions the departments come first, as they did before submenus.
  const options = [...rootDepartments(rules), ...own]
    .sort((left, right) => left.position - right.position)
    .map(({ position: _position, ...option }) => option);
  return {
    menuId: null,
    path: [],
    prompt: root ? translated(root.prompt, root.translations, language, 'prompt') : null,
    options,
    keys: root ? { back: false, repeat: root.repeatKey, operator: root.operatorKey } : ROOT_KEYS,
  };
}

type StoredMenu = Omit<MenuRule, 'options'>;
interface StoredOption extends MenuOptionRule {
  readonly menuId: string;
}

/** The menus and options as read from their tables, put together; undefined without a root (a database not migrated). */
export function menuTreeOf(menus: readonly StoredMenu[], options: readonly StoredOption[]): MenuTree | undefined {
  const root = menus.find((menu) => menu.isRoot);
  if (!root) return undefined;
  const byMenu = new Map<string, MenuOptionRule[]>();
  for (const option of options) {
    const list = byMenu.get(option.menuId) ?? [];
    list.push(option);
    byMenu.set(option.menuId, list);
  }
  return {
    rootId: root.id,
    menus: new Map(menus.map((menu) => [menu.id, { ...menu, options: byMenu.get(menu.id) ?? [] }])),
  };
}
