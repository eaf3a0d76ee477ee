import { BadRequestException } from '@nestjs/common';
import { strictValidationPipe } from '../../common/validation.js';
import { CreateDepartmentDto, UpdateDepartmentDto } from './department.dto.js';
import { UpdateSettingsDto } from './settings.dto.js';

const sut = strictValidationPipe();

async function validated<T extends object>(body: unknown, metatype: new () => T): Promise<T> {
  return (await sut.transform(body, { type: 'body', metatype })) as T;
}

/** The 400's messages by field. */
async function refusal(body: unknown, metatype: new () => object = UpdateSettingsDto): Promise<Record<string, string>> {
  try {
    await validated(body, metatype);
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const { fields } = error.getResponse() as { fields: { field: string; messages: string[] }[] };
    return Object.fromEntries(fields.map(({ field, messages }) => [field, messages.join(' | ')]));
  }
  throw new Error('expected a 400');
}

const SPANISH = { code: 'es-MX', name: 'español', digit: '2', voice: 'Polly.Mia' };

describe('UpdateSettingsDto languages', () => {
  it('accepts a list of languages, countries and translations, trimmed', async () => {
    const dto = await validated(
      {
        languages: [
          { code: 'en-US', name: ' English ', digit: '1' },
          { ...SPANISH, keywords: [' spanish '] },
        ],
        languageByCountry: { MX: 'es-MX' },
        translations: {
          'es-MX': { greeting: ' Hola. ', prompts: { noMatch: ' No. ', noInput: null } },
          'fr-CA': null,
        },
      },
      UpdateSettingsDto,
    );

    expect(JSON.parse(JSON.stringify(dto))).toEqual({
      languages: [
        { code: 'en-US', name: 'English', digit: '1' },
        { ...SPANISH, keywords: ['spanish'] },
      ],
      languageByCountry: { MX: 'es-MX' },
      translations: { 'es-MX': { greeting: 'Hola.', prompts: { noMatch: 'No.', noInput: null } }, 'fr-CA': null },
    });
  });

  it.each<[string, object, string, string]>([
    [
      'an unsupported code',
      { languages: [{ ...SPANISH, code: 'es-AR' }] },
      'languages.0.code',
      'languages: "es-AR" is not a language Twilio both speaks and recognises; use one of af-ZA',
    ],
    [
      'a language twice',
      { languages: [SPANISH, { ...SPANISH, digit: '3' }] },
      'languages',
      'languages must offer each language once (es-MX repeated)',
    ],
    [
      'a digit twice',
      { languages: [SPANISH, { ...SPANISH, code: 'fr-CA' }] },
      'languages',
      'languages must give each language its own digit (2 repeated)',
    ],
    [
      'a digit that is not one',
      { languages: [{ ...SPANISH, digit: '*' }] },
      'languages.0.digit',
      'each language\'s digit must be a single digit "0"-"9"',
    ],
    [
      'an empty name',
      { languages: [{ ...SPANISH, name: ' ' }] },
      'languages.0.name',
      "each language's name must be 1 to 64 characters",
    ],
    [
      'a name with a line break',
      { languages: [{ ...SPANISH, name: 'es\npañol' }] },
      'languages.0.name',
      "each language's name must be printable text",
    ],
    [
      'a bad voice',
      { languages: [{ ...SPANISH, voice: 'Polly Mia' }] },
      'languages.0.voice',
      "each language's voice must be a Twilio voice name such as Polly.Mia",
    ],
    [
      '21 keywords',
      { languages: [{ ...SPANISH, keywords: Array.from({ length: 21 }, (_, i) => `k${i}`) }] },
      'languages.0.keywords',
      "each language's keywords must have at most 20 phrases",
    ],
    [
      'null',
      { languages: null },
      'languages',
      'languages must be an array of languages offered ([] for only the default language)',
    ],
    [
      'a lower-case country',
      { languageByCountry: { mx: 'es-MX' } },
      'languageByCountry',
      'languageByCountry keys must be ISO 3166 alpha-2 country codes in upper case such as MX (not mx)',
    ],
    [
      'a country mapped to no language code',
      { languageByCountry: { MX: 'spanish' } },
      'languageByCountry',
      'languageByCountry values must be language codes such as es-MX (not MX: "spanish")',
    ],
    [
      'translations of an unsupported language',
      { translations: { 'xx-XX': { greeting: 'Hi.' } } },
      'translations',
      'translations may only name languages Twilio both speaks and recognises (not xx-XX)',
    ],
    [
      'a translation that is not an object',
      { translations: { 'es-MX': 'Hola' } },
      'translations.es-MX',
      'translations.es-MX must be an object with greeting and prompts, or null to remove them',
    ],
    [
      'an empty translated greeting',
      { translations: { 'es-MX': { greeting: '' } } },
      'translations.es-MX.greeting',
      'translations.es-MX.greeting must be 1 to 500 characters',
    ],
    [
      'a translated prompt too long',
      { translations: { 'es-MX': { prompts: { noMatch: 'a'.repeat(501) } } } },
      'translations.es-MX.prompts.noMatch',
      'translations.es-MX.prompts.noMatch must be 1 to 500 characters',
    ],
    [
      'a translated prompt with a line break',
      { translations: { 'es-MX': { prompts: { noMatch: 'a\nb' } } } },
      'translations.es-MX.prompts.noMatch',
      'translations.es-MX.prompts.noMatch must not contain control characters',
    ],
    [
      'a translated prompt with a wrong placeholder',
      { translations: { 'es-MX': { prompts: { connectingToDepartment: 'A {departamento}.' } } } },
      'translations.es-MX.prompts.connectingToDepartment',
      'translations.es-MX.prompts.connectingToDepartment may use only {department} (not {departamento})',
    ],
    [
      'an unknown prompt',
      { translations: { 'es-MX': { prompts: { nomatch: 'No.' } } } },
      'translations.es-MX.prompts.nomatch',
      'property nomatch should not exist',
    ],
  ])('refuses %s', async (_case, body, field, message) => {
    expect((await refusal(body))[field]).toContain(message);
  });
});

describe('department DTOs in languages', () => {
  const department = { name: 'Sales', digit: '1', keywords: ['sales'], phoneNumber: '+15555550101' };

  it('accepts inRootMenu and translations, trimmed', async () => {
    const dto = await validated(
      { ...department, inRootMenu: false, translations: { 'es-MX': { name: ' Ventas ', keywords: [' ventas '] } } },
      CreateDepartmentDto,
    );

    expect(dto.inRootMenu).toBe(false);
    expect(JSON.parse(JSON.stringify(dto.translations))).toEqual({ 'es-MX': { name: 'Ventas', keywords: ['ventas'] } });
  });

  it.each<[string, object, string, string]>([
    ['inRootMenu as null', { inRootMenu: null }, 'inRootMenu', 'inRootMenu must be true or false'],
    [
      'an unsupported language',
      { translations: { es: { name: 'Ventas' } } },
      'translations',
      'translations may only name languages Twilio both speaks and recognises (not es)',
    ],
    [
      'a translated name too long',
      { translations: { 'es-MX': { name: 'a'.repeat(65) } } },
      'translations.es-MX.name',
      'translations.es-MX.name must be 1 to 64 characters',
    ],
    [
      'a translated name with a control character',
      { translations: { 'es-MX': { name: 'Ven\ttas' } } },
      'translations.es-MX.name',
      'translations.es-MX.name must be printable text',
    ],
    [
      'translated keywords repeated',
      { translations: { 'es-MX': { keywords: ['ventas', 'Ventas'] } } },
      'translations.es-MX.keywords',
      'translations.es-MX.keywords must not repeat a phrase',
    ],
    [
      'no translated keywords',
      { translations: { 'es-MX': { keywords: [] } } },
      'translations.es-MX.keywords',
      'translations.es-MX.keywords must have at least 1 phrase',
    ],
    [
      'translations as null',
      { translations: null },
      'translations',
      'translations must be an object of name and keywords by language code',
    ],
  ])('refuses %s', async (_case, body, field, message) => {
    expect((await refusal(body, UpdateDepartmentDto))[field]).toContain(message);
  });
});
