import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { callLanguages, type LanguageOffer, startingLanguage, SUPPORTED_LANGUAGES } from './languages.js';

/** A string-literal union from the twilio package's own TwiML types. */
function twilioUnion(name: string): string[] {
  const twilioRoot = dirname(createRequire(import.meta.url).resolve('twilio/package.json'));
  const types = readFileSync(join(twilioRoot, 'lib/twiml/VoiceResponse.d.ts'), 'utf8');
  const union = new RegExp(`type ${name} = ([^;]+);`).exec(types);
  if (!union) throw new Error(`${name} not found in twilio's VoiceResponse.d.ts`);
  return [...union[1].matchAll(/"([^"]+)"/g)].map((match) => match[1]);
}

const OFFERS: readonly LanguageOffer[] = [
  { code: 'en-US', name: 'English', digit: '1', voice: null },
  { code: 'es-MX', name: 'español', digit: '2', keywords: ['spanish'], voice: 'Polly.Mia' },
];
const SETTINGS = { language: 'en-US', voice: 'Polly.Joanna', languages: OFFERS, languageByCountry: { MX: 'es-MX' } };

describe('SUPPORTED_LANGUAGES', () => {
  it('is every language Twilio both speaks (<Say>) and recognises speech in (<Gather>), as its package types say', () => {
    const spoken = twilioUnion('SayLanguage');
    const heard = new Set(twilioUnion('GatherLanguage'));
    expect([...SUPPORTED_LANGUAGES]).toEqual(spoken.filter((code) => heard.has(code)));
  });
});

describe('callLanguages', () => {
  it('is the default language alone, with the voice setting, when no others are offered', () => {
    expect(callLanguages({ language: 'en-GB', voice: 'Polly.Amy', languages: [] })).toEqual([
      { code: 'en-GB', name: 'en-GB', digit: null, keywords: [], voice: 'Polly.Amy' },
    ]);
  });

  it("puts the default first with the voice setting, each language's name among its keywords", () => {
    expect(callLanguages({ ...SETTINGS, language: 'es-MX', voice: 'Polly.Lupe' })).toEqual([
      { code: 'es-MX', name: 'español', digit: '2', keywords: ['español', 'spanish'], voice: 'Polly.Lupe' },
      { code: 'en-US', name: 'English', digit: '1', keywords: ['English'], voice: 'Polly.Lupe' },
    ]);
  });
});

describe('startingLanguage', () => {
  it.each([
    ['the only language, whatever the country', { ...SETTINGS, languages: [] }, 'MX', 'en-US'],
    ["the language mapped to the caller's country", SETTINGS, 'MX', 'es-MX'],
    ['none (to be chosen) for a country not mapped', SETTINGS, 'US', null],
    ['none (to be chosen) without a country', SETTINGS, undefined, null],
    [
      'none for a country mapped to a language no longer offered',
      { ...SETTINGS, languageByCountry: { MX: 'fr-FR' } },
      'MX',
      null,
    ],
  ])('is %s', (_case, settings, country, expected) => {
    expect(startingLanguage(settings, country)).toBe(expected);
  });
});
