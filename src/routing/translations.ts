import { type PromptKey, type PromptOverrides, PROMPT_KEYS } from './caller-prompts.js';
import { callLanguages } from './languages.js';
import type { MenuDepartment, MenuSettings, RoutingRules } from './routing-rules.js';

/** Texts in one language besides the default, by language code; each text missing falls back to the default's. */
export type Translations<T> = Readonly<Record<string, Readonly<Partial<T>>>>;

export type SettingsTranslations = Translations<{ greeting: string; prompts: PromptOverrides }>;
export type DepartmentTranslations = Translations<{ name: string; keywords: string[] }>;
export type MenuTranslations = Translations<{ name: string; prompt: string }>;
export type OptionTranslations = Translations<{ label: string; keywords: string[] }>;

/** A text in `language`, or the default language's where it has no translation (or an empty one). */
export function translated<T, K extends keyof T, F>(
  fallback: F,
  translations: Translations<T> | null | undefined,
  language: string,
  key: K,
): NonNullable<T[K]> | F {
  const text = translations?.[language]?.[key];
  if (text === undefined || text === null || text === '') return fallback;
  if (Array.isArray(text) && text.length === 0) return fallback;
  return text as NonNullable<T[K]>;
}

/** The settings as a caller in `language` hears them: its voice, greeting and prompts (the default's where missing). */
export function settingsIn(settings: MenuSettings, language: string): MenuSettings {
  if (language === settings.language) return settings;
  const offer = callLanguages(settings).find((candidate) => candidate.code === language);
  if (!offer) return settings;
  const own = settings.translations?.[language];
  const prompts: Record<PromptKey, string> = { ...settings.prompts };
  for (const key of PROMPT_KEYS) {
    const text = own?.prompts?.[key];
    if (typeof text === 'string' && text !== '') prompts[key] = text;
  }
  return {
    ...settings,
    language,
    voice: offer.voice,
    greeting: translated(settings.greeting, settings.translations, language, 'greeting'),
    prompts,
  };
}

function departmentIn(department: MenuDepartment, language: string): MenuDepartment {
  if (!department.translations?.[language]) return department;
  return {
    ...department,
    name: translated(department.name, department.translations, language, 'name'),
    keywords: translated([...department.keywords], department.translations, language, 'keywords'),
  };
}

const inLanguages = new WeakMap<RoutingRules, Map<string, RoutingRules>>();

/**
 * The menu as a caller in `language` hears it: settings and department names and keywords translated (menus and
 * options are translated as each level is read, see menuLevel). The default language, or one not offered, is the
 * menu itself; others are worked out once per menu read (kept beside it until the menu changes).
 */
export function rulesIn(rules: RoutingRules, language: string | null): RoutingRules {
  if (language === null || language === rules.settings.language) return rules;
  let byLanguage = inLanguages.get(rules);
  if (!byLanguage) inLanguages.set(rules, (byLanguage = new Map<string, RoutingRules>()));
  let localised = byLanguage.get(language);
  if (!localised) {
    const settings = settingsIn(rules.settings, language);
    localised =
      settings === rules.settings
        ? rules
        : {
            ...rules,
            settings,
            departments: rules.departments.map((department) => departmentIn(department, language)),
          };
    byLanguage.set(language, localised);
  }
  return localised;
}
