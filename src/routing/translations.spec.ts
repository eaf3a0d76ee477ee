import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';
import { DEFAULT_PROMPTS } from './caller-prompts.js';
import type { RoutingRules } from './routing-rules.js';
import { rulesIn, settingsIn, translated } from './translations.js';

const SETTINGS = menuSettings({
  languages: [
    { code: 'en-US', name: 'English', digit: '1' },
    { code: 'es-MX', name: 'español', digit: '2', voice: 'Polly.Mia' },
  ],
  translations: { 'es-MX': { greeting: 'Bienvenido.', prompts: { noMatch: 'Esa no es una opción.', goodbye: '' } } },
});
const RULES: RoutingRules = {
  settings: SETTINGS,
  departments: [menuDepartment({ translations: { 'es-MX': { name: 'Ventas', keywords: [] } } })],
};

describe('translated', () => {
  it.each([
    ['the translation when there is one', { 'es-MX': { name: 'Ventas' } }, 'Ventas'],
    ['the default for a language without one', { 'fr-FR': { name: 'Ventes' } }, 'Sales'],
    ['the default for an empty translation', { 'es-MX': { name: '' } }, 'Sales'],
    ['the default without translations', undefined, 'Sales'],
  ])('is %s', (_case, translations, expected) => {
    expect(translated('Sales', translations, 'es-MX', 'name')).toBe(expected);
  });

  it('falls back for an empty list of keywords', () => {
    expect(translated(['sales'], { 'es-MX': { keywords: [] } }, 'es-MX', 'keywords')).toEqual(['sales']);
  });
});

describe('settingsIn', () => {
  it("speaks the language's code and voice, its greeting and prompts, the default's where one is missing", () => {
    const sut = settingsIn(SETTINGS, 'es-MX');
    expect(sut).toMatchObject({ language: 'es-MX', voice: 'Polly.Mia', greeting: 'Bienvenido.' });
    expect(sut.prompts).toEqual({ ...DEFAULT_PROMPTS, noMatch: 'Esa no es una opción.' });
  });

  it('is the settings themselves for the default language and for a language not offered', () => {
    expect(settingsIn(SETTINGS, 'en-US')).toBe(SETTINGS);
    expect(settingsIn(SETTINGS, 'fr-FR')).toBe(SETTINGS);
  });
});

describe('rulesIn', () => {
  it('translates department names, keeping the default keywords where the translation has none', () => {
    const sut = rulesIn(RULES, 'es-MX');
    expect(sut.departments[0]).toMatchObject({ name: 'Ventas', keywords: ['sales'] });
    expect(sut.settings.language).toBe('es-MX');
  });

  it('works a language out once per menu read, and is the menu itself for the default or an unchosen one', () => {
    expect(rulesIn(RULES, 'es-MX')).toBe(rulesIn(RULES, 'es-MX'));
    expect(rulesIn(RULES, 'en-US')).toBe(RULES);
    expect(rulesIn(RULES, null)).toBe(RULES);
  });
});
