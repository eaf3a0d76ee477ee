import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppConfig } from '../src/config/app-config.js';
import type { Department } from '../src/routing/department.entity.js';
import type { LanguageOffer } from '../src/routing/languages.js';
import { Menu } from '../src/routing/menu.entity.js';
import { MenuOption } from '../src/routing/menu-option.entity.js';
import { callSidOf, type CliResult, runCallCli } from './helpers/call-cli.js';
import { createDepartment, menuChanged, OPERATOR_NUMBER, SALES, updateSettings } from './helpers/factories.js';
import { ADMIN_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

const TECHNICAL = { name: 'Technical', phoneNumber: '+15555550201' };
const ACCOUNTS = { name: 'Accounts', phoneNumber: '+15555550202' };
const LANGUAGES: LanguageOffer[] = [
  { code: 'en-US', name: 'English', digit: '1' },
  { code: 'es-MX', name: 'español', digit: '2', voice: 'Polly.Mia' },
];

describe('npm run call through a menu tree in two languages (e2e)', () => {
  const ctx = useTestApp();
  let url: string;
  let dataDir: string;
  let technical: Department;
  let accounts: Department;
  let sales: Department;

  /**
   * English (1, the default) and Mexican Spanish (2, Polly.Mia). The root: Sales (1) and the submenu Support (2,
   * "support" / "soporte"), which offers Technical (1) and Accounts (2), both only there, with `*` and `#`.
   */
  async function seedTwoLevelMenuInTwoLanguages(): Promise<void> {
    const { app, dataSource } = ctx;
    sales = await createDepartment(app, SALES);
    technical = await createDepartment(app, {
      ...TECHNICAL,
      keywords: ['technical'],
      inRootMenu: false,
      translations: { 'es-MX': { name: 'Soporte técnico', keywords: ['técnico'] } },
    });
    accounts = await createDepartment(app, {
      ...ACCOUNTS,
      keywords: ['accounts'],
      inRootMenu: false,
      translations: { 'es-MX': { name: 'Cuentas', keywords: ['cuentas'] } },
    });
    await updateSettings(app, {
      operatorNumber: OPERATOR_NUMBER,
      languages: LANGUAGES,
      translations: {
        'es-MX': {
          greeting: 'Gracias por llamar.',
          prompts: {
            languageChoice: 'Para {language}, oprima {digit}.',
            menuOptionDigitAndKeyword: 'Para {department}, oprima {digit} o diga {keyword}.',
            menuBackKey: 'Para volver, oprima asterisco.',
            menuRepeatKey: 'Para escuchar de nuevo, oprima numeral.',
            connectingToDepartment: 'Le comunicamos con {department}.',
          },
        },
      },
    });
    const menus = dataSource.getRepository(Menu);
    const options = dataSource.getRepository(MenuOption);
    const root = await menus.findOneByOrFail({ isRoot: true });
    const support = await menus.save({
      name: 'Support',
      prompt: 'Support menu.',
      translations: { 'es-MX': { name: 'Soporte', prompt: 'Menú de soporte.' } },
      isRoot: false,
      backKey: true,
      repeatKey: true,
      operatorKey: false,
    });
    await options.save([
      {
        menuId: root.id,
        position: 2,
        digit: '2',
        keywords: ['support'],
        translations: { 'es-MX': { keywords: ['soporte'] } },
        action: 'menu',
        targetMenuId: support.id,
      },
      { menuId: support.id, position: 1, digit: '1', action: 'department', departmentId: technical.id },
      { menuId: support.id, position: 2, digit: '2', action: 'department', departmentId: accounts.id },
    ]);
    menuChanged(app);
  }

  beforeAll(async () => {
    await ctx.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    dataDir = ctx.app.get(AppConfig).dataDir;
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'admin-token'), `${ADMIN_SECRET}\n`);
    await seedTwoLevelMenuInTwoLanguages();
  });

  const call = (...args: string[]): Promise<CliResult> =>
    runCallCli(['--url', url, ...args], { env: { DATA_DIR: dataDir } });

  async function sessionOf(result: CliResult): Promise<unknown> {
    const [session] = await ctx.dataSource.query(
      'SELECT language, department_id, outcome FROM ivr.call_sessions WHERE call_sid = $1',
      [callSidOf(result.stdout)],
    );
    return session;
  }

  async function decisionsOf(result: CliResult): Promise<unknown> {
    const attempts: { decision: string }[] = await ctx.dataSource.query(
      'SELECT decision FROM ivr.call_attempts WHERE call_sid = $1 ORDER BY round',
      [callSidOf(result.stdout)],
    );
    return attempts.map(({ decision }) => decision);
  }

  it('chooses Spanish, then 2 and 1, and reaches the department of the submenu, hearing Spanish all along', async () => {
    const result = await call('--language', 'es-MX', '--digits', '2,1');

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.slice(1, 6)).toEqual([
      'Round 1: language choice (Gather language en-US)',
      '  IVR [en-US, Polly.Joanna]: For English, press 1.',
      '  IVR [es-MX, Polly.Mia]: Para español, oprima 2.',
      '  Caller chooses es-MX',
      '  Caller presses 2',
    ]);
    expect(result.stdout).toContain(
      'Round 2: menu (Gather language es-MX)\n' +
        '  IVR [es-MX, Polly.Mia]: Gracias por llamar. Para Sales, oprima 1 o diga sales. ' +
        'Para Soporte, oprima 2 o diga soporte.\n' +
        '  Caller presses 2\n' +
        'Round 3: menu (Gather language es-MX)\n' +
        '  IVR [es-MX, Polly.Mia]: Menú de soporte. Para Soporte técnico, oprima 1 o diga técnico. ' +
        'Para Cuentas, oprima 2 o diga cuentas. Para volver, oprima asterisco. ' +
        'Para escuchar de nuevo, oprima numeral.\n' +
        '  Caller presses 1\n' +
        '  IVR [es-MX, Polly.Mia]: Le comunicamos con Soporte técnico.\n' +
        `  Dialling ${TECHNICAL.phoneNumber}... answered`,
    );
    expect(result.stdout).toContain(`Path: language es-MX (2) → 2 → 1 → dial ${TECHNICAL.phoneNumber} (answered)`);
    expect(result.stdout).toContain(`Call ended: connected to ${TECHNICAL.phoneNumber} (stored outcome: connected)`);
    expect(await sessionOf(result)).toEqual({ language: 'es-MX', department_id: technical.id, outcome: 'connected' });
    expect(await decisionsOf(result)).toEqual(['language', 'submenu', 'route']);
  });

  it('says "soporte" to enter the submenu, then presses a digit there', async () => {
    const result = await call('--language', 'es-MX', '--say', 'soporte', '--digits', '2');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  Caller says "soporte"\nRound 3: menu (Gather language es-MX)');
    expect(result.stdout).toContain(
      `Path: language es-MX (2) → "soporte" → 2 → dial ${ACCOUNTS.phoneNumber} (answered)`,
    );
    expect(await sessionOf(result)).toEqual({ language: 'es-MX', department_id: accounts.id, outcome: 'connected' });
    const [attempt] = await ctx.dataSource.query(
      "SELECT input_kind, speech_result, menu_id FROM ivr.call_attempts WHERE call_sid = $1 AND decision = 'submenu'",
      [callSidOf(result.stdout)],
    );
    expect(attempt).toEqual({ input_kind: 'speech', speech_result: 'soporte', menu_id: null });
  });

  it('goes into Support with 2, back with *, and takes Sales with 1, in the default language without --language', async () => {
    const result = await call('--digits', '2,*,1');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  Languages offered: en-US (1), es-MX (2); without --language the caller waits for the default\n' +
        '  Caller says nothing\n' +
        'Round 2: menu (Gather language en-US)\n' +
        '  IVR [en-US, Polly.Joanna]: Thank you for calling. For Sales, press 1 or say sales. ' +
        'For Support, press 2 or say support.',
    );
    expect(result.stdout).toContain(
      '  IVR [en-US, Polly.Joanna]: Support menu. For Technical, press 1 or say technical. ' +
        'For Accounts, press 2 or say accounts. To go back, press star. To hear these options again, press pound.\n' +
        '  Caller presses *\n' +
        'Round 4: menu (Gather language en-US)',
    );
    expect(result.stdout).toContain(`Path: language: default → 2 → * → 1 → dial ${SALES.phoneNumber} (answered)`);
    expect(await sessionOf(result)).toEqual({ language: 'en-US', department_id: sales.id, outcome: 'connected' });
    expect(await decisionsOf(result)).toEqual(['language', 'submenu', 'back', 'route']);
  });

  it('hears the submenu again with #', async () => {
    const result = await call('--language', 'es', '--digits', '2,#,2');

    expect(result.code).toBe(0);
    expect(result.stdout.match(/IVR \[es-MX, Polly\.Mia\]: Menú de soporte\./g)).toHaveLength(2);
    expect(await sessionOf(result)).toEqual({ language: 'es-MX', department_id: accounts.id, outcome: 'connected' });
    expect(await decisionsOf(result)).toEqual(['language', 'submenu', 'repeat', 'route']);
  });

  it('exits 1 naming the languages offered when --language is not one of them', async () => {
    const result = await call('--language', 'de-DE', '--digits', '1');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Call failed: --language de-DE is not offered: the call offers en-US (1), es-MX (2)',
    );
  });

  it('says --language is not used when the server asks for no language', async () => {
    await updateSettings(ctx.app, { languages: [] });
    try {
      const result = await call('--language', 'es-MX', '--digits', '1');

      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        'Round 1: menu (Gather language en-US)\n' +
          '  IVR [en-US, Polly.Joanna]: Thank you for calling. For Sales, press 1 or say sales.',
      );
      expect(result.stdout).toContain('  (no choice of language offered: --language es-MX is not used)');
      expect(result.stdout).toContain(`Path: 1 → dial ${SALES.phoneNumber} (answered)`);
    } finally {
      await updateSettings(ctx.app, { languages: LANGUAGES });
    }
  });
});
