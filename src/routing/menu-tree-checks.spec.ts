import {
  type DepartmentFacts,
  type MenuChange,
  type MenuDraft,
  menuProblems as sut,
  type MenuTreeDraft,
  type OptionDraft,
} from './menu-tree-checks.js';

const SALES: DepartmentFacts = { id: 'sales', name: 'Sales', digit: '1', keywords: ['sales'], active: true };
const SUPPORT: DepartmentFacts = {
  id: 'support',
  name: 'Support',
  digit: null,
  keywords: ['support'],
  active: true,
  inRootMenu: false,
};
const ARCHIVE: DepartmentFacts = { id: 'archive', name: 'Archive', digit: null, keywords: [], active: false };
const SILENT: DepartmentFacts = { id: 'silent', name: 'Silent', digit: null, keywords: [], active: true };

function option(overrides: Partial<OptionDraft>): OptionDraft {
  return {
    digit: null,
    keywords: [],
    label: null,
    action: 'department',
    departmentId: null,
    targetMenuId: null,
    ...overrides,
  };
}

const toDepartment = (departmentId: string, digit: string | null = null): OptionDraft =>
  option({ digit, departmentId });
const toMenu = (targetMenuId: string, digit: string | null = null): OptionDraft =>
  option({ action: 'menu', digit, targetMenuId });

function menu(id: string, options: readonly OptionDraft[] = [], overrides: Partial<MenuDraft> = {}): MenuDraft {
  return {
    id,
    name: id[0].toUpperCase() + id.slice(1),
    backKey: id !== 'root',
    operatorKey: false,
    options,
    ...overrides,
  };
}

/** The root, the menus given, and Sales (1, in the root), Support (not in the root), Archive (inactive), Silent. */
function tree(...menus: MenuDraft[]): MenuTreeDraft {
  const root = menus.find((candidate) => candidate.id === 'root') ?? menu('root');
  return {
    rootId: 'root',
    menus: [root, ...menus.filter((candidate) => candidate !== root)],
    departments: [SALES, SUPPORT, ARCHIVE, SILENT],
  };
}

/** root → a → b → c → d: levels 1 to 5. */
const FULL_DEPTH = [
  menu('root', [toMenu('a', '4')]),
  menu('a', [toMenu('b', '1')]),
  menu('b', [toMenu('c', '1')]),
  menu('c', [toMenu('d', '1')]),
  menu('d', [toDepartment('support', '1')]),
];

interface Case {
  readonly name: string;
  readonly tree: MenuTreeDraft;
  readonly change: MenuChange;
  readonly problems: readonly { field: string; message: RegExp }[];
}

const cases: Case[] = [
  {
    name: 'accepts a submenu of departments, the operator and voicemail',
    tree: tree(
      menu('root', [toMenu('tech', '4')]),
      menu('tech', [
        toDepartment('support', '1'),
        option({ action: 'operator', digit: '9', label: 'an operator' }),
        option({ action: 'voicemail', keywords: ['message'], label: 'voicemail' }),
      ]),
    ),
    change: { menuId: 'tech' },
    problems: [],
  },
  {
    name: 'accepts five levels, the root being the first',
    tree: tree(...FULL_DEPTH),
    change: { menuId: 'd' },
    problems: [],
  },
  {
    name: 'refuses a digit twice in one menu, naming the option that has it',
    tree: tree(
      menu('tech', [toDepartment('support', '1'), option({ action: 'voicemail', digit: '1', label: 'voicemail' })]),
    ),
    change: { menuId: 'tech' },
    problems: [
      { field: 'options.1.digit', message: /digit 1 is already "Support" \(options\.0\) in this menu: choose another/ },
    ],
  },
  {
    name: 'refuses a root option on the digit of a department placed in the root menu, naming it',
    tree: tree(menu('root', [toMenu('tech', '1')]), menu('tech', [toDepartment('support', '1')])),
    change: { menuId: 'root' },
    problems: [
      {
        field: 'options.0.digit',
        message: /digit 1 is the department "Sales"'s in the root menu: choose another digit, or take "Sales" out/,
      },
    ],
  },
  {
    name: 'lets a submenu use a digit that a root department has',
    tree: tree(menu('root', [toMenu('tech', '4')]), menu('tech', [toDepartment('support', '1')])),
    change: { menuId: 'tech' },
    problems: [],
  },
  {
    name: 'lets the root use the digit of a department not placed there',
    tree: tree(menu('root', [toDepartment('support', '2')])),
    change: { menuId: 'root' },
    problems: [],
  },
  {
    name: 'refuses the operator key where an option has 0',
    tree: tree(menu('tech', [toDepartment('support', '0')], { operatorKey: true })),
    change: { menuId: 'tech' },
    problems: [
      {
        field: 'operatorKey',
        message: /"Support" \(options\.0\) has digit 0: give that option another digit, or set operatorKey to false/,
      },
    ],
  },
  {
    name: 'refuses the root operator key where a root department has 0',
    tree: { ...tree(menu('root', [], { operatorKey: true })), departments: [{ ...SALES, digit: '0' }] },
    change: { menuId: 'root' },
    problems: [{ field: 'operatorKey', message: /department "Sales" has digit 0 in the root menu/ }],
  },
  {
    name: 'refuses an option that opens its own menu',
    tree: tree(menu('tech', [toMenu('tech', '1')])),
    change: { menuId: 'tech' },
    problems: [{ field: 'options.0.menuId', message: /cannot open its own menu: to read it again, turn on repeatKey/ }],
  },
  {
    name: 'refuses an option that opens the root menu',
    tree: tree(menu('root', [toMenu('tech', '4')]), menu('tech', [toMenu('root', '1')])),
    change: { menuId: 'tech' },
    problems: [{ field: 'options.0.menuId', message: /cannot open the root menu: every call starts there/ }],
  },
  {
    name: 'refuses an option that opens a menu above its own, naming the loop',
    tree: tree(
      menu('root', [toMenu('a', '4')]),
      menu('a', [toMenu('b', '1')]),
      menu('b', [toMenu('c', '1')]),
      menu('c', [toMenu('a', '1')]),
    ),
    change: { menuId: 'c' },
    problems: [
      {
        field: 'options.0.menuId',
        message: /menu "A" is above this one \("A" → "B" → "C"\): opening it here would make a loop/,
      },
    ],
  },
  {
    name: 'refuses a loop between menus no option opens yet',
    tree: tree(menu('a', [toMenu('b', '1')]), menu('b', [toMenu('a', '1')])),
    change: { menuId: 'b' },
    problems: [{ field: 'options.0.menuId', message: /menu "A" is above this one/ }],
  },
  {
    name: 'lets two menus open the same submenu',
    tree: tree(
      menu('root', [toMenu('a', '4'), toMenu('b', '5')]),
      menu('a', [toMenu('shared', '1')]),
      menu('b', [toMenu('shared', '1')]),
      menu('shared', [toDepartment('support', '1')]),
    ),
    change: { menuId: 'b' },
    problems: [],
  },
  {
    name: 'refuses a sixth level',
    tree: tree(...FULL_DEPTH.slice(0, 4), menu('d', [toMenu('e', '1')]), menu('e', [toDepartment('support', '1')])),
    change: { menuId: 'd' },
    problems: [
      {
        field: 'options.0.menuId',
        message: /menu "E" would put menus at level 6: a tree has at most 5 levels \(the root menu is level 1\)/,
      },
    ],
  },
  {
    name: 'refuses a sixth level reached by opening a deep submenu from a menu high up',
    tree: tree(
      menu('root', [toMenu('a', '4')]),
      menu('a', [toMenu('x', '1')]),
      menu('x', [toMenu('b', '1')]),
      menu('b', [toMenu('c', '1')]),
      menu('c', [toMenu('d', '1')]),
      menu('d', [toDepartment('support', '1')]),
    ),
    change: { menuId: 'a' },
    problems: [{ field: 'options.0.menuId', message: /menu "X" would put menus at level 6/ }],
  },
  {
    name: 'counts the deepest way to a menu reached two ways',
    tree: tree(
      menu('root', [toMenu('a', '4'), toMenu('c', '5')]),
      menu('a', [toMenu('b', '1')]),
      menu('b', [toMenu('c', '1')]),
      menu('c', [toMenu('d', '1')]),
      menu('d', [toMenu('e', '1')]),
      menu('e', [toDepartment('support', '1')]),
    ),
    change: { menuId: 'root' },
    problems: [{ field: 'options.0.menuId', message: /menu "A" would put menus at level 6/ }],
  },
  {
    name: 'counts a menu no option opens yet as level 2',
    tree: tree(
      menu('a', [toMenu('b', '1')]),
      menu('b', [toMenu('c', '1')]),
      menu('c', [toMenu('d', '1')]),
      menu('d', [toMenu('e', '1')]),
      menu('e', [toDepartment('support', '1')]),
    ),
    change: { menuId: 'a' },
    problems: [{ field: 'options.0.menuId', message: /menu "B" would put menus at level 6/ }],
  },
  {
    name: 'refuses an option to a menu that does not exist',
    tree: tree(menu('tech', [toMenu('gone', '1')])),
    change: { menuId: 'tech' },
    problems: [{ field: 'options.0.menuId', message: /menu gone does not exist: choose one from GET \/admin\/menus/ }],
  },
  {
    name: 'refuses an option to a department that does not exist',
    tree: tree(menu('tech', [toDepartment('gone', '1')])),
    change: { menuId: 'tech' },
    problems: [
      {
        field: 'options.0.departmentId',
        message: /department gone does not exist: choose one from GET \/admin\/departments/,
      },
    ],
  },
  {
    name: 'refuses a new option to an inactive department',
    tree: tree(menu('tech', [option({ digit: '1', keywords: ['archive'], departmentId: 'archive' })])),
    change: { menuId: 'tech' },
    problems: [
      {
        field: 'options.0.departmentId',
        message: /department "Archive" is inactive: reactivate it \(PATCH \/admin\/departments\/archive/,
      },
    ],
  },
  {
    name: 'keeps an option to a department deactivated since',
    tree: tree(menu('tech', [option({ digit: '1', keywords: ['archive'], departmentId: 'archive' })])),
    change: { menuId: 'tech', departmentsBefore: new Set(['archive']) },
    problems: [],
  },
  {
    name: 'refuses an operator option without a label',
    tree: tree(menu('tech', [option({ action: 'operator', digit: '9' })])),
    change: { menuId: 'tech' },
    problems: [
      { field: 'options.0.label', message: /an operator option needs a label: what callers hear after "For"/ },
    ],
  },
  {
    name: 'refuses a voicemail option without a label',
    tree: tree(menu('tech', [option({ action: 'voicemail', digit: '9', label: ' ' })])),
    change: { menuId: 'tech' },
    problems: [{ field: 'options.0.label', message: /a voicemail option needs a label/ }],
  },
  {
    name: 'refuses an option with neither a digit nor keywords',
    tree: tree(menu('tech', [option({ action: 'voicemail', label: 'voicemail' })])),
    change: { menuId: 'tech' },
    problems: [{ field: 'options.0.digit', message: /needs a digit or keywords, or callers cannot choose it/ }],
  },
  {
    name: "lets a speech-only department option use the department's keywords",
    tree: tree(menu('tech', [toDepartment('support')])),
    change: { menuId: 'tech' },
    problems: [],
  },
  {
    name: 'refuses a speech-only option to a department without keywords',
    tree: tree(menu('tech', [toDepartment('silent')])),
    change: { menuId: 'tech' },
    problems: [{ field: 'options.0.digit', message: /needs a digit or keywords/ }],
  },
  {
    name: 'refuses options without their target, and targets of another action',
    tree: tree(
      menu('tech', [
        option({ digit: '1' }),
        option({ action: 'menu', digit: '2' }),
        option({ action: 'voicemail', digit: '3', label: 'voicemail', departmentId: 'support', targetMenuId: 'root' }),
      ]),
    ),
    change: { menuId: 'tech' },
    problems: [
      { field: 'options.0.departmentId', message: /a department option needs departmentId/ },
      { field: 'options.1.menuId', message: /a menu option needs menuId/ },
      { field: 'options.2.departmentId', message: /departmentId is only for options with action "department"/ },
      { field: 'options.2.menuId', message: /menuId is only for options with action "menu"/ },
    ],
  },
  {
    name: 'refuses * on the root menu',
    tree: tree(menu('root', [], { backKey: true })),
    change: { menuId: 'root' },
    problems: [
      { field: 'backKey', message: /the root menu has no menu above it for \* to go back to: set backKey to false/ },
    ],
  },
  {
    name: 'looks only at the changed menu: a problem elsewhere was there before',
    tree: tree(menu('root', [toMenu('tech', '4')]), menu('tech', [toDepartment('archive', '1')]), menu('other')),
    change: { menuId: 'other' },
    problems: [],
  },
];

describe('menuProblems', () => {
  it.each(cases)('$name', ({ tree, change, problems }) => {
    const found = sut(tree, change);

    expect(found).toHaveLength(problems.length);
    problems.forEach((expected, index) => {
      expect(found[index].field).toBe(expected.field);
      expect(found[index].message).toMatch(expected.message);
    });
  });

  it('fails loudly when the changed menu is not in the tree', () => {
    expect(() => sut(tree(), { menuId: 'nowhere' })).toThrow(/not in the tree/);
  });
});
