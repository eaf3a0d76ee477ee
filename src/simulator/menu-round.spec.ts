import type { RoutingRules } from '../routing/routing-rules.js';
import { renderTwiml } from '../voice/twiml.js';
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';
import {
  findOffered,
  keyNamed,
  languageAnswer,
  languageChoiceOf,
  languageName,
  type LanguageOption,
  offeredList,
  roundLine,
  sayLine,
} from './menu-round.js';
import { parseTwiml, type TwimlNode } from './twiml-document.js';

/** The first <Gather> of a TwiML document. */
function gatherOf(xml: string): TwimlNode {
  const gather = parseTwiml(xml).children.find((verb) => verb.name === 'Gather');
  if (!gather) throw new Error(`no <Gather> in ${xml}`);
  return gather;
}

const gather = (says: string): TwimlNode =>
  gatherOf(`<Response><Gather input="dtmf speech">${says}</Gather></Response>`);

const option = (language: string, key: string | null, text = ''): LanguageOption => ({
  language,
  line: { text, language, voice: null },
  key,
});

describe('keyNamed', () => {
  it.each([
    ['For English, press 1.', '1'],
    ['Para español, oprima 2.', '2'],
    ['Pour le français, appuyez sur le 3', '3'],
    ['To go back, press *.', '*'],
    ['To hear this again, press #', '#'],
    ['2: Deutsch', '2'],
    // The key is the last one standing alone: the one after "press".
    ['For option 1 in French, press 4.', '4'],
    ['For English, say English.', null],
    ['For the 2nd line, say two.', null],
    ['Call 555-0100 or press 0100', null],
    ['', null],
  ])('finds in "%s" the key %s', (text, key) => {
    expect(keyNamed(text)).toBe(key);
  });
});

describe('languageChoiceOf', () => {
  it('reads the server’s own choice of language: each line in its language, with the key it names', () => {
    const rules: RoutingRules = {
      settings: menuSettings({
        languages: [
          { code: 'en-US', name: 'English', digit: '1' },
          { code: 'es-MX', name: 'español', digit: '2', voice: 'Polly.Mia' },
        ],
        translations: { 'es-MX': { prompts: { languageChoice: 'Para {language}, oprima {digit}.' } } },
      }),
      departments: [menuDepartment()],
    };
    const xml = renderTwiml({ kind: 'language-menu', round: 1, notice: null, greeting: 'Hello Ann.' }, rules);

    const sut = languageChoiceOf(gatherOf(xml));

    expect(sut).toEqual([
      {
        language: 'en-US',
        line: { text: 'For English, press 1.', language: 'en-US', voice: 'Polly.Joanna' },
        key: '1',
      },
      {
        language: 'es-MX',
        line: { text: 'Para español, oprima 2.', language: 'es-MX', voice: 'Polly.Mia' },
        key: '2',
      },
    ]);
  });

  it.each([
    ['one language', '<Say language="en-US">Hello.</Say><Say language="en-US">For Sales, press 1.</Say>'],
    ['no language at all', '<Say>For Sales, press 1.</Say><Say>For Support, press 2.</Say>'],
    ['a language and a Say without one', '<Say language="es-MX">Hola.</Say><Say>For Sales, press 1.</Say>'],
    ['no Say', '<Play>https://example.com/menu.mp3</Play>'],
  ])('is null for a menu whose Says are in %s', (_case, says) => {
    expect(languageChoiceOf(gather(says))).toBeNull();
  });

  it('takes the last line of each language, after a greeting in the default one, in the order of those lines', () => {
    const sut = languageChoiceOf(
      gather(
        '<Say language="en-US">Thanks for calling 555-0100.</Say>' +
          '<Say language="fr-CA">Pour le français, faites le 3.</Say>' +
          '<Say language="en-US">For English, press 1.</Say>',
      ),
    );

    expect(sut?.map(({ language, key }) => [language, key])).toEqual([
      ['fr-CA', '3'],
      ['en-US', '1'],
    ]);
  });

  it('keeps a language whose line names no key, to be answered by voice', () => {
    const sut = languageChoiceOf(
      gather(
        '<Say language="en-US">For English, press 1.</Say><Say language="de-DE">Für Deutsch sagen Sie Deutsch.</Say>',
      ),
    );

    expect(sut?.[1]).toMatchObject({ language: 'de-DE', key: null });
  });
});

describe('findOffered', () => {
  const OFFERED = [option('en-US', '1'), option('es-MX', '2'), option('fr-CA', '3'), option('fr-FR', '4')];

  it.each([
    ['es-MX', 'es-MX'],
    ['ES-mx', 'es-MX'],
    ['es', 'es-MX'],
    ['en', 'en-US'],
    // Two French offered: "fr" says neither.
    ['fr', null],
    ['fr-CA', 'fr-CA'],
    ['es-ES', null],
    ['de-DE', null],
    ['de', null],
  ])('finds %s as %s', (wanted, found) => {
    expect(findOffered(OFFERED, wanted)?.language ?? null).toBe(found);
  });
});

describe('languageName', () => {
  it.each([
    ['es-MX', undefined, 'español'],
    ['en-US', undefined, 'English'],
    ['fr-CA', undefined, 'français'],
    // The hints' spelling of the same name wins: the server recognises those words.
    ['es-MX', 'English, Español, soporte', 'Español'],
    ['fr-CA', 'English, francais', 'francais'],
    ['es-MX', 'English, castellano', 'español'],
  ])('names %s (hints %s) "%s"', (code, hints, name) => {
    expect(languageName(code, hints)).toBe(name);
  });
});

describe('languageAnswer', () => {
  it.each([
    ['presses the key its line names', option('es-MX', '2'), undefined, { kind: 'digits', digits: '2' }],
    ['presses * when the line names it', option('es-MX', '*'), undefined, { kind: 'digits', digits: '*' }],
    [
      'says the language’s name when its line names no key',
      option('es-MX', null),
      undefined,
      {
        kind: 'speech',
        text: 'español',
      },
    ],
    [
      'says the name as the hints spell it',
      option('de-DE', null),
      'English, Deutsch',
      {
        kind: 'speech',
        text: 'Deutsch',
      },
    ],
  ])('%s', (_case, offered, hints, answer) => {
    expect(languageAnswer(offered, hints)).toEqual(answer);
  });
});

describe('what the simulator prints', () => {
  it.each([
    [{ text: 'Hola.', language: 'es-MX', voice: 'Polly.Mia' }, 'IVR [es-MX, Polly.Mia]: Hola.'],
    [{ text: 'Hello.', language: 'en-US', voice: null }, 'IVR [en-US]: Hello.'],
    [{ text: 'Hello.', language: null, voice: 'alice' }, 'IVR [alice]: Hello.'],
    [{ text: 'Hello.', language: null, voice: null }, 'IVR: Hello.'],
  ])('prints the line %j as %s', (line, printed) => {
    expect(sayLine(line)).toBe(printed);
  });

  it('lists the languages offered with the key of each, or that it is chosen by voice', () => {
    expect(offeredList([option('en-US', '1'), option('de-DE', null)])).toBe('en-US (1), de-DE (by voice)');
  });

  it.each([
    [1, 'language choice', 'en-US', 'Round 1: language choice (Gather language en-US)'],
    [2, 'menu', 'es-MX', 'Round 2: menu (Gather language es-MX)'],
    [3, 'menu', undefined, 'Round 3: menu'],
  ] as const)('heads round %s (%s, %s) with "%s"', (round, kind, language, printed) => {
    expect(roundLine(round, kind, language)).toBe(printed);
  });
});
