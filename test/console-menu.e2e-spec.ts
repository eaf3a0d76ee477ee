import type { Browser } from 'playwright-core';
import request from 'supertest';
import { adminClient } from './helpers/admin-client.js';
import { answer, startCall } from './helpers/calls.js';
import {
  type ConsoleTab,
  consoleUrlOf,
  launchChromium,
  openConsole,
  signIn,
  waitForText,
} from './helpers/console-browser.js';
import { ADMIN_SECRET, VIEWER_SECRET } from './helpers/test-app.js';
import { findOrFail } from './helpers/twiml.js';
import { pollUntil } from './helpers/deadline.js';
import { useTestApp } from './helpers/use-test-app.js';

const PHONE = { width: 390, height: 844 };

describe('the web console: Menu & hours', () => {
  const context = useTestApp({ menu: 'beforeAll' });
  let browser: Browser;
  const tabs: ConsoleTab[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(tabs.splice(0).map((tab) => tab.close()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A tab signed in with `secret`, on the menu page's `section` tab. */
  async function openMenu(section: string, secret = ADMIN_SECRET, viewport?: typeof PHONE): Promise<ConsoleTab> {
    const tab = await openConsole(browser, await consoleUrlOf(context.app), viewport);
    tabs.push(tab);
    await signIn(tab, secret);
    await tab.page.getByRole('link', { name: 'Menu & hours' }).click();
    await tab.page.getByRole('navigation', { name: 'Menu and hours' }).getByRole('link', { name: section }).click();
    await tab.page.getByRole('heading', { level: 2 }).first().waitFor();
    return tab;
  }

  const api = () => adminClient(context.app);

  async function departmentNamed(name: string): Promise<{ id: string; etag: string }> {
    const list = await api().get('/admin/departments').expect(200);
    const { id } = (list.body as { id: string; name: string }[]).find((department) => department.name === name)!;
    const one = await api().get(`/admin/departments/${id}`).expect(200);
    return { id, etag: one.headers.etag };
  }

  it('creates a department that a call reaches by its key', async () => {
    const tab = await openMenu('Departments');
    const { page } = tab;
    await page.getByLabel('Name').fill('Returns');
    await page.getByLabel('Key', { exact: true }).selectOption('4');
    await page.getByLabel('Phone number').fill('+15555550104');
    await page.getByLabel('Keywords').fill('returns,\nsend back');
    await page.getByRole('button', { name: 'Add department' }).click();
    await waitForText(page, '[role=status]', 'Created Returns.');
    await waitForText(page, 'table.departments tr', /4\s*Returns\s*\+15555550104\s*returns, send back/);
    await tab.screenshot('menu-departments');

    const created = (await api().get('/admin/departments').expect(200)).body as { id: string; name: string }[];
    const returns = created.find((department) => department.name === 'Returns')!;
    expect(returns).toMatchObject({ digit: '4', keywords: ['returns', 'send back'], active: true, inRootMenu: true });

    const { callSid } = await startCall(context.app);
    const routed = await answer(context.app, callSid, 1, { Digits: '4' });
    expect(findOrFail(routed.text, 'Number').text).toBe('+15555550104');
    const session = await api().get(`/admin/call-sessions/${callSid}`).expect(200);
    expect(session.body.department).toMatchObject({ id: returns.id, name: 'Returns' });

    // The call is in the call log, and its page shows the round that reached Returns.
    await page.getByRole('link', { name: 'Calls' }).click();
    const row = page.locator(`[data-testid=call-log] tr[data-call-sid="${callSid}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Returns');
    await row.getByRole('link').first().click();
    await waitForText(page, '[data-testid=timeline] tbody tr', /Pressed 4[\s\S]*Returns/);
    await tab.screenshot('menu-department-call');
    expect(tab.problems).toEqual([]);
  });

  it('shows the API’s message beside the field of an invalid edit', async () => {
    const tab = await openMenu('Departments');
    const { page } = tab;
    await page.getByRole('button', { name: 'Edit Sales' }).click();
    await page.getByRole('heading', { name: 'Edit Sales' }).waitFor();
    await page.getByLabel('Keywords').fill(`sales, ${'x'.repeat(101)}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await waitForText(page, '.field-error[data-field=keywords]', /100 characters/);
    await waitForText(page, '[role=alert]', 'see the messages beside the fields');

    await page.getByLabel('Keywords').fill('sales, buy');
    await page.getByLabel('Key', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await waitForText(
      page,
      '.field-error[data-field=digit]',
      'Digit 2 is already used by the active department "Support"',
    );
    expect(await page.locator('.field-error[data-field=keywords]').count()).toBe(0);
    await tab.screenshot('menu-department-invalid');

    const sales = await api().get(`/admin/departments/${context.menu.sales.id}`).expect(200);
    expect(sales.body).toMatchObject({ digit: '1', keywords: ['sales', 'buy'] });
    expect(tab.problems).toEqual([]);
  });

  it('says so when someone else changed the department meanwhile, and Reload shows their change', async () => {
    const tab = await openMenu('Departments');
    const { page } = tab;
    await page.getByRole('button', { name: 'Edit Support' }).click();
    await page.getByRole('heading', { name: 'Edit Support' }).waitFor();

    const { id, etag } = await departmentNamed('Support');
    await api().patch(`/admin/departments/${id}`, { phoneNumber: '+15555550222' }, etag).expect(200);

    await page.getByLabel('Keywords').fill('support, help, repairs');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await waitForText(page, '.conflict', 'Someone else changed this');
    await tab.screenshot('menu-department-conflict');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.locator('.conflict').waitFor({ state: 'detached' });
    // The form is reset once the department is read again.
    const phone = await pollUntil(
      () => page.getByLabel('Phone number').inputValue(),
      (value) => value === '+15555550222',
      10_000,
    );
    expect(phone).toBe('+15555550222');
    expect(await page.getByLabel('Keywords').inputValue()).toBe('support, technical support, help');

    const support = await api().get(`/admin/departments/${id}`).expect(200);
    expect(support.body.keywords).toEqual(['support', 'technical support', 'help']);
    expect(tab.problems).toEqual([]);
  });

  it('deactivates a department after confirming, and reactivates it', async () => {
    const tab = await openMenu('Departments');
    const { page } = tab;
    await page.getByRole('button', { name: 'Edit Billing' }).click();
    await page.getByRole('button', { name: 'Deactivate…' }).click();
    await page.getByRole('button', { name: 'Deactivate Billing' }).click();
    await waitForText(page, '[role=status]', 'Deactivated Billing.');
    await waitForText(page, 'table.departments tr', /Billing.*Inactive/);
    expect((await api().get(`/admin/departments/${context.menu.billing.id}`).expect(200)).body.active).toBe(false);

    await page.getByRole('button', { name: 'Reactivate' }).click();
    await waitForText(page, '[role=status]', 'Reactivated Billing.');
    expect((await api().get(`/admin/departments/${context.menu.billing.id}`).expect(200)).body.active).toBe(true);
    expect(tab.problems).toEqual([]);
  });

  it('saves a setting and a prompt, and shows a refused value beside its field', async () => {
    const tab = await openMenu('Settings & prompts');
    const { page } = tab;
    await page.getByLabel('Attempts before the operator').fill('4');
    await page.getByLabel('No match', { exact: true }).fill('That is not one of the options.');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(page, '[role=status]', 'Settings saved.');
    await tab.screenshot('menu-settings');

    const settings = await api().get('/admin/settings').expect(200);
    expect(settings.body).toMatchObject({ maxAttempts: 4, operatorNumber: '+15555550100' });
    expect(settings.body.prompts.noMatch).toBe('That is not one of the options.');

    await page.getByLabel('Attempts before the operator').fill('11');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(page, '.field-error[data-field=maxAttempts]', 'maxAttempts must be an integer between 1 and 10');
    expect(tab.problems).toEqual([]);
  });

  it('sets weekly hours in the grid and shows whether the department is open now', async () => {
    const tab = await openMenu('Hours');
    const { page } = tab;
    await page.getByLabel('Department').selectOption({ label: 'Billing' });
    await waitForText(page, '.availability', 'Open now (no business hours set)');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    for (const day of ['Monday', 'Tuesday']) await page.getByRole('button', { name: `Add hours to ${day}` }).click();
    await page.getByLabel('Monday, interval 1, closes').fill('12:00');
    await page.getByRole('button', { name: 'Add hours to Monday' }).click();
    await page.getByLabel('Monday, interval 2, opens').fill('13:00');
    await page.getByLabel('Monday, interval 2, closes').fill('17:30');
    await page.getByLabel('Tuesday, interval 1, opens').fill('22:00');
    await page.getByLabel('Tuesday, interval 1, closes').fill('06:00');
    await page.getByRole('button', { name: 'Add a special date' }).click();
    await page.getByLabel('Date', { exact: true }).fill('2030-12-24');
    await page.getByLabel('Name', { exact: true }).fill('Christmas Eve');
    await page.getByLabel('Callers who choose it while closed').selectOption('forward');
    await page.getByLabel('Forward to').fill('+15555550199');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await waitForText(page, '[role=status]', 'Hours saved.');
    await waitForText(page, '.availability', /^(Open|Closed) now \((regular hours|outside regular hours)\)/);
    await tab.screenshot('menu-hours');

    const schedule = await api().get(`/admin/departments/${context.menu.billing.id}/schedule`).expect(200);
    expect(schedule.body).toMatchObject({
      timeZone: 'America/New_York',
      weekly: {
        monday: [
          { opens: '09:00', closes: '12:00' },
          { opens: '13:00', closes: '17:30' },
        ],
        tuesday: [{ opens: '22:00', closes: '06:00' }],
      },
      overrides: [{ date: '2030-12-24', name: 'Christmas Eve', hours: [] }],
      followCompanyHolidays: true,
      closedAction: 'forward',
      forwardTo: '+15555550199',
      hideWhenClosed: false,
    });
    expect(schedule.body.weekly).toMatchObject({ wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] });

    await page.getByLabel('Monday, interval 2, opens').fill('11:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await waitForText(page, '.field-error', 'weekly intervals must not overlap');
    expect(tab.problems).toEqual([]);
  });

  it('adds a company holiday and deletes it', async () => {
    const tab = await openMenu('Holidays');
    const { page } = tab;
    await page.getByLabel('Date').fill('2030-12-25');
    await page.getByLabel('Name').fill('Christmas Day');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await waitForText(page, '[role=status]', 'Added Christmas Day.');
    await waitForText(page, 'table.holidays tr', /2030.*Christmas Day/);
    await tab.screenshot('menu-holidays');
    const [holiday] = (await api().get('/admin/holidays').expect(200)).body as { date: string; name: string }[];
    expect(holiday).toMatchObject({ date: '2030-12-25', name: 'Christmas Day' });

    await page.getByLabel('Date').fill('2030-12-25');
    await page.getByLabel('Name').fill('Christmas again');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await waitForText(page, '.field-error[data-field=date]', '2030-12-25');

    await page.getByRole('button', { name: 'Delete Christmas Day' }).click();
    await waitForText(page, '[role=status]', 'Deleted Christmas Day.');
    await page.locator('table.holidays').waitFor({ state: 'detached' });
    expect((await api().get('/admin/holidays').expect(200)).body).toEqual([]);
    expect(tab.problems).toEqual([]);
  });

  it('previews the root menu as callers hear it now, and which departments are closed', async () => {
    // Hours on no day: closed whenever the preview is looked at.
    await request(context.app.getHttpServer())
      .put(`/admin/departments/${context.menu.support.id}/schedule`)
      .set('Authorization', `Bearer ${ADMIN_SECRET}`)
      .send({ timeZone: 'UTC', weekly: {} })
      .expect(201);

    const tab = await openMenu('Preview');
    const { page } = tab;
    await waitForText(page, 'blockquote.says', /For Sales, press 1 or say sales\./);
    await waitForText(page, 'blockquote.says', /For Support, which is closed now, press 2/);
    await waitForText(page, 'section[aria-labelledby=closed-now] li', 'Support: Closed now (outside regular hours)');
    await tab.screenshot('menu-preview');
    expect(tab.problems).toEqual([]);
  });

  it('shows a viewer the menu read-only, without create, edit or delete controls', async () => {
    const tab = await openMenu('Departments', VIEWER_SECRET, PHONE);
    const { page } = tab;
    await waitForText(page, 'table.departments tr', /Sales/);
    await waitForText(page, '.viewer-note', 'Viewers cannot change the menu');
    expect(await page.getByRole('button', { name: /Edit|Add department|Deactivate/ }).count()).toBe(0);
    expect(await page.getByLabel('Name').count()).toBe(0);
    await tab.screenshot('menu-departments-viewer-phone');

    await page.getByRole('link', { name: 'Settings & prompts' }).click();
    await page.getByLabel('Attempts before the operator').waitFor();
    expect(await page.getByLabel('Attempts before the operator').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Holidays' }).click();
    await waitForText(page, '.viewer-note', 'Viewers cannot change the menu');
    expect(await page.getByRole('button', { name: 'Add holiday' }).count()).toBe(0);
    expect(tab.problems).toEqual([]);
  });

  it('fits a phone screen', async () => {
    for (const section of ['Departments', 'Hours']) {
      const tab = await openMenu(section, ADMIN_SECRET, PHONE);
      const overflow = await tab.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await tab.screenshot(`menu-${section.toLowerCase()}-phone`);
      expect(tab.problems).toEqual([]);
    }
  });
});
