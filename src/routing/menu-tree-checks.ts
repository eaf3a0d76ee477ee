import { MAX_MENU_DEPTH, type MenuOptionAction, STANDARD_KEYS } from './menu-tree.js';

/** A menu option as a change would leave it. */
export interface OptionDraft {
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly label: string | null;
  readonly action: MenuOptionAction;
  readonly departmentId: string | null;
  readonly targetMenuId: string | null;
}

/** A menu as a change would leave it; its options in the order the request lists them. */
export interface MenuDraft {
  readonly id: string;
  readonly name: string;
  readonly backKey: boolean;
  readonly operatorKey: boolean;
  readonly options: readonly OptionDraft[];
}

/** What the checks need to know of a department (inactive ones included: an option may name one). */
export interface DepartmentFacts {
  readonly id: string;
  readonly name: string;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly active: boolean;
  /** Absent: yes (the column's default). */
  readonly inRootMenu?: boolean;
}

/** The whole tree as it would be after a change. */
export interface MenuTreeDraft {
  readonly rootId: string;
  readonly menus: readonly MenuDraft[];
  readonly departments: readonly DepartmentFacts[];
}

export interface MenuChange {
  /** The menu created or edited: the problems are its fields'. */
  readonly menuId: string;
  /**
   * The departments its options led to before the change. Deactivating a department hides its options without
   * breaking them, so an option that already led to one now inactive may stay; a new one may not.
   */
  readonly departmentsBefore?: ReadonlySet<string>;
}

/** What is wrong, addressed to a field of the request (`options.2.digit`), with what to do about it. */
export interface MenuProblem {
  readonly field: string;
  readonly message: string;
}

/** An orphan submenu (no option leads to it yet) is counted at the shallowest level it can be heard from: 2. */
const ORPHAN_LEVEL = 2;

/** The tree's links, and its levels counted without the links that close a loop (those are reported apart). */
class TreeShape {
  private readonly menus: ReadonlyMap<string, MenuDraft>;
  private readonly below = new Map<string, string[]>();
  private readonly above = new Map<string, string[]>();
  private readonly levels = new Map<string, number>();
  private readonly heights = new Map<string, number>();

  constructor(private readonly tree: MenuTreeDraft) {
    this.menus = new Map(tree.menus.map((menu) => [menu.id, menu]));
    // One depth-first walk, from the root first: a link back to a menu still being walked closes a loop.
    const state = new Map<string, 'walking' | 'done'>();
    const walk = (id: string): void => {
      state.set(id, 'walking');
      const menu = this.menus.get(id);
      const children = (menu ? this.children(menu) : []).filter((child) => state.get(child) !== 'walking');
      this.below.set(id, children);
      for (const child of children) {
        this.above.set(child, [...(this.above.get(child) ?? []), id]);
        if (!state.has(child)) walk(child);
      }
      state.set(id, 'done');
    };
    for (const id of [tree.rootId, ...this.menus.keys()]) if (!state.has(id)) walk(id);
  }

  menu(id: string): MenuDraft | undefined {
    return this.menus.get(id);
  }

  /** The menus its options open (those that exist), each once. */
  children(menu: MenuDraft): string[] {
    const targets = menu.options.flatMap((option) =>
      option.action === 'menu' && option.targetMenuId !== null && this.menus.has(option.targetMenuId)
        ? [option.targetMenuId]
        : [],
    );
    return [...new Set(targets)];
  }

  /** The deepest level callers can hear a menu at: the root is 1, a menu no option opens yet ORPHAN_LEVEL. */
  level(id: string): number {
    if (id === this.tree.rootId) return 1;
    let level = this.levels.get(id);
    if (level === undefined) {
      const parents = this.above.get(id) ?? [];
      level = parents.length === 0 ? ORPHAN_LEVEL : Math.max(...parents.map((parent) => this.level(parent))) + 1;
      this.levels.set(id, level);
    }
    return level;
  }

  /** How many levels a menu and the submenus below it make (a menu without submenus: 1). */
  height(id: string): number {
    let height = this.heights.get(id);
    if (height === undefined) {
      height = 1 + Math.max(0, ...(this.below.get(id) ?? []).map((child) => this.height(child)));
      this.heights.set(id, height);
    }
    return height;
  }

  /** The menus from `from` down to `to` through options, or null when `to` is not below `from`. */
  pathDown(from: string, to: string, seen: Set<string> = new Set()): string[] | null {
    if (from === to) return [to];
    if (seen.has(from)) return null;
    seen.add(from);
    const menu = this.menus.get(from);
    for (const child of menu ? this.children(menu) : []) {
      const rest = this.pathDown(child, to, seen);
      if (rest) return [from, ...rest];
    }
    return null;
  }
}

/** An option as an admin recognises it in a message: its label, or what it leads to, and where it is in the list. */
function optionName(tree: MenuTreeDraft, shape: TreeShape, option: OptionDraft, index: number): string {
  const target =
    option.label ??
    (option.targetMenuId !== null ? shape.menu(option.targetMenuId)?.name : undefined) ??
    tree.departments.find((department) => department.id === option.departmentId)?.name ??
    option.action;
  return `"${target}" (options.${index})`;
}

// Operator and voicemail options have no department or menu whose name callers could hear instead.
const LABEL_EXAMPLES: Partial<Record<MenuOptionAction, { article: string; label: string }>> = {
  operator: { article: 'an', label: 'an operator' },
  voicemail: { article: 'a', label: 'voicemail' },
};

function targetShapeProblems(option: OptionDraft, at: string): MenuProblem[] {
  const problems: MenuProblem[] = [];
  const needs = (field: string, message: string): void => {
    problems.push({ field: `${at}.${field}`, message });
  };
  if (option.action === 'department' && option.departmentId === null)
    needs('departmentId', 'a department option needs departmentId: the department callers are put through to');
  if (option.action === 'menu' && option.targetMenuId === null)
    needs('menuId', 'a menu option needs menuId: the submenu callers go to');
  if (option.action !== 'department' && option.departmentId !== null)
    needs('departmentId', `departmentId is only for options with action "department": leave it out`);
  if (option.action !== 'menu' && option.targetMenuId !== null)
    needs('menuId', `menuId is only for options with action "menu": leave it out`);
  const example = LABEL_EXAMPLES[option.action];
  if (example && !option.label?.trim())
    needs(
      'label',
      `${example.article} ${option.action} option needs a label: what callers hear after "For" ` +
        `(e.g. "${example.label}": "For ${example.label}, press 9")`,
    );
  return problems;
}

function departmentProblems(tree: MenuTreeDraft, change: MenuChange, option: OptionDraft, at: string): MenuProblem[] {
  if (option.action !== 'department' || option.departmentId === null) return [];
  const department = tree.departments.find((candidate) => candidate.id === option.departmentId);
  if (!department)
    return [
      {
        field: `${at}.departmentId`,
        message: `department ${option.departmentId} does not exist: choose one from GET /admin/departments`,
      },
    ];
  if (!department.active && !change.departmentsBefore?.has(department.id))
    return [
      {
        field: `${at}.departmentId`,
        message:
          `department "${department.name}" is inactive: reactivate it (PATCH /admin/departments/${department.id} ` +
          'with {"active": true}) or choose an active one',
      },
    ];
  return [];
}

function submenuProblems(tree: MenuTreeDraft, shape: TreeShape, menu: MenuDraft, option: OptionDraft, at: string) {
  if (option.action !== 'menu' || option.targetMenuId === null) return [];
  const field = `${at}.menuId`;
  const target = shape.menu(option.targetMenuId);
  if (!target)
    return [{ field, message: `menu ${option.targetMenuId} does not exist: choose one from GET /admin/menus` }];
  if (target.id === menu.id)
    return [{ field, message: 'an option cannot open its own menu: to read it again, turn on repeatKey (#)' }];
  if (target.id === tree.rootId)
    return [
      {
        field,
        message:
          'an option cannot open the root menu: every call starts there, and callers go back up with * (backKey)',
      },
    ];
  const loop = shape.pathDown(target.id, menu.id);
  if (loop) {
    const names = loop.map((id) => `"${shape.menu(id)?.name ?? id}"`).join(' → ');
    return [
      {
        field,
        message:
          `menu "${target.name}" is above this one (${names}): opening it here would make a loop; an option can ` +
          'only open a menu below its own, and callers go back up with * (backKey)',
      },
    ];
  }
  const deepest = shape.level(menu.id) + shape.height(target.id);
  if (deepest > MAX_MENU_DEPTH)
    return [
      {
        field,
        message:
          `menu "${target.name}" would put menus at level ${deepest}: a tree has at most ${MAX_MENU_DEPTH} levels ` +
          '(the root menu is level 1); open it from a menu higher up, or merge some of its submenus',
      },
    ];
  return [];
}

/** Every option needs a way to be chosen; a department's option without keywords takes the department's own. */
function choosableProblems(tree: MenuTreeDraft, option: OptionDraft, at: string): MenuProblem[] {
  if (option.digit !== null || option.keywords.length > 0) return [];
  const department = tree.departments.find((candidate) => candidate.id === option.departmentId);
  if (option.action === 'department' && department && department.keywords.length > 0) return [];
  return [
    {
      field: `${at}.digit`,
      message: 'an option needs a digit or keywords, or callers cannot choose it: give it a digit "0"-"9" or keywords',
    },
  ];
}

/** The departments callers hear in the root menu by their own digit (active, placed there). */
function rootDepartments(tree: MenuTreeDraft): DepartmentFacts[] {
  return tree.departments.filter((department) => department.active && department.inRootMenu !== false);
}

function digitProblems(tree: MenuTreeDraft, shape: TreeShape, menu: MenuDraft): MenuProblem[] {
  const isRoot = menu.id === tree.rootId;
  return menu.options.flatMap((option, index): MenuProblem[] => {
    if (option.digit === null) return [];
    const field = `options.${index}.digit`;
    const earlier = menu.options.findIndex((other) => other.digit === option.digit);
    if (earlier < index)
      return [
        {
          field,
          message:
            `digit ${option.digit} is already ${optionName(tree, shape, menu.options[earlier], earlier)} in this ` +
            'menu: choose another digit',
        },
      ];
    const department = isRoot ? rootDepartments(tree).find((candidate) => candidate.digit === option.digit) : undefined;
    if (department)
      return [
        {
          field,
          message:
            `digit ${option.digit} is the department "${department.name}"'s in the root menu: choose another ` +
            `digit, or take "${department.name}" out of the root menu (PATCH /admin/departments/${department.id})`,
        },
      ];
    return [];
  });
}

function keyProblems(tree: MenuTreeDraft, shape: TreeShape, menu: MenuDraft): MenuProblem[] {
  const problems: MenuProblem[] = [];
  const isRoot = menu.id === tree.rootId;
  if (isRoot && menu.backKey)
    problems.push({
      field: 'backKey',
      message: 'the root menu has no menu above it for * to go back to: set backKey to false',
    });
  if (menu.operatorKey) {
    const operator = STANDARD_KEYS.operator;
    const index = menu.options.findIndex((option) => option.digit === operator);
    const department = isRoot ? rootDepartments(tree).find((candidate) => candidate.digit === operator) : undefined;
    const holder =
      index >= 0
        ? `${optionName(tree, shape, menu.options[index], index)} has digit ${operator}: give that option another digit`
        : department
          ? `the department "${department.name}" has digit ${operator} in the root menu: give it another digit`
          : null;
    if (holder)
      problems.push({
        field: 'operatorKey',
        message: `operatorKey puts callers through to the operator on ${operator}, but ${holder}, or set operatorKey to false`,
      });
  }
  return problems;
}

/**
 * What would be wrong with the tree after a change to one menu, addressed to that menu's fields: duplicate digits
 * (in the root, against the departments placed there too), the operator key on a digit an option holds, options
 * with no target, a missing or (newly chosen) inactive one, no way to be chosen, no label where there is no name to
 * say, loops, more than MAX_MENU_DEPTH levels, and `*` on the root. The rest of the tree was checked when it
 * changed, so only problems the change can cause are looked for.
 */
export function menuProblems(tree: MenuTreeDraft, change: MenuChange): MenuProblem[] {
  const shape = new TreeShape(tree);
  const menu = shape.menu(change.menuId);
  if (!menu) throw new Error(`The changed menu ${change.menuId} is not in the tree`);
  return [
    ...keyProblems(tree, shape, menu),
    ...menu.options.flatMap((option, index) => {
      const at = `options.${index}`;
      return [
        ...targetShapeProblems(option, at),
        ...departmentProblems(tree, change, option, at),
        ...submenuProblems(tree, shape, menu, option, at),
        ...choosableProblems(tree, option, at),
      ];
    }),
    ...digitProblems(tree, shape, menu),
  ];
}
