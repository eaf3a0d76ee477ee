import {
  changeTranslations,
  type FieldProblem,
  type LanguageSettingsState,
  languageSettingsProblems,
} from './language-settings.js';
import type { SettingsTranslations } from './translations.js';

const ENGLISH = { code: 'en-US', name: 'English', digit: '1' };
const SPANISH = { code: 'es-MX', name: 'español', digit: '2', voice: 'Polly.Mia' };

function state(overrides: Partial<LanguageSettingsState> = {}): LanguageSettingsState {
  return { language: 'en-US', languages: [ENGLISH, SPANISH], languageByCountry: {}, translations: {}, ...overrides };
}

describe('languageSettingsProblems', () => {
  it.each<[string, LanguageSettingsState]>([
    ['the default and another language with its voice', state()],
    ['no list (only the default)', state({ languages: [] })],
    ['a country mapped to an offered language', state({ languageByCountry: { MX: 'es-MX', US: 'en-US' } })],
    ['a country mapped to the default with no list', state({ languages: [], languageByCountry: { US: 'en-US' } })],
    ['translations of a language not offered yet', state({ translations: { 'fr-CA': { greeting: 'Bonjour.' } } })],
  ])('accepts %s', (_case, given) => {
    expect(languageSettingsProblems(given, false)).toEqual([]);
  });

  it.each<[string, LanguageSettingsState, boolean, FieldProblem | FieldProblem[]]>([
    [
      'a list without the default',
      state({ languages: [SPANISH] }),
      false,
      {
        field: 'languages',
        messages: [
          'languages must include the default language en-US (with no voice: it speaks with voice), or be [] to ' +
            'offer only the default',
        ],
      },
    ],
    [
      'a new default the list does not offer, saying the fix (and the old default, now without a voice)',
      state({ language: 'fr-CA' }),
      true,
      [
        {
          field: 'language',
          messages: [
            'language fr-CA is not among the languages offered (en-US, es-MX): add it to languages in the same ' +
              'request (with no voice: the default speaks with voice), or choose one of those',
          ],
        },
        { field: 'languages', messages: ['languages: en-US needs a voice (a Twilio <Say> voice that speaks it)'] },
      ],
    ],
    [
      "a voice on the default's entry",
      state({ languages: [{ ...ENGLISH, voice: 'Polly.Matthew' }, SPANISH] }),
      false,
      {
        field: 'languages',
        messages: [
          'languages: en-US is the default language and speaks with the voice setting: leave its voice out ' +
            '(or set voice to Polly.Matthew)',
        ],
      },
    ],
    [
      'another language without a voice',
      state({ languages: [ENGLISH, { ...SPANISH, voice: undefined }] }),
      false,
      { field: 'languages', messages: ['languages: es-MX needs a voice (a Twilio <Say> voice that speaks it)'] },
    ],
    [
      'a country mapped to a language not offered',
      state({ languageByCountry: { CA: 'fr-CA' } }),
      false,
      {
        field: 'languageByCountry.CA',
        messages: [
          'languageByCountry.CA is fr-CA, which is not offered: add fr-CA to languages, or map CA to one of en-US, es-MX',
        ],
      },
    ],
    [
      'a country mapped to another language with no list',
      state({ languages: [], languageByCountry: { MX: 'es-MX' } }),
      false,
      {
        field: 'languageByCountry.MX',
        messages: [
          'languageByCountry.MX is es-MX, which is not offered: add es-MX to languages, or map MX to one of en-US',
        ],
      },
    ],
    [
      'translations of the default language',
      state({ translations: { 'en-US': { greeting: 'Hi.' } } }),
      false,
      {
        field: 'translations.en-US',
        messages: [
          'translations.en-US: en-US is the default language, whose texts are greeting and prompts themselves: ' +
            'remove translations.en-US (send it as null) and set those instead',
        ],
      },
    ],
  ])('refuses %s', (_case, given, languageSent, problems) => {
    expect(languageSettingsProblems(given, languageSent)).toEqual([problems].flat());
  });
});

describe('changeTranslations', () => {
  const current: SettingsTranslations = {
    'es-MX': { greeting: 'Hola.', prompts: { noMatch: 'No es una opción.', noInput: 'No escuché nada.' } },
    'fr-CA': { greeting: 'Bonjour.' },
  };

  it.each<[string, Parameters<typeof changeTranslations>[1], SettingsTranslations]>([
    [
      'merges the texts sent over the language, keeping the others',
      { 'es-MX': { prompts: { noMatch: 'Esa no es una opción.' } } },
      {
        'es-MX': { greeting: 'Hola.', prompts: { noMatch: 'Esa no es una opción.', noInput: 'No escuché nada.' } },
        'fr-CA': { greeting: 'Bonjour.' },
      },
    ],
    ['adds a language', { 'pt-BR': { greeting: 'Olá.' } }, { ...current, 'pt-BR': { greeting: 'Olá.' } }],
    [
      'removes a text sent as null',
      { 'es-MX': { greeting: null, prompts: { noInput: null } } },
      { 'es-MX': { prompts: { noMatch: 'No es una opción.' } }, 'fr-CA': { greeting: 'Bonjour.' } },
    ],
    [
      "removes a language's prompts sent as null",
      { 'es-MX': { prompts: null } },
      { 'es-MX': { greeting: 'Hola.' }, 'fr-CA': { greeting: 'Bonjour.' } },
    ],
    ['removes a language sent as null', { 'es-MX': null }, { 'fr-CA': { greeting: 'Bonjour.' } }],
    ['drops a language left with no text', { 'fr-CA': { greeting: null } }, { 'es-MX': current['es-MX'] }],
    ['changes nothing for an empty change', {}, current],
  ])('%s', (_case, change, expected) => {
    expect(changeTranslations(current, change)).toEqual(expected);
  });

  it('drops stored prompts of keys the code no longer has', () => {
    const stale = { 'es-MX': { prompts: { noMatch: 'No.', retired: 'Viejo.' } } } as unknown as SettingsTranslations;

    expect(changeTranslations(stale, { 'es-MX': {} })).toEqual({ 'es-MX': { prompts: { noMatch: 'No.' } } });
  });
});
