import {
  type MenuCounts,
  menuFigures,
  type MenuShape,
  type MenuShapeRow,
  menuShapesOf,
  NO_COUNTS,
} from './menu-report.js';

const ROOT_ID = 'root-id';
const SUPPORT_ID = 'support-id';
const DELETED_ID = 'deleted-id';

const row = (overrides: Partial<MenuShapeRow>): MenuShapeRow => ({
  menuId: ROOT_ID,
  menuName: 'Main menu',
  isRoot: true,
  optionId: null,
  action: null,
  departmentId: null,
  targetMenuId: null,
  digit: null,
  name: null,
  ...overrides,
});

const SALES_ENTRY = {
  optionId: null,
  action: 'department',
  departmentId: 'sales',
  targetMenuId: null,
  digit: '1',
  name: 'Sales',
} as const;
const SUPPORT_OPTION = {
  optionId: 'to-support',
  action: 'menu',
  departmentId: null,
  targetMenuId: SUPPORT_ID,
  digit: '2',
  name: 'Support',
} as const;
const TECHNICAL = {
  optionId: 'technical',
  action: 'department',
  departmentId: 'technical',
  targetMenuId: null,
  digit: '1',
  name: 'Technical',
} as const;
const SALES_AGAIN = {
  optionId: 'sales-again',
  action: 'department',
  departmentId: 'sales',
  targetMenuId: null,
  digit: '3',
  name: 'Sales',
} as const;

const MENUS: MenuShape[] = [
  { id: ROOT_ID, name: 'Main menu', isRoot: true, options: [SALES_ENTRY, SUPPORT_OPTION] },
  { id: SUPPORT_ID, name: 'Support', isRoot: false, options: [TECHNICAL, SALES_AGAIN] },
];

const counts = (menuId: string, overrides: Partial<MenuCounts> = {}): MenuCounts => ({
  menuId,
  ...NO_COUNTS,
  ...overrides,
});

describe('menuShapesOf', () => {
  it('groups the rows into menus in their order, their options in theirs, a menu without options kept', () => {
    const sut = menuShapesOf([
      row({ ...SALES_ENTRY }),
      row({ ...SUPPORT_OPTION }),
      row({ menuId: 'empty-id', menuName: 'Empty', isRoot: false }),
      row({ menuId: SUPPORT_ID, menuName: 'Support', isRoot: false, ...TECHNICAL }),
      row({ menuId: SUPPORT_ID, menuName: 'Support', isRoot: false, ...SALES_AGAIN }),
    ]);

    expect(sut).toStrictEqual([MENUS[0], { id: 'empty-id', name: 'Empty', isRoot: false, options: [] }, MENUS[1]]);
  });
});

describe('menuFigures', () => {
  it('lists every menu as it is now with zeros when nothing happened in it', () => {
    const sut = menuFigures(MENUS, []);

    expect(
      sut.map((menu) => [menu.name, menu.reached, menu.hungUp, menu.options.map((option) => option.chosen)]),
    ).toEqual([
      ['Main menu', 0, 0, [0, 0]],
      ['Support', 0, 0, [0, 0]],
    ]);
  });

  it("matches the choices to options by option id, and a department's root entry by its department", () => {
    const sut = menuFigures(MENUS, [
      counts(ROOT_ID, {
        reached: 5,
        choices: [
          { optionId: null, departmentId: 'sales', rounds: 2 },
          { optionId: 'to-support', departmentId: null, rounds: 3 },
        ],
      }),
      counts(SUPPORT_ID, {
        reached: 3,
        back: 1,
        repeat: 2,
        operator: 1,
        failures: { noMatch: 1, noInput: 2, lowConfidence: 3 },
        hungUp: 1,
        // Sales chosen in Support through its option there: not the root entry's count.
        choices: [{ optionId: 'sales-again', departmentId: null, rounds: 1 }],
      }),
    ]);

    expect(sut).toStrictEqual([
      {
        id: ROOT_ID,
        name: 'Main menu',
        isRoot: true,
        reached: 5,
        back: 0,
        repeat: 0,
        operator: 0,
        failures: { noMatch: 0, noInput: 0, lowConfidence: 0 },
        hungUp: 0,
        options: [
          { ...SALES_ENTRY, chosen: 2 },
          { ...SUPPORT_OPTION, chosen: 3 },
        ],
      },
      {
        id: SUPPORT_ID,
        name: 'Support',
        isRoot: false,
        reached: 3,
        back: 1,
        repeat: 2,
        operator: 1,
        failures: { noMatch: 1, noInput: 2, lowConfidence: 3 },
        hungUp: 1,
        options: [
          { ...TECHNICAL, chosen: 0 },
          { ...SALES_AGAIN, chosen: 1 },
        ],
      },
    ]);
  });

  it('lists a menu deleted since after the others, unnamed and without options, its figures kept', () => {
    const sut = menuFigures(MENUS, [
      counts('zz-deleted', { reached: 1 }),
      counts(DELETED_ID, { reached: 2, hungUp: 1, choices: [{ optionId: 'gone', departmentId: null, rounds: 2 }] }),
    ]);

    expect(sut.slice(2)).toStrictEqual([
      { ...figures(DELETED_ID), reached: 2, hungUp: 1 },
      { ...figures('zz-deleted'), reached: 1 },
    ]);
  });

  it('leaves out the choices of an option deleted since', () => {
    const sut = menuFigures(MENUS, [
      counts(SUPPORT_ID, { choices: [{ optionId: 'gone', departmentId: null, rounds: 4 }] }),
    ]);

    expect(sut[1].options.map((option) => option.chosen)).toEqual([0, 0]);
  });
});

function figures(id: string) {
  return {
    id,
    name: null,
    isRoot: false,
    reached: 0,
    back: 0,
    repeat: 0,
    operator: 0,
    failures: { noMatch: 0, noInput: 0, lowConfidence: 0 },
    hungUp: 0,
    options: [],
  };
}
