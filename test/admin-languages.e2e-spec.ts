import { adminClient, type AuditItem, NEW_DEPARTMENT, viewerClient } from './helpers/admin-client.js';
import { answer, startCall } from './helpers/calls.js';
import { findSession } from './helpers/factories.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { findOrFail, parseTwiml, type TwimlNode } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

const ENGLISH = { code: 'en-US', name: 'English', digit: '1' };
const SPANISH = { code: 'es-MX', name: 'Español', digit: '2', voice: 'Polly.Mia', keywords: ['spanish'] };

/** English (the default) and Mexican Spanish, Mexico's callers in Spanish, the greeting and two prompts translated. */
const BILINGUAL = {
  languages: [ENGLISH, SPANISH],
  languageByCountry: { MX: 'es-MX' },
  translations: {
    'es-MX': {
      greeting: 'Gracias por llamar.',
      prompts: {
        languageChoice: 'Para {language}, oprima {digit}.',
        menuOptionDigitAndKeyword: 'Para {department}, oprima {digit} o diga {keyword}.',
      },
    },
  },
};

interface FieldMessages {
  field: string;
  messages: string[];
}

interface MissingEntry {
  kind: string;
  id?: string;
  name?: string;
  field: string;
}

interface LanguageEntry {
  code: string;
  name: string;
  digit: string | null;
  voice: string;
  default: boolean;
  countries: string[];
  missing: MissingEntry[];
}

function says(gather: TwimlNode): { text: string; language?: string; voice?: string }[] {
  return gather.children
    .filter((child) => child.name === 'Say')
    .map((say) => ({ text: say.text, language: say.attributes.language, voice: say.attributes.voice }));
}

describe('admin API: languages and translations (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  const patchSettings = (body: object) => adminClient(ctx.app).patch('/admin/settings', body, '*');

  async function latestAudit(): Promise<AuditItem> {
    const response = await adminClient(ctx.app).get('/admin/audit-log?entity=settings').expect(200);
    return (response.body.items as AuditItem[])[0];
  }

  async function languages(): Promise<LanguageEntry[]> {
    return (await viewerClient(ctx.app).get('/admin/languages').expect(200)).body.languages as LanguageEntry[];
  }

  describe('settings', () => {
    it('sets up two languages, countries and translations, and reads them back', async () => {
      const read = await adminClient(ctx.app).get('/admin/settings').expect(200);
      expect(read.body).toMatchObject({ languages: [], languageByCountry: {}, translations: {} });

      const response = await adminClient(ctx.app).patch('/admin/settings', BILINGUAL, read.headers.etag).expect(200);

      expect(response.body).toMatchObject({ ...BILINGUAL, language: 'en-US', version: read.body.version + 1 });
      expect(response.headers.etag).toBe(`"${response.body.version}"`);
      const again = await viewerClient(ctx.app).get('/admin/settings').expect(200);
      expect(again.body).toMatchObject(BILINGUAL);
    });

    it('audits the change with the language settings before and after', async () => {
      await patchSettings(BILINGUAL).expect(200);

      expect(await latestAudit()).toMatchObject({
        action: 'update',
        entity: 'settings',
        before: { languages: [], languageByCountry: {}, translations: {} },
        after: BILINGUAL,
      });
    });

    it('merges translations per language, null removing a text or a whole language', async () => {
      await patchSettings(BILINGUAL).expect(200);

      const merged = await patchSettings({
        translations: { 'es-MX': { prompts: { noMatch: 'Esa no es una de las opciones.', languageChoice: null } } },
      }).expect(200);
      expect(merged.body.translations).toEqual({
        'es-MX': {
          greeting: 'Gracias por llamar.',
          prompts: {
            menuOptionDigitAndKeyword: 'Para {department}, oprima {digit} o diga {keyword}.',
            noMatch: 'Esa no es una de las opciones.',
          },
        },
      });

      const removed = await patchSettings({ translations: { 'es-MX': null } }).expect(200);
      expect(removed.body.translations).toEqual({});
    });

    it.each<[string, object, string, string]>([
      [
        'an unsupported language',
        { languages: [ENGLISH, { ...SPANISH, code: 'es-AR' }] },
        'languages.1.code',
        'languages: "es-AR" is not a language Twilio both speaks and recognises; use one of',
      ],
      [
        'a digit twice',
        { languages: [ENGLISH, { ...SPANISH, digit: '1' }] },
        'languages',
        'languages must give each language its own digit (1 repeated)',
      ],
      [
        'a list without the default language',
        { languages: [SPANISH] },
        'languages',
        'languages must include the default language en-US',
      ],
      [
        "a voice on the default language's entry",
        { languages: [{ ...ENGLISH, voice: 'Polly.Matthew' }, SPANISH] },
        'languages',
        'languages: en-US is the default language and speaks with the voice setting: leave its voice out',
      ],
      [
        'a country mapped to a language not offered',
        { ...BILINGUAL, languageByCountry: { MX: 'es-MX', CA: 'fr-CA' } },
        'languageByCountry.CA',
        'languageByCountry.CA is fr-CA, which is not offered: add fr-CA to languages, or map CA to one of en-US, es-MX',
      ],
      [
        'a wrong placeholder in a translated prompt',
        { translations: { 'es-MX': { prompts: { connectingToDepartment: 'Le comunico con {departamento}.' } } } },
        'translations.es-MX.prompts.connectingToDepartment',
        'translations.es-MX.prompts.connectingToDepartment may use only {department} (not {departamento})',
      ],
      [
        'translations of the default language',
        { translations: { 'en-US': { greeting: 'Hello.' } } },
        'translations.en-US',
        'translations.en-US: en-US is the default language',
      ],
    ])('refuses %s with a field message, changing nothing', async (_case, body, field, message) => {
      const before = await adminClient(ctx.app).get('/admin/settings').expect(200);

      const response = await patchSettings(body).expect(400);

      const fields = response.body.fields as FieldMessages[];
      expect(fields.find((entry) => entry.field === field)?.messages.join(' ')).toContain(message);
      expect((await adminClient(ctx.app).get('/admin/settings').expect(200)).body).toEqual(before.body);
    });

    it('refuses a new default language the list does not offer, saying the fix', async () => {
      await patchSettings(BILINGUAL).expect(200);

      const response = await patchSettings({ language: 'fr-CA' }).expect(400);

      expect(response.body.code).toBe('REQUEST.INVALID');
      expect(response.body.fields).toContainEqual({
        field: 'language',
        messages: [
          'language fr-CA is not among the languages offered (en-US, es-MX): add it to languages in the same ' +
            'request (with no voice: the default speaks with voice), or choose one of those',
        ],
      });
    });

    it('changes the default language together with the list', async () => {
      await patchSettings(BILINGUAL).expect(200);

      const response = await patchSettings({
        language: 'es-MX',
        voice: 'Polly.Mia',
        languages: [
          { ...ENGLISH, voice: 'Polly.Joanna' },
          { ...SPANISH, voice: null },
        ],
        translations: { 'es-MX': null },
      }).expect(200);

      expect(response.body).toMatchObject({ language: 'es-MX', voice: 'Polly.Mia', translations: {} });
      expect((await languages()).map((language) => [language.code, language.default])).toEqual([
        ['es-MX', true],
        ['en-US', false],
      ]);
    });
  });

  describe('departments', () => {
    it('creates and updates a department with inRootMenu and translations', async () => {
      const created = await adminClient(ctx.app)
        .post('/admin/departments', {
          ...NEW_DEPARTMENT,
          inRootMenu: false,
          translations: { 'es-MX': { name: ' Devoluciones ', keywords: ['devoluciones'] } },
        })
        .expect(201);
      expect(created.body).toMatchObject({
        inRootMenu: false,
        translations: { 'es-MX': { name: 'Devoluciones', keywords: ['devoluciones'] } },
      });

      const updated = await adminClient(ctx.app)
        .patch(`/admin/departments/${created.body.id}`, { inRootMenu: true, translations: {} }, created.headers.etag)
        .expect(200);
      expect(updated.body).toMatchObject({ inRootMenu: true, translations: {} });
      const response = await adminClient(ctx.app).get('/admin/audit-log?entity=department').expect(200);
      expect((response.body.items as AuditItem[])[0]).toMatchObject({
        before: { inRootMenu: false, translations: { 'es-MX': { name: 'Devoluciones' } } },
        after: { inRootMenu: true, translations: {} },
      });
    });

    it('answers the standard departments with inRootMenu true and no translations', async () => {
      const response = await viewerClient(ctx.app).get(`/admin/departments/${ctx.menu.sales.id}`).expect(200);
      expect(response.body).toMatchObject({ inRootMenu: true, translations: {} });
    });

    it.each<[string, object, string, string]>([
      ['inRootMenu as text', { inRootMenu: 'no' }, 'inRootMenu', 'inRootMenu must be true or false'],
      [
        'a translated name too long',
        { translations: { 'es-MX': { name: 'V'.repeat(65) } } },
        'translations.es-MX.name',
        'translations.es-MX.name must be 1 to 64 characters',
      ],
      [
        'an unsupported language',
        { translations: { spanish: { name: 'Ventas' } } },
        'translations',
        'translations may only name languages Twilio both speaks and recognises (not spanish)',
      ],
    ])('refuses %s', async (_case, body, field, message) => {
      const response = await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, body, '*')
        .expect(400);
      const fields = response.body.fields as FieldMessages[];
      expect(fields.find((entry) => entry.field === field)?.messages.join(' ')).toContain(message);
    });

    it('leaves a department out of the root menu with inRootMenu false', async () => {
      await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.billing.id}`, { inRootMenu: false }, '*')
        .expect(200);

      const { twiml } = await startCall(ctx.app);

      const text = says(findOrFail(twiml, 'Gather'))
        .map((say) => say.text)
        .join(' ');
      expect(text).toContain('For Sales, press 1');
      expect(text).not.toContain('Billing');
    });
  });

  describe('GET /admin/languages', () => {
    it('answers only the default language when no others are offered', async () => {
      expect(await languages()).toEqual([
        { code: 'en-US', name: 'en-US', digit: null, voice: 'Polly.Joanna', default: true, countries: [], missing: [] },
      ]);
    });

    it('reports what Spanish lacks, and no more once it is translated', async () => {
      await patchSettings(BILINGUAL).expect(200);

      const [english, spanish] = await languages();
      expect(english).toEqual({ ...ENGLISH, voice: 'Polly.Joanna', default: true, countries: [], missing: [] });
      expect(spanish).toMatchObject({ code: 'es-MX', name: 'Español', digit: '2', voice: 'Polly.Mia', default: false });
      expect(spanish.countries).toEqual(['MX']);
      expect(spanish.missing).toContainEqual({ kind: 'prompt', id: 'noMatch', field: 'prompts.noMatch' });
      expect(spanish.missing).not.toContainEqual(expect.objectContaining({ kind: 'greeting' }));
      expect(spanish.missing).not.toContainEqual(expect.objectContaining({ id: 'languageChoice' }));
      const sales = { kind: 'department', id: ctx.menu.sales.id, name: 'Sales' };
      expect(spanish.missing).toContainEqual({ ...sales, field: 'name' });
      expect(spanish.missing).toContainEqual({ ...sales, field: 'keywords' });

      await adminClient(ctx.app)
        .patch(
          `/admin/departments/${ctx.menu.sales.id}`,
          { translations: { 'es-MX': { name: 'Ventas', keywords: ['ventas'] } } },
          '*',
        )
        .expect(200);
      await patchSettings({ translations: { 'es-MX': { prompts: { noMatch: 'Esa no es una opción.' } } } }).expect(200);

      const after = (await languages())[1].missing;
      expect(after).not.toContainEqual(expect.objectContaining({ id: ctx.menu.sales.id }));
      expect(after).not.toContainEqual(expect.objectContaining({ id: 'noMatch' }));
      expect(after).toContainEqual({ kind: 'department', id: ctx.menu.support.id, name: 'Support', field: 'name' });
    });
  });

  describe('calls', () => {
    beforeEach(async () => {
      await patchSettings(BILINGUAL).expect(200);
      await adminClient(ctx.app)
        .patch(
          `/admin/departments/${ctx.menu.sales.id}`,
          { translations: { 'es-MX': { name: 'Ventas', keywords: ['ventas'] } } },
          '*',
        )
        .expect(200);
    });

    it('starts with the choice of language, each line in its own language and voice', async () => {
      const { twiml } = await startCall(ctx.app);

      const gather = findOrFail(twiml, 'Gather');
      expect(gather.attributes.language).toBe('en-US');
      expect(says(gather)).toEqual([
        { text: 'For English, press 1.', language: 'en-US', voice: 'Polly.Joanna' },
        { text: 'Para Español, oprima 2.', language: 'es-MX', voice: 'Polly.Mia' },
      ]);
    });

    it("reads the menu in Spanish after the caller presses Spanish's digit, and records the language", async () => {
      const { callSid } = await startCall(ctx.app);

      const response = await answer(ctx.app, callSid, 1, { Digits: '2' });

      const gather = findOrFail(response.text, 'Gather');
      expect(gather.attributes.language).toBe('es-MX');
      const [say] = says(gather);
      expect(say).toMatchObject({ language: 'es-MX', voice: 'Polly.Mia' });
      expect(say.text).toContain('Gracias por llamar.');
      expect(say.text).toContain('Para Ventas, oprima 1 o diga ventas.');
      // Not translated: the department's own name and keyword, in the Spanish sentence.
      expect(say.text).toContain('Para Support, oprima 2 o diga support.');
      expect((await findSession(ctx.dataSource, callSid))?.language).toBe('es-MX');
    });

    it('says an untranslated prompt in the default text, with the Spanish voice', async () => {
      const { callSid } = await startCall(ctx.app);
      await answer(ctx.app, callSid, 1, { Digits: '2' });

      const response = await answer(ctx.app, callSid, 2, { Digits: '9' });

      const [say] = says(findOrFail(response.text, 'Gather'));
      expect(say).toMatchObject({ language: 'es-MX', voice: 'Polly.Mia' });
      expect(say.text).toContain("Sorry, that isn't one of the options.");
      expect(say.text).toContain('Para Ventas, oprima 1 o diga ventas.');
    });

    it('skips the choice for a caller from a country mapped to Spanish, and records it', async () => {
      const callSid = newCallSid();

      const response = await signedPost(
        ctx.app,
        '/voice/incoming',
        callParams(callSid, { CallStatus: 'ringing', FromCountry: 'MX' }),
      ).expect(200);

      const gather = findOrFail(response.text, 'Gather');
      expect(gather.attributes.language).toBe('es-MX');
      expect(says(gather)[0].text).toContain('Gracias por llamar. Para Ventas, oprima 1 o diga ventas.');
      expect(parseTwiml(response.text).children.map((child) => child.name)).toEqual(['Gather', 'Redirect']);
      expect((await findSession(ctx.dataSource, callSid))?.language).toBe('es-MX');
    });
  });
});
