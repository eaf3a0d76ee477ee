import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { migrations } from '../migrations/index.js';
import { CallerPrompts1795800910000 } from '../migrations/1795800910000-caller-prompts.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { ivrMigrationStatus, revertLastIvrMigration, runIvrMigrations } from '../src/database/migrate.js';
import { DEFAULT_PROMPTS, effectivePrompts } from '../src/routing/caller-prompts.js';
import { SETTINGS_ID, Settings } from '../src/routing/settings.entity.js';
import { adminClient } from './helpers/admin-client.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { useEmptyDatabase, migrateAsEarlierVersion } from './helpers/migrations.js';
import { withClient } from './helpers/test-database.js';
import { findOrFail } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('caller prompts (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  /** What a caller hears after pressing a digit no department has. */
  async function noMatchHeard(): Promise<string> {
    const callSid = newCallSid();
    await signedPost(ctx.app, '/voice/incoming', callParams(callSid, { CallStatus: 'ringing' })).expect(200);
    const response = await signedPost(ctx.app, '/voice/gather?round=1', callParams(callSid, { Digits: '9' })).expect(
      200,
    );
    return findOrFail(response.text, 'Say').text;
  }

  it('shows every prompt with its default wording', async () => {
    const response = await adminClient(ctx.app).get('/admin/settings').expect(200);
    expect(response.body.prompts).toEqual(DEFAULT_PROMPTS);
  });

  it('changes a prompt: audited, shown, and heard on the next call', async () => {
    const read = await adminClient(ctx.app).get('/admin/settings').expect(200);
    const response = await adminClient(ctx.app)
      .patch('/admin/settings', { prompts: { noMatch: '  Hmm, that is not on the menu.  ' } }, read.headers.etag)
      .expect(200);

    expect(response.body.prompts).toEqual({ ...DEFAULT_PROMPTS, noMatch: 'Hmm, that is not on the menu.' });
    expect(response.headers.etag).toBe(`"${read.body.version + 1}"`);
    const audit = await adminClient(ctx.app).get('/admin/audit-log?entity=settings&limit=1').expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'update',
      before: { prompts: { noMatch: DEFAULT_PROMPTS.noMatch } },
      after: { prompts: { noMatch: 'Hmm, that is not on the menu.' } },
    });
    const reread = await adminClient(ctx.app).get('/admin/settings').expect(200);
    expect(reread.body.prompts.noMatch).toBe('Hmm, that is not on the menu.');
    expect(await noMatchHeard()).toMatch(/^Hmm, that is not on the menu\. For Sales, press 1 or say sales\./);
  });

  it('keeps the prompts a change does not name', async () => {
    await adminClient(ctx.app)
      .patch('/admin/settings', { prompts: { noMatch: 'Not an option.', goodbye: 'Bye.' } }, '*')
      .expect(200);
    await adminClient(ctx.app)
      .patch('/admin/settings', { prompts: { goodbye: 'Bye now.' } }, '*')
      .expect(200);
    const response = await adminClient(ctx.app).patch('/admin/settings', { maxAttempts: 4 }, '*').expect(200);

    expect(response.body.prompts).toEqual({ ...DEFAULT_PROMPTS, noMatch: 'Not an option.', goodbye: 'Bye now.' });
  });

  it('hears a prompt changed in plain SQL, announced by the settings trigger', async () => {
    expect(await noMatchHeard()).toMatch(/^Sorry, that isn't one of the options\./);
    await ctx.app.get(DataSource).query(`UPDATE ivr.settings SET prompts = '{"noMatch": "Changed in SQL."}'`);
    const deadline = Date.now() + 1000;
    let heard = await noMatchHeard();
    while (!heard.startsWith('Changed in SQL.') && Date.now() < deadline) heard = await noMatchHeard();
    expect(heard).toMatch(/^Changed in SQL\./);
  });

  it.each([
    ['an empty text', { noMatch: '' }, 'prompts.noMatch must be 1 to 500 characters'],
    ['a text too long', { noMatch: 'a'.repeat(501) }, 'prompts.noMatch must be 1 to 500 characters'],
    [
      'a control character',
      { noMatch: 'Try\u0007 again.' },
      'prompts.noMatch must not contain control characters such as line breaks',
    ],
    ['an unknown key', { nomatch: 'Try again.' }, 'property nomatch should not exist'],
    [
      'a placeholder of another prompt',
      { connectingToDepartment: 'To {team}.' },
      'prompts.connectingToDepartment may use only {department} (not {team})',
    ],
    [
      'a placeholder in a prompt without any',
      { noMatch: 'Not {department}.' },
      'prompts.noMatch may use no placeholders (not {department})',
    ],
  ])('answers 400 for %s and changes nothing', async (_case, prompts, message) => {
    const before = await adminClient(ctx.app).get('/admin/settings').expect(200);
    const response = await adminClient(ctx.app)
      .patch('/admin/settings', { prompts: { goodbye: 'Bye.', ...prompts } }, '*')
      .expect(400);

    expect(response.body.message).toContain(message);
    expect((await adminClient(ctx.app).get('/admin/settings').expect(200)).body).toEqual(before.body);
  });
});

describe('migration 1795800910000-caller-prompts (e2e)', () => {
  const database = useEmptyDatabase(inject('testServerUrl'), 'migrate');
  const earlier = migrations.slice(0, migrations.indexOf(CallerPrompts1795800910000));
  const ivr = () => ({ options: dataSourceOptions(database.url) });

  async function applied(migration: (typeof migrations)[number]): Promise<boolean> {
    return (await ivrMigrationStatus(ivr())).applied.includes(migration.name);
  }

  it('keeps the existing settings row, which then says the default prompts, and reverts', async () => {
    await migrateAsEarlierVersion(database.url, earlier);
    const [row] = await withClient(database.url, async (client) => {
      await client.query(
        `UPDATE public.settings SET greeting = 'Hello from before.', max_attempts = 5, operator_number = '+15555550100'`,
      );
      return (await client.query<Record<string, unknown>>(`SELECT * FROM public.settings`)).rows;
    });

    await runIvrMigrations(ivr());
    const current = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      // Later migrations' columns too, at their defaults.
      expect(await current.query(`SELECT * FROM ivr.settings`)).toEqual([
        { ...row, prompts: {}, transcribe_voicemail: false, languages: [], language_by_country: {}, translations: {} },
      ]);
      const settings = await current.getRepository(Settings).findOneByOrFail({ id: SETTINGS_ID });
      expect(effectivePrompts(settings.prompts)).toEqual(DEFAULT_PROMPTS);
      await expect(current.query(`UPDATE ivr.settings SET prompts = '{"noMatch": 3}'`)).rejects.toThrow(
        /settings_prompts_check/,
      );
    } finally {
      await current.destroy();
    }

    while (await applied(CallerPrompts1795800910000)) await revertLastIvrMigration(ivr());
    // Reverting the move put the tables back in public, as the earlier version had them.
    const [reverted] = await withClient(
      database.url,
      async (client) => (await client.query<Record<string, unknown>>(`SELECT * FROM public.settings`)).rows,
    );
    expect(reverted).toEqual(row);
  });
});
