import { menuDepartment, menuSettings, menuSupport, WEEKDAYS_NINE_TO_FIVE } from '../../test/helpers/menu-fixtures.js';
import { menuTreeAsHeard as sut } from './menu-tree-heard.js';
import type { MenuOptionRule, MenuRule } from './menu-tree.js';
import type { MenuDepartment, RoutingRules } from './routing-rules.js';
import { rulesIn } from './translations.js';

// A Wednesday, 15:00 in New York: inside nine to five.
const OPEN = new Date('2026-01-14T20:00:00Z');
const CLOSED = new Date('2026-01-15T03:00:00Z');

const SALES = menuDepartment({ position: 1 });
const SUPPORT = menuSupport({ inRootMenu: false, digit: null, position: 2 });

function option(overrides: Partial<MenuOptionRule> & Pick<MenuOptionRule, 'id' | 'action'>): MenuOptionRule {
  return { position: 0, digit: null, keywords: [], label: null, departmentId: null, targetMenuId: null, ...overrides };
}

function menu(id: string, options: MenuOptionRule[], overrides: Partial<MenuRule> = {}): MenuRule {
  return {
    id,
    name: id,
    prompt: null,
    isRoot: id === 'root',
    backKey: id !== 'root',
    repeatKey: id !== 'root',
    operatorKey: false,
    options,
    ...overrides,
  };
}

/** Sales (1) in the root, "Technical" on 4 leading to Support (1), and the departments given. */
function rules(departments: readonly MenuDepartment[] = [SALES, SUPPORT], technical: Partial<MenuRule> = {}) {
  const menus = [
    menu('root', [option({ id: 'to-tech', action: 'menu', digit: '4', targetMenuId: 'tech', position: 5 })]),
    menu('tech', [option({ id: 'to-support', action: 'department', digit: '1', departmentId: SUPPORT.id })], {
      name: 'Technical',
      translations: { 'es-MX': { name: 'Técnico' } },
      ...technical,
    }),
  ];
  return {
    settings: menuSettings({
      languages: [
        { code: 'en-US', name: 'English', digit: '1' },
        { code: 'es-MX', name: 'Español', digit: '2' },
      ],
    }),
    departments,
    menus: { rootId: 'root', menus: new Map(menus.map((each) => [each.id, each])) },
  } satisfies RoutingRules;
}

describe('menuTreeAsHeard', () => {
  it('says the root, then nests each submenu under the option that opens it', () => {
    const root = sut(rules(), OPEN);

    expect(root).toMatchObject({
      id: 'root',
      heard: true,
      says: ['For Sales, press 1 or say sales.', 'For Technical, press 4.'],
    });
    expect(root.options.map((each) => [each.name, each.action, each.heard])).toEqual([
      ['Sales', 'department', true],
      ['Technical', 'menu', true],
    ]);
    expect(root.options[1].menu).toMatchObject({
      id: 'tech',
      heard: true,
      says: [
        'For Support, press 1 or say support.',
        'To go back, press star.',
        'To hear these options again, press pound.',
      ],
      keys: { back: true, repeat: true, operator: false },
      options: [{ optionId: 'to-support', departmentId: SUPPORT.id, closedNow: false, heard: true }],
    });
  });

  it('flags a submenu with nothing to offer now rather than leaving it out', () => {
    const root = sut(rules([SALES]), OPEN);

    expect(root.says).toEqual(['For Sales, press 1 or say sales.']);
    expect(root.options[1]).toMatchObject({ name: 'Technical', heard: false, menu: { id: 'tech', heard: false } });
    expect(root.options[1].menu?.options).toEqual([
      expect.objectContaining({ optionId: 'to-support', heard: false, name: '' }),
    ]);
  });

  it('names an option to an inactive department from the names given', () => {
    const root = sut(rules([SALES]), OPEN, new Map([[SUPPORT.id, 'Support (inactive)']]));

    expect(root.options[1].menu?.options[0].name).toBe('Support (inactive)');
  });

  it('marks a department closed now, and one hidden while closed as not heard', () => {
    const afterHours = {
      hours: {
        timeZone: 'America/New_York',
        weekly: WEEKDAYS_NINE_TO_FIVE,
        overrides: [],
        followCompanyHolidays: true,
      },
    };
    const closed = {
      ...SUPPORT,
      afterHours: { ...afterHours, closedAction: { kind: 'voicemail' }, hideWhenClosed: false },
    };
    const hidden = {
      ...SALES,
      afterHours: { ...afterHours, closedAction: { kind: 'voicemail' }, hideWhenClosed: true },
    };

    const root = sut(rules([hidden, closed] as MenuDepartment[]), CLOSED);

    expect(root.options.find((each) => each.departmentId === SALES.id)).toMatchObject({ heard: false });
    expect(root.options[0].menu?.options[0]).toMatchObject({ heard: true, closedNow: true });
    expect(root.options[0].menu?.says[0]).toBe('For Support, which is closed now, press 1 or say support.');
  });

  it('says the tree in another language, falling back to the default where a text is missing', () => {
    const root = sut(rulesIn(rules(), 'es-MX'), OPEN);

    expect(root.options[1].menu?.name).toBe('Técnico');
    expect(root.says).toEqual(['For Sales, press 1 or say sales.', 'For Técnico, press 4.']);
  });
});
