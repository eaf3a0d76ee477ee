import { MenuOption } from '../src/routing/menu-option.entity.js';
import { Menu } from '../src/routing/menu.entity.js';
import request from 'supertest';
import { adminClient, viewerClient } from './helpers/admin-client.js';
import { menuChanged, updateSettings } from './helpers/factories.js';
import { expectReportTimeout, type PlayedCall, playCall, seedAttempt, seedSession } from './helpers/reporting.js';
import { useTestApp } from './helpers/use-test-app.js';

const ZERO_OUTCOMES = { connected: 0, operator: 0, voicemail: 0, abandoned: 0, failed: 0 };
const NO_FAILURES = { noMatch: 0, noInput: 0, lowConfidence: 0 };
/** Spanish is the default language here, so that a call without a language visibly reports the settings' one. */
const LANGUAGES = [
  { code: 'es-MX', name: 'Español', digit: '2' },
  { code: 'en-US', name: 'English', digit: '1', voice: 'Polly.Joanna' },
];

/**
 * The per-menu report, the summary's language figures and the attempt timeline, checked against calls placed
 * through the signed webhooks in a two-level menu with a choice of language. Every expected number below is
 * counted by hand from the calls in beforeAll.
 */
describe('reports: menus and languages (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeAll' });
  const ids: Record<string, string> = {};
  const calls: Record<string, PlayedCall> = {};
  let from: string;
  let to: string;

  const get = (path: string, client = adminClient(ctx.app)) =>
    client.get(`${path}${path.includes('?') ? '&' : '?'}from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);

  /** A call that chooses its language by key, then gives `answers` (keys, or [speech, confidence]) in the menus. */
  async function call(name: string, language: '1' | '2', ...answers: (string | [string, number] | null)[]) {
    const played = await (await playCall(ctx.app)).press(language);
    for (const answer of answers) {
      if (answer === null) await played.silence();
      else if (typeof answer === 'string') await played.press(answer);
      else await played.say(...answer);
    }
    calls[name] = played;
    return played;
  }

  beforeAll(async () => {
    from = new Date(Date.now() - 1000).toISOString();
    const menus = ctx.dataSource.getRepository(Menu);
    const options = ctx.dataSource.getRepository(MenuOption);
    const root = await menus.findOneByOrFail({ isRoot: true });
    // Main menu: Sales 1, Support 2, Billing 3 (the departments), Accounts 4, Promotions 5 (submenus).
    const accounts = await menus.save({ name: 'Accounts', backKey: true, repeatKey: true, operatorKey: true });
    const promotions = await menus.save({ name: 'Promotions', backKey: true, repeatKey: false, operatorKey: false });
    const toAccounts = await options.save({
      menuId: root.id,
      position: 4,
      digit: '4',
      action: 'menu',
      targetMenuId: accounts.id,
    });
    const toPromotions = await options.save({
      menuId: root.id,
      position: 5,
      digit: '5',
      action: 'menu',
      targetMenuId: promotions.id,
    });
    // Accounts: Invoices 1 (Billing), Sales 2, Leave a message 3; * back, # again, 0 the operator.
    const invoices = await options.save({
      menuId: accounts.id,
      position: 1,
      digit: '1',
      label: 'Invoices',
      action: 'department',
      departmentId: ctx.menu.billing.id,
    });
    const accountsSales = await options.save({
      menuId: accounts.id,
      position: 2,
      digit: '2',
      action: 'department',
      departmentId: ctx.menu.sales.id,
    });
    const message = await options.save({
      menuId: accounts.id,
      position: 3,
      digit: '3',
      label: 'Leave a message',
      action: 'voicemail',
    });
    await options.save({
      menuId: promotions.id,
      position: 1,
      digit: '1',
      action: 'department',
      departmentId: ctx.menu.sales.id,
    });
    await updateSettings(ctx.app, { language: 'es-MX', languages: LANGUAGES });
    Object.assign(ids, {
      root: root.id,
      accounts: accounts.id,
      promotions: promotions.id,
      toAccounts: toAccounts.id,
      invoices: invoices.id,
      accountsSales: accountsSales.id,
      message: message.id,
    });

    // A (English): Sales at the root; connected.
    await (await (await call('a', '1', '1')).dialed('completed', 20)).ended('completed', 30);
    // B (Spanish): "support" by speech at the root; connected.
    await (await (await call('b', '2', ['support', 0.9])).dialed('completed', 20)).ended('completed', 30);
    // C: Accounts, then Invoices (Billing); connected.
    await (await (await call('c', '1', '4', '1')).dialed('completed', 20)).ended('completed', 30);
    // D: Accounts, back, then Billing at the root; connected.
    await (await (await call('d', '1', '4', '*', '3')).dialed('completed', 20)).ended('completed', 30);
    // E (Spanish): Accounts, the menu again, then Sales there; connected.
    await (await (await call('e', '2', '4', '#', '2')).dialed('completed', 20)).ended('completed', 30);
    // F: Accounts, an unknown key, silence, then hangs up there.
    await (await call('f', '1', '4', '9', null)).ended('completed', 30);
    // G: Accounts, then hangs up there at once.
    await (await call('g', '1', '4')).ended('completed', 30);
    // H: Accounts, then the operator key; the operator answers.
    await (await (await call('h', '1', '4', '0')).dialed('completed', 20)).ended('completed', 30);
    // I (Spanish): Accounts, then the voicemail option; hangs up before the beep (not a hang-up in the menu).
    await (await call('i', '2', '4', '3')).ended('completed', 30);
    // J: "sales" heard with low confidence, an unknown key, then Sales at the root; connected.
    await (await (await call('j', '1', ['sales', 0.2], '9', '1')).dialed('completed', 20)).ended('completed', 30);
    // K: hangs up during the choice of language: no menu heard; Spanish, the default, in the reports.
    calls.k = await (await playCall(ctx.app)).ended('completed', 5);
    // L: "Español" heard with low confidence (asked again), then Spanish by key; hangs up at the root.
    calls.l = await (await (await (await playCall(ctx.app)).say('Español', 0.1)).press('2')).ended('completed', 10);
    // M: Promotions, then Sales there; connected. Promotions is deleted afterwards.
    await (await (await call('m', '1', '5', '1')).dialed('completed', 20)).ended('completed', 30);
    // N: a call from before languages and menus (no language, no menu): Sales at the root; connected.
    const n = await seedSession(ctx.dataSource, {
      startedAt: new Date().toISOString(),
      outcome: 'connected',
      departmentId: ctx.menu.sales.id,
      durationSeconds: 30,
    });
    await seedAttempt(ctx.dataSource, {
      callSid: n,
      round: 1,
      at: new Date().toISOString(),
      inputKind: 'dtmf',
      decision: 'route',
      departmentId: ctx.menu.sales.id,
    });
    ids.n = n;

    await options.delete({ id: toPromotions.id });
    await menus.delete({ id: promotions.id });
    menuChanged(ctx.app);
    to = new Date(Date.now() + 60_000).toISOString();
  });

  it('counts, per menu, the calls that reached it, each option chosen, back, repeat, operator, failures and hang-ups', async () => {
    const response = await get('/admin/reports/menus').expect(200);

    const option = (
      optionId: string | null,
      action: string,
      departmentId: string | null,
      digit: string,
      name: string | null,
      chosen: number,
      targetMenuId: string | null = null,
    ) => ({
      optionId,
      action,
      departmentId,
      targetMenuId,
      digit,
      name,
      chosen,
    });
    expect(response.body).toStrictEqual({
      from: expect.any(String),
      to: expect.any(String),
      menus: [
        {
          id: ids.root,
          name: 'Main menu',
          root: true,
          // Answers there: A B C D E F G H I J M N; L hung up there; K never got past the choice of language.
          reached: 13,
          options: [
            option(null, 'department', ctx.menu.sales.id, '1', 'Sales', 3), // A, J, N
            option(null, 'department', ctx.menu.support.id, '2', 'Support', 1), // B
            option(null, 'department', ctx.menu.billing.id, '3', 'Billing', 1), // D
            option(ids.toAccounts, 'menu', null, '4', 'Accounts', 7, ids.accounts), // C D E F G H I
          ],
          back: 0,
          repeat: 0,
          operator: 0,
          failures: { noMatch: 1, noInput: 0, lowConfidence: 1 }, // J; L's low confidence was the language's
          hungUp: 1, // L
        },
        {
          id: ids.accounts,
          name: 'Accounts',
          root: false,
          reached: 7, // C D E F H I answered there, G hung up there
          options: [
            option(ids.invoices, 'department', ctx.menu.billing.id, '1', 'Invoices', 1), // C
            option(ids.accountsSales, 'department', ctx.menu.sales.id, '2', 'Sales', 1), // E
            option(ids.message, 'voicemail', null, '3', 'Leave a message', 1), // I
          ],
          back: 1, // D
          repeat: 1, // E
          operator: 1, // H
          failures: { noMatch: 1, noInput: 1, lowConfidence: 0 }, // F
          hungUp: 2, // F, G (I had left for the voicemail)
        },
        {
          id: ids.promotions,
          name: null,
          root: false,
          reached: 1, // M
          options: [],
          back: 0,
          repeat: 0,
          operator: 0,
          failures: NO_FAILURES,
          hungUp: 0,
        },
      ],
    });
  });

  it('answers a viewer token the same', async () => {
    const asAdmin = await get('/admin/reports/menus').expect(200);
    const asViewer = await get('/admin/reports/menus', viewerClient(ctx.app)).expect(200);

    expect(asViewer.body).toStrictEqual(asAdmin.body);
  });

  it('answers zeros for every menu as it is now in a range without calls', async () => {
    const response = await adminClient(ctx.app).get('/admin/reports/menus?from=2020-01-01&to=2020-02-01').expect(200);

    expect(response.body.menus.map((menu: { name: string; reached: number }) => [menu.name, menu.reached])).toEqual([
      ['Main menu', 0],
      ['Accounts', 0],
    ]);
  });

  it('breaks the calls down by language in the summary; calls without one in the default language', async () => {
    const response = await get('/admin/reports/summary').expect(200);

    expect(response.body.byLanguage).toStrictEqual([
      // A C D F G H J M.
      {
        language: 'en-US',
        total: 8,
        inProgress: 0,
        byOutcome: { ...ZERO_OUTCOMES, connected: 5, operator: 1, abandoned: 2 },
      },
      // B E I L, and K (no language chosen) and N (from before languages).
      { language: 'es-MX', total: 6, inProgress: 0, byOutcome: { ...ZERO_OUTCOMES, connected: 3, abandoned: 3 } },
    ]);
    expect(response.body.total).toBe(14);
  });

  it("leaves the choice of language out of the summary's menu answers", async () => {
    const response = await get('/admin/reports/summary').expect(200);

    expect(response.body).toMatchObject({
      // Thirteen language rounds (twelve keys, one speech) are not among these.
      inputMix: { dtmf: 21, speech: 2, none: 1 },
      // B's "support" and J's "sales"; L's "Español" heard with low confidence chose a language, not a menu option.
      lowConfidenceRate: 0.5,
      // Routed: A 1, B 1, C 2, D 3, E 3, J 3, M 2, N 1 menu answers (their language rounds left out).
      averageAttemptsToRoute: 2,
    });
  });

  it("shows the menus of each answer in a call's timeline, and the path through them", async () => {
    const response = await adminClient(ctx.app).get(`/admin/call-sessions/${calls.d.callSid}`).expect(200);

    expect(response.body.language).toBe('en-US');
    expect(
      response.body.timeline.map((attempt: Record<string, unknown>) => [
        attempt.round,
        attempt.decision,
        attempt.menuId,
        attempt.menuName,
        attempt.optionId,
      ]),
    ).toEqual([
      [1, 'language', null, null, null],
      [2, 'submenu', null, 'Main menu', ids.toAccounts],
      [3, 'back', ids.accounts, 'Accounts', null],
      [4, 'route', null, 'Main menu', null],
    ]);
    expect(response.body.menuPath).toEqual(['Main menu', 'Accounts', 'Main menu']);
  });

  it.each([
    ['g', ['Main menu', 'Accounts']],
    ['m', ['Main menu', null]],
    ['k', []],
    ['l', []],
  ])('shows the path of call %s: the menu it hung up in, and deleted menus unnamed', async (name, path) => {
    const response = await adminClient(ctx.app).get(`/admin/call-sessions/${calls[name].callSid}`).expect(200);

    expect(response.body.menuPath).toEqual(path);
  });

  it("lists each call's language, the default for calls without one, in the listing and at the end of the CSV", async () => {
    const listing = await get('/admin/call-sessions?limit=100').expect(200);
    const csv = await get('/admin/call-sessions?format=csv').buffer(true).expect(200);

    const languageOf = new Map(
      (listing.body.items as { callSid: string; language: string }[]).map((item) => [item.callSid, item.language]),
    );
    expect([calls.a, calls.b, calls.k, calls.l].map((played) => languageOf.get(played.callSid))).toEqual([
      'en-US',
      'es-MX',
      'es-MX',
      'es-MX',
    ]);
    expect(languageOf.get(ids.n)).toBe('es-MX');
    const [header, ...lines] = csv.text.trimEnd().split('\r\n');
    expect(header.split(',').at(-1)).toBe('language');
    const csvLanguageOf = new Map(lines.map((line) => [line.split(',')[0], line.split(',').at(-1)]));
    expect(csvLanguageOf).toEqual(languageOf);
  });

  describe('bad requests, as for the other reports', () => {
    it.each([
      ['/admin/reports/menus', 'from is required'],
      ['/admin/reports/menus?from=2025-03-01', 'to is required'],
      ['/admin/reports/menus?from=yesterday&to=2025-03-01', 'from must be an ISO 8601 date (2026-01-31)'],
      ['/admin/reports/menus?from=2025-03-02&to=2025-03-01', 'from must not be after to'],
      ['/admin/reports/menus?from=2024-01-01&to=2026-01-01', 'the range may span at most 366 days'],
      ['/admin/reports/menus?from=2025-03-01&to=2025-03-02&menuId=x', 'property menuId should not exist'],
    ])('answers 400 for %s', async (path, message) => {
      const response = await viewerClient(ctx.app).get(path).expect(400);

      expect(JSON.stringify(response.body)).toContain(message);
    });

    it('answers 401 without a token', async () => {
      await request(ctx.app.getHttpServer()).get('/admin/reports/menus?from=2025-03-01&to=2025-03-02').expect(401);
    });

    it('answers 503 with Retry-After when its query outlasts the statement timeout', async () => {
      await expectReportTimeout(
        ctx.databaseUrl,
        ctx.dataSource,
        'ivr.call_attempts',
        '/admin/reports/menus?from=2025-03-01&to=2025-03-02',
      );
    });
  });
});
