import { PROMPT_KEYS } from './caller-prompts.js';
import type { MenuOptionRule } from './menu-tree.js';
import type { MenuDepartment, RoutingRules } from './routing-rules.js';
import type { Translations } from './translations.js';

/** A caller-facing text a language lacks: callers in that language hear the default language's instead. */
export interface MissingTranslation {
  readonly kind: 'greeting' | 'prompt' | 'department' | 'menu' | 'option';
  /** The department's, menu's or option's id, or the prompt's key. */
  readonly id?: string;
  /** What the admin knows it by: the department's or menu's name, the option's label or what it leads to. */
  readonly name?: string;
  /** Where its text goes in its `translations[code]` ("prompts.noMatch" in the settings' translations). */
  readonly field: string;
}

/** Whether `language` has its own text for `field` (an empty one falls back, as translated() does). */
function has<T>(translations: Translations<T> | null | undefined, language: string, field: keyof T): boolean {
  const text: unknown = translations?.[language]?.[field];
  if (typeof text === 'string') return text !== '';
  return Array.isArray(text) && text.length > 0;
}

function settingsMissing(rules: RoutingRules, language: string): MissingTranslation[] {
  const own = rules.settings.translations?.[language];
  const greeting: MissingTranslation[] = own?.greeting ? [] : [{ kind: 'greeting', field: 'greeting' }];
  // The language-choice line is one of them: each language's line is said in that language.
  const prompts = PROMPT_KEYS.filter((key) => !own?.prompts?.[key]).map((key): MissingTranslation => ({
    kind: 'prompt',
    id: key,
    field: `prompts.${key}`,
  }));
  return [...greeting, ...prompts];
}

function departmentsMissing(departments: readonly MenuDepartment[], language: string): MissingTranslation[] {
  return departments.flatMap((department) => {
    const entry = { kind: 'department', id: department.id, name: department.name } as const;
    return [
      ...(has(department.translations, language, 'name') ? [] : [{ ...entry, field: 'name' }]),
      ...(department.keywords.length === 0 || has(department.translations, language, 'keywords')
        ? []
        : [{ ...entry, field: 'keywords' }]),
    ];
  });
}

/** What an option is known by: its label, else what it leads to. */
function optionName(rules: RoutingRules, option: MenuOptionRule): string {
  if (option.label) return option.label;
  switch (option.action) {
    case 'department':
      return rules.departments.find((department) => department.id === option.departmentId)?.name ?? 'department';
    case 'menu':
      return (option.targetMenuId && rules.menus?.menus.get(option.targetMenuId)?.name) || 'menu';
    case 'operator':
    case 'voicemail':
      return option.action;
  }
}

function menusMissing(rules: RoutingRules, language: string): MissingTranslation[] {
  // The root first, then by name: the tree's order is the order the database returned.
  const menus = [...(rules.menus?.menus.values() ?? [])].sort(
    (left, right) => Number(right.isRoot) - Number(left.isRoot) || left.name.localeCompare(right.name),
  );
  return menus.flatMap((menu) => {
    const entry = { kind: 'menu', id: menu.id, name: menu.name } as const;
    // No option leads to the root menu (the admin API refuses cycles), so its name is never said.
    const name = menu.isRoot || has(menu.translations, language, 'name') ? [] : [{ ...entry, field: 'name' }];
    const prompt = !menu.prompt || has(menu.translations, language, 'prompt') ? [] : [{ ...entry, field: 'prompt' }];
    const options = menu.options.flatMap((option) => {
      const about = { kind: 'option', id: option.id, name: optionName(rules, option) } as const;
      return [
        ...(!option.label || has(option.translations, language, 'label') ? [] : [{ ...about, field: 'label' }]),
        ...(option.keywords.length === 0 || has(option.translations, language, 'keywords')
          ? []
          : [{ ...about, field: 'keywords' }]),
      ];
    });
    return [...name, ...prompt, ...options];
  });
}

/**
 * Every caller-facing text `language` has no translation of, where callers in it hear the default language's
 * text: the greeting, each prompt, each active department's name and keywords, each menu's name and prompt, each
 * option's label and keywords (those the default language has). The default language itself lacks nothing.
 */
export function missingTranslations(rules: RoutingRules, language: string): MissingTranslation[] {
  if (language === rules.settings.language) return [];
  return [
    ...settingsMissing(rules, language),
    ...departmentsMissing(rules.departments, language),
    ...menusMissing(rules, language),
  ];
}
