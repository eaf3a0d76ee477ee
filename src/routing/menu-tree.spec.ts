import { menuDepartment, menuOption, menuRule, menuSettings, menuTree } from '../../test/helpers/menu-fixtures.js';
import { menuLevel, menuTreeOf } from './menu-tree.js';
import type { RoutingRules } from './routing-rules.js';

const SALES = menuDepartment({ position: 1 });
const SUPPORT = menuDepartment({ id: 'support-id', name: 'Support', digit: '3', keywords: ['support'], position: 3 });

function rules(
  rootOptions = [menuOption({ id: 'o-help', position: 2, digit: '2', action: 'operator', label: 'help' })],
) {
  return {
    settings: menuSettings(),
    departments: [SALES, SUPPORT],
    menus: menuTree(rootOptions),
  } satisfies RoutingRules;
}

describe('menuLevel', () => {
  it("orders the root's departments and its own options by position, departments first at equal positions", () => {
    const names = (level: ReturnType<typeof menuLevel>) => level.options.map((option) => option.name);
    expect(names(menuLevel(rules(), []))).toEqual(['Sales', 'help', 'Support']);
    const tied = rules([menuOption({ id: 'o-help', position: 1, digit: '2', action: 'operator', label: 'help' })]);
    expect(names(menuLevel(tied, []))).toEqual(['Sales', 'help', 'Support']);
  });

  it('is the departments alone, without keys, before any menu exists', () => {
    const sut = menuLevel({ settings: menuSettings(), departments: [SALES] }, []);
    expect(sut).toMatchObject({
      menuId: null,
      path: [],
      prompt: null,
      keys: { back: false, repeat: false, operator: false },
    });
    expect(sut.options.map((option) => option.target)).toEqual([{ kind: 'department', department: SALES }]);
  });

  it('hides two submenus that point at each other (a cycle in a half-made change) instead of looping', () => {
    const a = menuRule({
      id: 'a',
      options: [menuOption({ id: 'o-a', digit: '1', action: 'menu', targetMenuId: 'b' })],
    });
    const b = menuRule({
      id: 'b',
      options: [menuOption({ id: 'o-b', digit: '1', action: 'menu', targetMenuId: 'a' })],
    });
    const cyclic: RoutingRules = {
      settings: menuSettings(),
      departments: [],
      menus: menuTree([menuOption({ id: 'o-root', digit: '1', action: 'menu', targetMenuId: 'a' })], a, b),
    };
    expect(menuLevel(cyclic, []).options).toEqual([]);
  });
});

describe('menuTreeOf', () => {
  it('puts each option under its menu, in the order read, and finds the root', () => {
    const root = { ...menuRule({ id: 'root', isRoot: true, backKey: false }), options: undefined };
    const sub = { ...menuRule({ id: 'sub' }), options: undefined };
    const first = { ...menuOption({ id: 'o1', digit: '1', action: 'menu', targetMenuId: 'sub' }), menuId: 'root' };
    const second = { ...menuOption({ id: 'o2', digit: '1', action: 'operator', label: 'x' }), menuId: 'sub' };
    const sut = menuTreeOf([root, sub], [first, second]);
    expect(sut?.rootId).toBe('root');
    expect(sut?.menus.get('root')?.options).toEqual([first]);
    expect(sut?.menus.get('sub')?.options).toEqual([second]);
  });

  it('is undefined without a root menu (a database not migrated yet)', () => {
    expect(menuTreeOf([], [])).toBeUndefined();
  });
});
