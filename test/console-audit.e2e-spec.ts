import type { Browser } from 'playwright-core';
import { adminClient, NEW_DEPARTMENT } from './helpers/admin-client.js';
import { launchChromium, waitForText } from './helpers/console-browser.js';
import { pageOverflow, signedInTab } from './helpers/console-reports.js';
import { ADMIN_SECRET, VIEWER_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('the console: audit log', () => {
  const context = useTestApp({ menu: 'beforeAll' });
  let browser: Browser;
  let departmentId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    const admin = adminClient(context.app);
    const created = await admin.post('/admin/departments', NEW_DEPARTMENT).expect(201);
    departmentId = created.body.id;
    await admin
      .patch(`/admin/departments/${departmentId}`, { phoneNumber: '+15555550144' }, created.headers.etag)
      .expect(200);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists a change made through the API with its actor and a field-by-field diff, and says the chain is intact', async () => {
    const tab = await signedInTab(browser, context.app, VIEWER_SECRET, '/audit');
    try {
      const { page } = tab;
      const verify = await adminClient(context.app).get('/admin/audit-log/verify').expect(200);
      expect(verify.body.ok).toBe(true);
      await waitForText(page, '[data-testid=chain-verification]', `Chain intact: ${verify.body.entries} entries`);

      const latest = (await adminClient(context.app).get('/admin/audit-log?limit=1').expect(200)).body.items[0];
      expect(latest).toMatchObject({ action: 'update', entity: 'department', entityId: departmentId, actor: 'alice' });
      const entry = page.locator(`[data-entry-id="${latest.id}"]`);
      await entry.waitFor();
      const text = await entry.innerText();
      expect(text).toContain('update department');
      expect(text).toContain('by alice (admin)');
      const changes = await entry.locator('ul.diff li').allInnerTexts();
      expect(changes).toContain('phoneNumber: "+15555550104" → "+15555550144"');
      expect(changes.join('\n')).not.toContain('name:');

      // The creation: every field new.
      const creation = page.locator('.audit-entry').filter({ hasText: 'create department' });
      expect(await creation.locator('ul.diff li').allInnerTexts()).toContain('name: — → "Returns"');
      await tab.screenshot('audit');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('filters by entity, entity id and actor into a link, as the API does', async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET, '/audit');
    try {
      const { page } = tab;
      await page.getByLabel('Entity', { exact: true }).selectOption('department');
      await page.getByLabel('Entity id').fill(departmentId);
      await page.getByLabel('Actor (name or id)').fill('alice');
      await page.getByRole('button', { name: 'Apply' }).click();
      const api = (
        await adminClient(context.app)
          .get(`/admin/audit-log?entity=department&entityId=${departmentId}&actor=alice`)
          .expect(200)
      ).body;
      expect(api.items).toHaveLength(2);

      await waitForText(page, '.pager-where', 'Page 1, 2 rows');
      const shown = await page
        .locator('.audit-entry')
        .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-entry-id')));
      expect(shown).toEqual(api.items.map((item: { id: string }) => item.id));
      expect(page.url()).toContain(`#/audit?entity=department&entityId=${departmentId}&actor=alice`);

      await tab.page.setViewportSize({ width: 390, height: 844 });
      expect(await pageOverflow(tab)).toBeLessThanOrEqual(0);
      await tab.screenshot('audit-phone');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
