import { menuDepartment, menuOption, menuRule, menuSettings, menuSupport } from '../../test/helpers/menu-fixtures.js';
import { PROMPT_KEYS, type PromptOverrides } from './caller-prompts.js';
import type { MenuRule } from './menu-tree.js';
import { type MissingTranslation, missingTranslations } from './missing-translations.js';
import type { MenuDepartment, RoutingRules } from './routing-rules.js';

const ES = 'es-MX';
const OFFERED = [
  { code: 'en-US', name: 'English', digit: '1' },
  { code: ES, name: 'español', digit: '2', voice: 'Polly.Mia' },
];

/** Every prompt translated into Spanish (the text does not matter here). */
const ALL_PROMPTS: PromptOverrides = Object.fromEntries(PROMPT_KEYS.map((key) => [key, `es ${key}`]));

/** Spanish offered, greeting and every prompt translated, so each case shows only what it is about. */
function rules(parts: { departments?: readonly MenuDepartment[]; menus?: readonly MenuRule[] } = {}): RoutingRules {
  const menus = parts.menus ?? [];
  const root = menus.find((candidate) => candidate.isRoot);
  return {
    settings: menuSettings({
      languages: OFFERED,
      translations: { [ES]: { greeting: 'Gracias por llamar.', prompts: ALL_PROMPTS } },
    }),
    departments: parts.departments ?? [],
    menus: root ? { rootId: root.id, menus: new Map(menus.map((each) => [each.id, each])) } : undefined,
  };
}

const ROOT = menuRule({ id: 'root', name: 'Main menu', isRoot: true, backKey: false });

describe('missingTranslations', () => {
  it.each<[string, RoutingRules, MissingTranslation[]]>([
    ['nothing when everything is translated', rules(), []],
    [
      'the greeting',
      { ...rules(), settings: menuSettings({ languages: OFFERED, translations: { [ES]: { prompts: ALL_PROMPTS } } }) },
      [{ kind: 'greeting', field: 'greeting' }],
    ],
    [
      'a prompt, the language-choice line among them',
      {
        ...rules(),
        settings: menuSettings({
          languages: OFFERED,
          translations: {
            [ES]: { greeting: 'Hola.', prompts: { ...ALL_PROMPTS, noMatch: undefined, languageChoice: '' } },
          },
        }),
      },
      [
        { kind: 'prompt', id: 'noMatch', field: 'prompts.noMatch' },
        { kind: 'prompt', id: 'languageChoice', field: 'prompts.languageChoice' },
      ],
    ],
    [
      "a department's name and keywords",
      rules({ departments: [menuDepartment()] }),
      [
        { kind: 'department', id: 'sales-id', name: 'Sales', field: 'name' },
        { kind: 'department', id: 'sales-id', name: 'Sales', field: 'keywords' },
      ],
    ],
    [
      "only a department's keywords when its name is translated",
      rules({ departments: [menuDepartment({ translations: { [ES]: { name: 'Ventas' } } })] }),
      [{ kind: 'department', id: 'sales-id', name: 'Sales', field: 'keywords' }],
    ],
    [
      'an empty translated name or keyword list as missing (callers hear the default)',
      rules({ departments: [menuSupport({ translations: { [ES]: { name: '', keywords: [] } } })] }),
      [
        { kind: 'department', id: 'support-id', name: 'Support', field: 'name' },
        { kind: 'department', id: 'support-id', name: 'Support', field: 'keywords' },
      ],
    ],
    [
      'nothing for a department translated in full',
      rules({ departments: [menuDepartment({ translations: { [ES]: { name: 'Ventas', keywords: ['ventas'] } } })] }),
      [],
    ],
    [
      'the keywords of no department without keywords',
      rules({ departments: [menuDepartment({ keywords: [], translations: { [ES]: { name: 'Ventas' } } })] }),
      [],
    ],
    [
      "a submenu's name and prompt, and the root's prompt but not its name (never said)",
      rules({
        menus: [{ ...ROOT, prompt: 'Choose.' }, menuRule({ id: 'help', name: 'Help', prompt: 'Help options.' })],
      }),
      [
        { kind: 'menu', id: 'root', name: 'Main menu', field: 'prompt' },
        { kind: 'menu', id: 'help', name: 'Help', field: 'name' },
        { kind: 'menu', id: 'help', name: 'Help', field: 'prompt' },
      ],
    ],
    [
      'no prompt for a menu without one',
      rules({ menus: [ROOT, menuRule({ id: 'help', name: 'Help', translations: { [ES]: { name: 'Ayuda' } } })] }),
      [],
    ],
    [
      "an option's label and keywords, named by its label",
      rules({
        menus: [
          {
            ...ROOT,
            options: [menuOption({ id: 'op', action: 'operator', label: 'Reception', keywords: ['reception'] })],
          },
        ],
      }),
      [
        { kind: 'option', id: 'op', name: 'Reception', field: 'label' },
        { kind: 'option', id: 'op', name: 'Reception', field: 'keywords' },
      ],
    ],
    [
      'an unlabelled option named by its department, without a label to translate',
      rules({
        departments: [menuDepartment({ translations: { [ES]: { name: 'Ventas', keywords: ['ventas'] } } })],
        menus: [
          {
            ...ROOT,
            options: [
              menuOption({ id: 'to-sales', action: 'department', departmentId: 'sales-id', keywords: ['buy'] }),
            ],
          },
        ],
      }),
      [{ kind: 'option', id: 'to-sales', name: 'Sales', field: 'keywords' }],
    ],
    [
      'nothing for an option without label or keywords (it says what it leads to)',
      rules({ menus: [{ ...ROOT, options: [menuOption({ id: 'vm', action: 'voicemail' })] }] }),
      [],
    ],
    [
      'nothing for an option translated in full',
      rules({
        menus: [
          {
            ...ROOT,
            options: [
              menuOption({
                id: 'vm',
                action: 'voicemail',
                label: 'Leave a message',
                keywords: ['message'],
                translations: { [ES]: { label: 'Dejar un mensaje', keywords: ['mensaje'] } },
              }),
            ],
          },
        ],
      }),
      [],
    ],
  ])('reports %s', (_case, given, expected) => {
    expect(missingTranslations(given, ES)).toEqual(expected);
  });

  it('reports every text in order when nothing is translated: greeting, prompts, departments, menus', () => {
    const given: RoutingRules = {
      ...rules({
        departments: [menuDepartment()],
        menus: [
          menuRule({ id: 'help', name: 'Help' }),
          { ...ROOT, options: [menuOption({ id: 'op', action: 'operator' })] },
        ],
      }),
      settings: menuSettings({ languages: OFFERED }),
    };

    expect(missingTranslations(given, ES).map((entry) => `${entry.kind} ${entry.id ?? ''} ${entry.field}`)).toEqual([
      'greeting  greeting',
      ...PROMPT_KEYS.map((key) => `prompt ${key} prompts.${key}`),
      'department sales-id name',
      'department sales-id keywords',
      'menu help name',
    ]);
  });

  it('reports nothing for the default language', () => {
    expect(
      missingTranslations({ ...rules({ departments: [menuDepartment()] }), settings: menuSettings() }, 'en-US'),
    ).toEqual([]);
  });
});
