import { findOrFail } from '../../test/helpers/twiml.js';
import { menuDepartment, menuOption, menuRule, menuSettings, menuTree } from '../../test/helpers/menu-fixtures.js';
import type { LanguageOffer } from '../routing/languages.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import { rulesIn } from '../routing/translations.js';
import { renderTwiml } from './twiml.js';

const SALES = menuDepartment({ translations: { 'es-MX': { name: 'Ventas', keywords: ['ventas'] } } });
const TECHNICAL = menuDepartment({
  id: 'technical-id',
  name: 'Technical',
  digit: null,
  keywords: ['technical'],
  inRootMenu: false,
});
const SUPPORT = menuRule({
  id: 'support-menu',
  name: 'Support',
  prompt: 'Support menu.',
  translations: { 'es-MX': { name: 'Soporte', prompt: 'Menú de soporte.' } },
  operatorKey: true,
  options: [
    menuOption({ id: 'o-technical', digit: '1', departmentId: TECHNICAL.id }),
    menuOption({
      id: 'o-message',
      digit: '9',
      action: 'voicemail',
      label: 'a message',
      translations: { 'es-MX': { label: 'un mensaje' } },
    }),
  ],
});
const LANGUAGES: readonly LanguageOffer[] = [
  { code: 'en-US', name: 'English', digit: '1' },
  { code: 'es-MX', name: 'español', digit: '2', voice: 'Polly.Mia' },
];

function rules(overrides: Partial<RoutingRules> = {}): RoutingRules {
  return {
    settings: menuSettings({
      languages: LANGUAGES,
      translations: {
        'es-MX': { greeting: 'Bienvenido.', prompts: { languageChoice: 'Para {language}, oprima {digit}.' } },
      },
    }),
    departments: [SALES, TECHNICAL],
    menus: menuTree(
      [
        menuOption({
          id: 'o-support',
          position: 5,
          digit: '2',
          keywords: ['support'],
          action: 'menu',
          targetMenuId: SUPPORT.id,
        }),
      ],
      SUPPORT,
    ),
    ...overrides,
  };
}

const say = (xml: string): string => findOrFail(xml, 'Say').text;

describe('renderTwiml for menu levels', () => {
  it("reads the root's departments and its own options by position, as one menu", () => {
    const twiml = renderTwiml({ kind: 'menu', round: 1, greet: true, notice: null }, rules());
    expect(say(twiml)).toBe('Welcome. For Sales, press 1 or say sales. For Support, press 2 or say support.');
    expect(findOrFail(twiml, 'Gather').attributes.hints).toBe('sales, support');
  });

  it("reads a submenu's prompt, options and the standard keys it offers, and takes `#` as a key", () => {
    const twiml = renderTwiml({ kind: 'menu', round: 2, path: ['support-menu'], greet: false, notice: null }, rules());
    expect(say(twiml)).toBe(
      'Support menu. For Technical, press 1 or say technical. For a message, press 9. ' +
        'To go back, press star. To hear these options again, press pound. To speak to an operator, press 0.',
    );
    // The submenu and the language in the action URL: what answering from the cached menu needs in an outage.
    expect(findOrFail(twiml, 'Gather').attributes).toMatchObject({
      finishOnKey: '',
      action: '/voice/gather?round=2&menu=support-menu&language=en-US',
    });
    expect(findOrFail(twiml, 'Redirect').text).toBe('/voice/gather?round=2&menu=support-menu&language=en-US');
  });

  it("leaves Twilio's finishOnKey alone where `#` is not a key", () => {
    const twiml = renderTwiml({ kind: 'menu', round: 1, greet: false, notice: null }, rules());
    expect(findOrFail(twiml, 'Gather').attributes).not.toHaveProperty('finishOnKey');
  });

  it('says a submenu, its options and the keys in the caller language, with its voice', () => {
    const spanish = rulesIn(rules(), 'es-MX');
    const root = renderTwiml({ kind: 'menu', round: 2, greet: true, notice: null }, spanish);
    expect(say(root)).toBe('Bienvenido. For Ventas, press 1 or say ventas. For Soporte, press 2 or say support.');
    expect(findOrFail(root, 'Gather').attributes.language).toBe('es-MX');
    expect(findOrFail(root, 'Say').attributes).toEqual({ voice: 'Polly.Mia', language: 'es-MX' });
    const submenu = renderTwiml(
      { kind: 'menu', round: 3, path: ['support-menu'], greet: false, notice: null },
      spanish,
    );
    // The standard keys' prompts have no Spanish text here: the default language's, as the fallback.
    expect(say(submenu)).toContain(
      'Menú de soporte. For Technical, press 1 or say technical. For un mensaje, press 9.',
    );
  });

  it('asks for the language with one line per language, each in its own language and voice', () => {
    const twiml = renderTwiml({ kind: 'language-menu', round: 1, notice: null }, rules());
    const gather = findOrFail(twiml, 'Gather');
    expect(gather.attributes).toMatchObject({ language: 'en-US', numDigits: '1', hints: 'English, español' });
    expect(gather.children.map((child) => [child.attributes.language, child.attributes.voice, child.text])).toEqual([
      ['en-US', 'Polly.Joanna', 'For English, press 1.'],
      ['es-MX', 'Polly.Mia', 'Para español, oprima 2.'],
    ]);
    expect(findOrFail(twiml, 'Redirect').text).toBe('/voice/gather?round=1');
  });

  it('says why the choice is asked again, and a missing translation in the default wording', () => {
    const untranslated = rules({ settings: menuSettings({ languages: LANGUAGES }) });
    const twiml = renderTwiml({ kind: 'language-menu', round: 2, notice: 'no_match' }, untranslated);
    expect(findOrFail(twiml, 'Gather').children.map((child) => child.text)).toEqual([
      "Sorry, that isn't one of the options.",
      'For English, press 1.',
      'For español, press 2.',
    ]);
  });

  it("says the caller hook's greeting and its closed department before the choice", () => {
    const closed = { ...SALES, closedNow: { at: new Date(), opensAt: null, reason: 'outside_regular_hours' as const } };
    const twiml = renderTwiml({ kind: 'language-menu', round: 1, notice: null, closed, greeting: 'Hi Ada.' }, rules());
    expect(findOrFail(twiml, 'Gather').children[0].text).toBe('Hi Ada. Sales is closed now.');
  });

  it('takes a message the caller asked for without an apology', () => {
    const twiml = renderTwiml({ kind: 'voicemail', reason: 'requested' }, rules());
    expect(say(twiml)).toBe('Please leave a message after the tone, then hang up or press the pound key.');
  });
});
