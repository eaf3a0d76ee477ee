import type { Browser } from 'playwright-core';
import request from 'supertest';
import { consoleUrlOf, launchChromium, openConsole, signIn, waitForText } from './helpers/console-browser.js';
import { ADMIN_SECRET, VIEWER_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('the web console: page, sign-in and policy', () => {
  const context = useTestApp({ menu: 'beforeAll' });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('serves its page under a strict Content-Security-Policy, redirecting /console to /console/', async () => {
    const redirect = await request(context.app.getHttpServer()).get('/console?from=x');
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe('/console/?from=x');
    const page = await request(context.app.getHttpServer()).get('/console/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.text).toContain('<meta name="ivr-admin-base" content="../admin"');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toMatch(/<style|style="/);
  });

  it('serves no file outside its assets', async () => {
    const server = context.app.getHttpServer();
    for (const path of ['/console/assets/..%2Findex.html', '/console/assets/.env', '/console/assets/x.map'])
      expect((await request(server).get(path)).status).toBe(404);
  });

  it('answers who is signed in at /admin/me', async () => {
    const server = context.app.getHttpServer();
    const me = await request(server).get('/admin/me').set('Authorization', `Bearer ${VIEWER_SECRET}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: 'token:victor', name: 'victor', role: 'viewer' });
    expect((await request(server).get('/admin/me')).status).toBe(401);
  });

  it('refuses a wrong token at sign-in, signs in with the right one and signs out', async () => {
    const tab = await openConsole(browser, await consoleUrlOf(context.app));
    try {
      await tab.page.getByLabel('Admin token').fill('not-a-token-of-ours-0123456789');
      await tab.page.getByRole('button', { name: 'Sign in' }).click();
      await waitForText(tab.page, '[role=alert]', 'That token is not accepted');
      await tab.screenshot('sign-in');
      await signIn(tab, ADMIN_SECRET);
      await waitForText(tab.page, '.who', 'alice');
      await tab.page.getByRole('button', { name: 'Sign out' }).click();
      await tab.page.getByLabel('Admin token').waitFor();
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
