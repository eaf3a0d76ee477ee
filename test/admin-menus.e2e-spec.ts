import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { adminClient, type AuditItem, viewerClient } from './helpers/admin-client.js';
import { answer, startCall } from './helpers/calls.js';
import { pollUntil } from './helpers/deadline.js';
import { changeMenuSql, menuChanged, updateSettings } from './helpers/factories.js';
import { findOrFail } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

interface OptionBody {
  id?: string;
  digit?: string | null;
  keywords?: string[];
  label?: string | null;
  translations?: Record<string, { label?: string; keywords?: string[] }>;
  action: 'department' | 'menu' | 'operator' | 'voicemail';
  departmentId?: string;
  menuId?: string;
  position?: number;
}

interface MenuBody {
  id: string;
  name: string;
  isRoot: boolean;
  version: number;
  options: (OptionBody & { id: string })[];
}

interface FieldMessages {
  field: string;
  messages: string[];
}

/** The messages of a 400, by field. */
const fieldsOf = (body: { fields: FieldMessages[] }): Record<string, string[]> =>
  Object.fromEntries(body.fields.map((field) => [field.field, field.messages]));

describe('admin API: menus (e2e)', () => {
  const ctx = useTestApp({ instances: 2, menu: 'beforeEach' });
  const admin = () => adminClient(ctx.app);

  beforeEach(async () => {
    // The departments' truncation took every option with it; the menus themselves stay from test to test.
    await changeMenuSql(
      ctx.app,
      `DELETE FROM ivr.menus WHERE NOT is_root;
       UPDATE ivr.menus SET prompt = NULL, translations = '{}', back_key = false, repeat_key = false, operator_key = false`,
    );
    menuChanged(...ctx.apps);
  });

  async function rootMenu(): Promise<{ body: MenuBody; etag: string }> {
    const list = await admin().get('/admin/menus').expect(200);
    const root = (list.body as MenuBody[]).find((menu) => menu.isRoot);
    if (!root) throw new Error('No root menu');
    const read = await admin().get(`/admin/menus/${root.id}`).expect(200);
    return { body: read.body as MenuBody, etag: read.headers.etag };
  }

  /** Technical support: Support on 1, voicemail on 9 ("message"), with * and #. */
  async function createTechnical(): Promise<{ body: MenuBody; etag: string }> {
    const response = await admin()
      .post('/admin/menus', {
        name: 'Technical support',
        prompt: 'Technical support.',
        translations: { 'es-MX': { name: 'soporte técnico', prompt: 'Soporte técnico.' } },
        backKey: true,
        repeatKey: true,
        options: [
          { digit: '1', action: 'department', departmentId: ctx.menu.support.id },
          { digit: '9', keywords: ['message'], label: 'a message', action: 'voicemail' },
        ],
      })
      .expect(201);
    return { body: response.body as MenuBody, etag: response.headers.etag };
  }

  /** Puts `menuId` on 4 in the root menu. */
  async function openFromRoot(menuId: string, extra: Partial<OptionBody> = {}): Promise<MenuBody> {
    const root = await rootMenu();
    const response = await admin()
      .patch(`/admin/menus/${root.body.id}`, { options: [{ digit: '4', action: 'menu', menuId, ...extra }] }, root.etag)
      .expect(200);
    return response.body as MenuBody;
  }

  const createMenu = async (name: string, options: OptionBody[] = []): Promise<MenuBody> =>
    (await admin().post('/admin/menus', { name, options }).expect(201)).body as MenuBody;

  const toSupport = (): OptionBody => ({ digit: '1', action: 'department', departmentId: ctx.menu.support.id });

  async function menuAudit(entityId: string): Promise<AuditItem[]> {
    const response = await admin().get(`/admin/audit-log?entity=menu&entityId=${entityId}`).expect(200);
    return response.body.items as AuditItem[];
  }

  describe('reading and writing', () => {
    it('creates a submenu with its options, answering 201 with its ETag and location', async () => {
      const { body, etag } = await createTechnical();

      expect(body).toMatchObject({
        name: 'Technical support',
        prompt: 'Technical support.',
        isRoot: false,
        backKey: true,
        repeatKey: true,
        operatorKey: false,
        version: 1,
        options: [
          { digit: '1', action: 'department', departmentId: ctx.menu.support.id, menuId: null, position: 0 },
          { digit: '9', keywords: ['message'], label: 'a message', action: 'voicemail', position: 1 },
        ],
      });
      expect(etag).toBe('"1"');
      const read = await viewerClient(ctx.app).get(`/admin/menus/${body.id}`).expect(200).expect('ETag', '"1"');
      expect(read.body).toEqual(body);
      const list = await viewerClient(ctx.app).get('/admin/menus').expect(200);
      expect((list.body as MenuBody[]).map((menu) => [menu.name, menu.isRoot])).toEqual([
        ['Main menu', true],
        ['Technical support', false],
      ]);
    });

    it('answers 404 for a menu that does not exist, or an id that is no UUID', async () => {
      await admin().get('/admin/menus/8d5e1c43-6a3f-4c1e-9d0a-3f7c2b1e4a55').expect(404);
      const response = await admin().get('/admin/menus/nope').expect(404);
      expect(response.body).toMatchObject({ code: 'MENU.NOT_FOUND', message: 'Menu nope does not exist' });
    });

    it('replaces the options on PATCH: kept by id and updated, added without one, the others deleted', async () => {
      const { body, etag } = await createTechnical();
      const [support, voicemail] = body.options;

      const response = await admin()
        .patch(
          `/admin/menus/${body.id}`,
          {
            name: 'Tech',
            options: [
              { id: support.id, digit: '2', action: 'department', departmentId: ctx.menu.support.id },
              { digit: '1', action: 'department', departmentId: ctx.menu.billing.id, label: 'invoices' },
            ],
          },
          etag,
        )
        .expect(200);

      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({ name: 'Tech', version: 2 });
      expect(response.body.options).toEqual([
        expect.objectContaining({ id: support.id, digit: '2', position: 0 }),
        expect.objectContaining({ digit: '1', label: 'invoices', departmentId: ctx.menu.billing.id, position: 1 }),
      ]);
      expect(response.body.options[1].id).not.toBe(voicemail.id);
      const [{ n }] = await ctx.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM ivr.menu_options WHERE id = $1',
        [voicemail.id],
      );
      expect(n).toBe(0);
    });

    it('moves the ETag when only the options change, and not when nothing does', async () => {
      const { body, etag } = await createTechnical();
      const same = await admin().patch(`/admin/menus/${body.id}`, { name: 'Technical support' }, etag).expect(200);
      expect(same.headers.etag).toBe('"1"');

      const changed = await admin()
        .patch(`/admin/menus/${body.id}`, { options: [toSupport()] }, etag)
        .expect(200);
      expect(changed.headers.etag).toBe('"2"');
    });

    it('requires If-Match to write, and refuses a stale one with 412', async () => {
      const { body } = await createTechnical();

      const missing = await admin().patch(`/admin/menus/${body.id}`, { name: 'Tech' }).expect(428);
      expect(missing.body.code).toBe('PRECONDITION.REQUIRED');
      await admin().patch(`/admin/menus/${body.id}`, { name: 'Tech' }, '"1"').expect(200);
      const stale = await admin().patch(`/admin/menus/${body.id}`, { name: 'Technical' }, '"1"').expect(412);
      expect(stale.body).toMatchObject({ code: 'PRECONDITION.FAILED', currentEtag: '"2"' });
      await admin().delete(`/admin/menus/${body.id}`, '"1"').expect(412);
      await admin().delete(`/admin/menus/${body.id}`).expect(428);
    });

    it('deletes a menu no option opens, with its options', async () => {
      const { body } = await createTechnical();

      await admin().delete(`/admin/menus/${body.id}`, '"1"').expect(204);

      await admin().get(`/admin/menus/${body.id}`).expect(404);
      const [{ n }] = await ctx.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM ivr.menu_options WHERE menu_id = $1',
        [body.id],
      );
      expect(n).toBe(0);
    });

    it('audits every change with the menu before and after', async () => {
      const { body, etag } = await createTechnical();
      await admin().patch(`/admin/menus/${body.id}`, { operatorKey: true }, etag).expect(200);
      await admin().delete(`/admin/menus/${body.id}`, '"2"').expect(204);

      const entries = await menuAudit(body.id);

      expect(entries.map((entry) => entry.action)).toEqual(['delete', 'update', 'create']);
      const [deleted, updated, created] = entries;
      expect(created).toMatchObject({
        actor: 'alice',
        entity: 'menu',
        before: null,
        after: { name: 'Technical support' },
      });
      expect(created.after?.options).toHaveLength(2);
      expect(updated).toMatchObject({ before: { operatorKey: false }, after: { operatorKey: true, version: 2 } });
      expect(deleted).toMatchObject({ before: { id: body.id, version: 2 }, after: null });
    });

    it('lets a viewer read the menus and the tree, never write', async () => {
      const { body } = await createTechnical();
      const viewer = viewerClient(ctx.app);

      await viewer.get('/admin/menus').expect(200);
      await viewer.get('/admin/menus/tree').expect(200);
      const create = await viewer.post('/admin/menus', { name: 'Sneaky', options: [] }).expect(403);
      expect(create.body.message).toMatch(/viewer role/);
      await viewer.patch(`/admin/menus/${body.id}`, { name: 'Sneaky' }, '*').expect(403);
      await viewer.delete(`/admin/menus/${body.id}`, '*').expect(403);
      expect((await admin().get(`/admin/menus/${body.id}`).expect(200)).body.name).toBe('Technical support');
    });
  });

  it('describes the menu routes in OpenAPI, the tree nested', async () => {
    const response = await request(ctx.app.getHttpServer()).get('/docs-json').expect(200);

    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/admin/menus', '/admin/menus/{id}', '/admin/menus/tree']),
    );
    const { schemas } = response.body.components;
    expect(schemas.CreateMenuDto.required).toEqual(expect.arrayContaining(['name', 'options']));
    expect(schemas.HeardOptionResponse.properties.menu.allOf ?? [schemas.HeardOptionResponse.properties.menu]).toEqual([
      expect.objectContaining({ $ref: '#/components/schemas/HeardMenuResponse' }),
    ]);
  });

  describe('refusals, each naming its field', () => {
    it('refuses an option that would make a loop', async () => {
      const upper = await createMenu('Upper');
      const lower = await createMenu('Lower');
      await admin()
        .patch(`/admin/menus/${upper.id}`, { options: [{ digit: '1', action: 'menu', menuId: lower.id }] }, '*')
        .expect(200);

      const response = await admin()
        .patch(`/admin/menus/${lower.id}`, { options: [{ digit: '1', action: 'menu', menuId: upper.id }] }, '*')
        .expect(400);

      expect(response.body.code).toBe('MENU.INVALID');
      expect(fieldsOf(response.body)['options.0.menuId']).toEqual([
        'menu "Upper" is above this one ("Upper" → "Lower"): opening it here would make a loop; an option can only ' +
          'open a menu below its own, and callers go back up with * (backKey)',
      ]);
    });

    it('lets only one of two edits on two instances at once close a loop', async () => {
      const upper = await createMenu('Upper');
      const lower = await createMenu('Lower');
      const [first, second] = ctx.apps;

      const answers = await Promise.all([
        adminClient(first).patch(
          `/admin/menus/${upper.id}`,
          { options: [{ digit: '1', action: 'menu', menuId: lower.id }] },
          '*',
        ),
        adminClient(second).patch(
          `/admin/menus/${lower.id}`,
          { options: [{ digit: '1', action: 'menu', menuId: upper.id }] },
          '*',
        ),
      ]);

      expect(answers.map((response) => response.status).sort()).toEqual([200, 400]);
    });

    it('refuses a sixth level', async () => {
      // root (1) → level2 → level3 → level4 → level5, built from the bottom up.
      const level5 = await createMenu('Level 5', [toSupport()]);
      const level4 = await createMenu('Level 4', [{ digit: '1', action: 'menu', menuId: level5.id }]);
      const level3 = await createMenu('Level 3', [{ digit: '1', action: 'menu', menuId: level4.id }]);
      const level2 = await createMenu('Level 2', [{ digit: '1', action: 'menu', menuId: level3.id }]);
      await openFromRoot(level2.id);
      const level6 = await createMenu('Level 6', [toSupport()]);

      const response = await admin()
        .patch(`/admin/menus/${level5.id}`, { options: [{ digit: '1', action: 'menu', menuId: level6.id }] }, '*')
        .expect(400);

      expect(fieldsOf(response.body)['options.0.menuId']).toEqual([
        'menu "Level 6" would put menus at level 6: a tree has at most 5 levels (the root menu is level 1); open it ' +
          'from a menu higher up, or merge some of its submenus',
      ]);
    });

    it('refuses a digit twice in a submenu', async () => {
      const response = await admin()
        .post('/admin/menus', {
          name: 'Twice',
          options: [toSupport(), { digit: '1', action: 'operator', label: 'an operator' }],
        })
        .expect(400);

      expect(fieldsOf(response.body)['options.1.digit']).toEqual([
        'digit 1 is already "Support" (options.0) in this menu: choose another digit',
      ]);
    });

    it("refuses a root option on a root department's digit, and a root department on a root option's digit", async () => {
      const technical = await createTechnical();
      const root = await rootMenu();

      const option = await admin()
        .patch(
          `/admin/menus/${root.body.id}`,
          { options: [{ digit: '1', action: 'menu', menuId: technical.body.id }] },
          root.etag,
        )
        .expect(400);
      expect(fieldsOf(option.body)['options.0.digit']).toEqual([
        `digit 1 is the department "Sales"'s in the root menu: choose another digit, or take "Sales" out of the ` +
          `root menu (PATCH /admin/departments/${ctx.menu.sales.id})`,
      ]);

      const placed = await openFromRoot(technical.body.id);
      const department = await admin()
        .post('/admin/departments', { name: 'Returns', digit: '4', keywords: ['returns'], phoneNumber: '+15555550104' })
        .expect(409);
      expect(department.body).toMatchObject({
        code: 'DEPARTMENT.DIGIT_TAKEN',
        conflictingOption: { id: placed.options[0].id, name: 'Technical support', action: 'menu' },
      });
      expect(department.body.message).toMatch(
        /^Digit 4 is already used in the root menu by its option "Technical support"/,
      );
      const moved = await admin().patch(`/admin/departments/${ctx.menu.billing.id}`, { digit: '4' }, '*').expect(409);
      expect(moved.body.code).toBe('DEPARTMENT.DIGIT_TAKEN');
    });

    it('refuses the operator key in a menu with an option on 0', async () => {
      const response = await admin()
        .post('/admin/menus', { name: 'Zero', operatorKey: true, options: [{ ...toSupport(), digit: '0' }] })
        .expect(400);

      expect(fieldsOf(response.body).operatorKey).toEqual([
        'operatorKey puts callers through to the operator on 0, but "Support" (options.0) has digit 0: give that ' +
          'option another digit, or set operatorKey to false',
      ]);
    });

    it('refuses to delete a menu an option opens, naming the menu and the option', async () => {
      const technical = await createTechnical();
      const root = await openFromRoot(technical.body.id);

      const response = await admin().delete(`/admin/menus/${technical.body.id}`, '*').expect(409);

      expect(response.body).toMatchObject({
        code: 'MENU.IN_USE',
        referencedBy: [{ menuId: root.id, menuName: 'Main menu', optionId: root.options[0].id, digit: '4' }],
      });
      expect(response.body.message).toMatch(
        /^Menu "Technical support" is opened by an option of "Main menu" \(.+, option 4 .+\): remove or change that option first$/,
      );
    });

    it('refuses to delete the root menu', async () => {
      const root = await rootMenu();

      const response = await admin().delete(`/admin/menus/${root.body.id}`, root.etag).expect(409);

      expect(response.body).toMatchObject({ code: 'MENU.ROOT_UNDELETABLE' });
      expect(response.body.message).toMatch(/cannot be deleted: change its options instead/);
    });

    it('refuses a translation in a language Twilio does not offer, and a field that cannot be translated', async () => {
      const response = await admin()
        .post('/admin/menus', {
          name: 'Languages',
          translations: { 'xx-YY': { name: 'Nope' }, 'es-MX': { colour: 'rojo' } },
          options: [{ ...toSupport(), translations: { klingon: { label: 'Qapla' } } }],
        })
        .expect(400);

      const fields = fieldsOf(response.body);
      expect(fields.translations[0]).toMatch(
        /^translations\.xx-YY: xx-YY is not a language Twilio both speaks and recognises; use one of af-ZA, .*es-MX/,
      );
      expect(fields.translations[0]).toMatch(/; translations\.es-MX\.colour cannot be translated: only name, prompt$/);
      expect(fields['options.0.translations'][0]).toMatch(/^translations\.klingon: klingon is not a language/);
    });

    it('refuses an operator option without a label, and a new option to an inactive department', async () => {
      await admin().delete(`/admin/departments/${ctx.menu.billing.id}`, '*').expect(200);

      const response = await admin()
        .post('/admin/menus', {
          name: 'Odd',
          options: [
            { digit: '1', action: 'operator' },
            { digit: '2', action: 'department', departmentId: ctx.menu.billing.id },
          ],
        })
        .expect(400);

      const fields = fieldsOf(response.body);
      expect(fields['options.0.label'][0]).toMatch(/^an operator option needs a label: what callers hear after "For"/);
      expect(fields['options.1.departmentId']).toEqual([
        `department "Billing" is inactive: reactivate it (PATCH /admin/departments/${ctx.menu.billing.id} with ` +
          '{"active": true}) or choose an active one',
      ]);
    });
  });

  describe('the tree as callers hear it', () => {
    beforeEach(async () => {
      await updateSettings(ctx.app, {
        languages: [
          { code: 'en-US', name: 'English', digit: '1' },
          { code: 'es-MX', name: 'Español', digit: '2', voice: 'Polly.Mia' },
        ],
      });
      menuChanged(...ctx.apps);
    });

    it('renders every language, each submenu under its option, hidden ones flagged', async () => {
      const technical = await createTechnical();
      const empty = await createMenu('Empty');
      await openFromRoot(technical.body.id);
      const root = await rootMenu();
      await admin()
        .patch(
          `/admin/menus/${root.body.id}`,
          {
            options: [
              { id: root.body.options[0].id, digit: '4', action: 'menu', menuId: technical.body.id },
              { digit: '5', action: 'menu', menuId: empty.id },
            ],
          },
          root.etag,
        )
        .expect(200);

      const response = await viewerClient(ctx.app).get('/admin/menus/tree').expect(200);

      expect(response.body.languages.map((language: { language: string }) => language.language)).toEqual([
        'en-US',
        'es-MX',
      ]);
      const [english, spanish] = response.body.languages;
      expect(english.menu.says).toEqual([
        'For Sales, press 1 or say sales.',
        'For Support, press 2 or say support.',
        'For Billing, press 3 or say billing.',
        'For Technical support, press 4.',
      ]);
      const [, , , toTechnical, toEmpty] = english.menu.options;
      expect(toTechnical).toMatchObject({ digit: '4', action: 'menu', menuId: technical.body.id, heard: true });
      expect(toTechnical.menu).toMatchObject({
        id: technical.body.id,
        heard: true,
        keys: { back: true, repeat: true, operator: false },
        says: [
          'Technical support.',
          'For Support, press 1 or say support.',
          'For a message, press 9 or say message.',
          'To go back, press star.',
          'To hear these options again, press pound.',
        ],
      });
      expect(toEmpty).toMatchObject({ digit: '5', name: 'Empty', heard: false, menu: { id: empty.id, heard: false } });
      expect(spanish.menu.options[3].menu).toMatchObject({ name: 'soporte técnico' });
      expect(spanish.menu.options[3].menu.says[0]).toBe('Soporte técnico.');
      // What the Spanish tree still says in English: the greeting, and the submenu's option label among others.
      expect(english.missing).toEqual([]);
      expect(spanish.missing).toEqual(
        expect.arrayContaining([
          { kind: 'greeting', field: 'greeting' },
          expect.objectContaining({ kind: 'option', name: 'a message', field: 'label' }),
        ]),
      );
      expect(spanish.missing).not.toContainEqual(expect.objectContaining({ kind: 'menu', id: technical.body.id }));
    });

    it('renders one language when asked, and refuses one not offered', async () => {
      const one = await admin().get('/admin/menus/tree?language=es-MX').expect(200);
      expect(one.body.languages).toHaveLength(1);
      expect(one.body.languages[0]).toMatchObject({ language: 'es-MX', name: 'Español' });

      const refused = await admin().get('/admin/menus/tree?language=fr-FR').expect(400);
      expect(fieldsOf(refused.body).language).toEqual([
        'language fr-FR is not offered to callers: use one of en-US, es-MX, or leave it out for all',
      ]);
    });
  });

  describe('calls', () => {
    const said = (twiml: string): string => findOrFail(twiml, 'Say').text;

    it('takes a signed call from the root to a submenu and on to a department, with * back and # again', async () => {
      const technical = await createTechnical();
      await openFromRoot(technical.body.id);
      const app = ctx.app;

      const { callSid, twiml } = await startCall(app);
      expect(said(twiml)).toContain('For Technical support, press 4.');

      const submenu = await answer(app, callSid, 1, { Digits: '4' });
      expect(said(submenu.text)).toContain('Technical support. For Support, press 1 or say support.');
      expect(submenu.text).toContain('To go back, press star.');

      const back = await answer(app, callSid, 2, { Digits: '*' });
      expect(said(back.text)).toContain('For Technical support, press 4.');
      expect(back.text).not.toContain('To go back, press star.');

      await answer(app, callSid, 3, { Digits: '4' });
      const again = await answer(app, callSid, 4, { Digits: '#' });
      expect(said(again.text)).toContain('Technical support. For Support, press 1 or say support.');

      const dial = await answer(app, callSid, 5, { Digits: '1' });
      expect(findOrFail(dial.text, 'Number').text).toBe('+15555550102');
    });

    it('lets a second instance hear an edit of a submenu within a second', async () => {
      const [editor, other] = ctx.apps;
      const technical = await createTechnical();
      await openFromRoot(technical.body.id);

      const submenuOn = async (app: NestExpressApplication): Promise<string> => {
        const { callSid } = await startCall(app);
        return findOrFail((await answer(app, callSid, 1, { Digits: '4' })).text, 'Say').text;
      };
      expect(await submenuOn(other)).toContain('Technical support.');

      await adminClient(editor)
        .patch(`/admin/menus/${technical.body.id}`, { prompt: 'Tech help, new and improved.' }, technical.etag)
        .expect(200);
      // Polled for a second at most: the other instance's cache is dropped by the change's NOTIFY.
      const heard = await pollUntil(
        () => submenuOn(other),
        (text) => text.startsWith('Tech help, new and improved.'),
        1000,
      );

      expect(heard).toMatch(/^Tech help, new and improved\./);
    });
  });
});
