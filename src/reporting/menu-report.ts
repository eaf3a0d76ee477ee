import type { MenuOptionAction } from '../routing/menu-tree.js';

/** An option of a menu as it is now: a `menu_options` row, or a department's own entry in the root menu. */
export interface OptionShape {
  /** null: a department's own entry in the root menu (its digit and keywords, managed with the department). */
  readonly optionId: string | null;
  readonly action: MenuOptionAction;
  readonly departmentId: string | null;
  readonly targetMenuId: string | null;
  readonly digit: string | null;
  /** Its label, else its department's or submenu's name; null for an operator or voicemail option without one. */
  readonly name: string | null;
}

/** A menu as it is now, its options in menu order. */
export interface MenuShape {
  readonly id: string;
  readonly name: string;
  readonly isRoot: boolean;
  readonly options: readonly OptionShape[];
}

/** One row of the menus-and-options read: a menu with one of its options, or with none (`action` null). */
export interface MenuShapeRow extends Omit<OptionShape, 'action'> {
  readonly menuId: string;
  readonly menuName: string;
  readonly isRoot: boolean;
  readonly action: MenuOptionAction | null;
}

export interface FailureCounts {
  readonly noMatch: number;
  readonly noInput: number;
  readonly lowConfidence: number;
}

/** Rounds that chose one option: by its id, or by the department for a department's own root entry. */
export interface ChoiceCount {
  readonly optionId: string | null;
  readonly departmentId: string | null;
  readonly rounds: number;
}

/** What happened in one menu (by id: the root's for the root menu) in a range; see MenuReportRepository. */
export interface MenuCounts {
  readonly menuId: string;
  readonly reached: number;
  readonly back: number;
  readonly repeat: number;
  readonly operator: number;
  readonly failures: FailureCounts;
  readonly hungUp: number;
  readonly choices: readonly ChoiceCount[];
}

export interface OptionFigures extends OptionShape {
  readonly chosen: number;
}

export interface MenuFigures extends Omit<MenuCounts, 'menuId' | 'choices'> {
  readonly id: string;
  /** null: deleted since (its answers and hang-ups stay counted). */
  readonly name: string | null;
  readonly isRoot: boolean;
  readonly options: readonly OptionFigures[];
}

/** The rows of the menus-and-options read (ordered: menus, then each one's options) as menus. */
export function menuShapesOf(rows: readonly MenuShapeRow[]): MenuShape[] {
  const menus = new Map<string, { id: string; name: string; isRoot: boolean; options: OptionShape[] }>();
  for (const row of rows) {
    let menu = menus.get(row.menuId);
    if (!menu) {
      menu = { id: row.menuId, name: row.menuName, isRoot: row.isRoot, options: [] };
      menus.set(row.menuId, menu);
    }
    if (row.action !== null) {
      const { optionId, departmentId, targetMenuId, digit, name } = row;
      menu.options.push({ optionId, action: row.action, departmentId, targetMenuId, digit, name });
    }
  }
  return [...menus.values()];
}

/** A menu nobody reached in the range. */
export const NO_COUNTS: Omit<MenuCounts, 'menuId'> = {
  reached: 0,
  back: 0,
  repeat: 0,
  operator: 0,
  failures: { noMatch: 0, noInput: 0, lowConfidence: 0 },
  hungUp: 0,
  choices: [],
};

function chosen(option: OptionShape, choices: readonly ChoiceCount[]): number {
  const match = choices.find((choice) =>
    option.optionId === null
      ? choice.optionId === null && choice.departmentId === option.departmentId
      : choice.optionId === option.optionId,
  );
  return match?.rounds ?? 0;
}

function figuresOf(
  menu: { id: string; name: string | null; isRoot: boolean },
  shape: readonly OptionShape[],
  counts: Omit<MenuCounts, 'menuId'>,
): MenuFigures {
  return {
    id: menu.id,
    name: menu.name,
    isRoot: menu.isRoot,
    reached: counts.reached,
    back: counts.back,
    repeat: counts.repeat,
    operator: counts.operator,
    failures: { ...counts.failures },
    hungUp: counts.hungUp,
    options: shape.map((option) => ({ ...option, chosen: chosen(option, counts.choices) })),
  };
}

/**
 * Every menu as it is now (in the order given: the root first), with its counts (zeros without any) and each
 * option's choices, then the menus deleted since that have counts, unnamed and without options, by id. Choices of
 * options deleted since are not listed: an option is listed as the menu has it now.
 */
export function menuFigures(menus: readonly MenuShape[], counts: readonly MenuCounts[]): MenuFigures[] {
  const byMenu = new Map(counts.map((count) => [count.menuId, count]));
  const current = menus.map((menu) => figuresOf(menu, menu.options, byMenu.get(menu.id) ?? NO_COUNTS));
  const known = new Set(menus.map((menu) => menu.id));
  const deleted = counts
    .filter((count) => !known.has(count.menuId))
    .sort((left, right) => (left.menuId < right.menuId ? -1 : 1))
    .map((count) => figuresOf({ id: count.menuId, name: null, isRoot: false }, [], count));
  return [...current, ...deleted];
}
