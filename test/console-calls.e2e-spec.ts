import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { adminClient, viewerClient } from './helpers/admin-client.js';
import { launchChromium, waitForText } from './helpers/console-browser.js';
import { pageOverflow, type PlacedCalls, placeCalls, showRoute, signedInTab } from './helpers/console-reports.js';
import { pollUntil } from './helpers/deadline.js';
import { playCall } from './helpers/reporting.js';
import { ADMIN_SECRET, callParams, signedPost, VIEWER_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

/** GET /admin/call-sessions, as far as these tests read it. */
interface CallPage {
  items: { callSid: string; from: string }[];
  nextCursor: string | null;
}

const MESSAGE = 'Hi, this is Sam. Please call me back about order 42.';

/** The CallSids the call log shows, in order. */
const shownCallSids = (page: Page): Promise<string[]> =>
  page
    .locator('[data-testid=call-log] tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-call-sid') ?? ''));

/** Waits until the log shows exactly `expected` (in order), and returns what it shows. */
const logShows = (page: Page, expected: string[]): Promise<string[]> =>
  pollUntil(
    () => shownCallSids(page),
    (shown) => JSON.stringify(shown) === JSON.stringify(expected),
    10_000,
  );

const itemsOf = (body: { items: { callSid: string }[] }): string[] => body.items.map((item) => item.callSid);

describe('the console: call log and call page', () => {
  const context = useTestApp({ menu: 'beforeAll' });
  let browser: Browser;
  let calls: PlacedCalls;

  beforeAll(async () => {
    browser = await launchChromium();
    await adminClient(context.app).patch('/admin/settings', { transcribeVoicemail: true }, '*').expect(200);
    calls = await placeCalls(context.app, MESSAGE);
    // Six more hang-ups: twelve calls, two pages of ten.
    for (let index = 0; index < 6; index++)
      await (await playCall(context.app, `+1555888000${index}`)).ended('completed', 4);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const listing = async (query: string): Promise<CallPage> =>
    (await adminClient(context.app).get(`/admin/call-sessions?${query}`).expect(200)).body as CallPage;

  it('filters by outcome, department and caller into a link, as the API filters', async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET, '/calls');
    try {
      const { page } = tab;
      expect(await logShows(page, itemsOf(await listing('')))).toHaveLength(12);

      await page.getByLabel('Outcome').selectOption('voicemail');
      await page.getByRole('button', { name: 'Apply' }).click();
      const voicemails = itemsOf(await listing('outcome=voicemail'));
      expect(voicemails).toEqual([calls.voicemail.callSid]);
      expect(await logShows(page, voicemails)).toEqual(voicemails);
      expect(page.url()).toContain('#/calls?outcome=voicemail');

      await page.getByLabel('Outcome').selectOption('');
      await page.getByLabel('Department').selectOption({ label: 'Support' });
      await page.getByRole('button', { name: 'Apply' }).click();
      const support = itemsOf(await listing(`departmentId=${context.menu.support.id}`));
      expect(support).toEqual([calls.supportBySpeech.callSid]);
      expect(await logShows(page, support)).toEqual(support);

      await page.getByLabel('Department').selectOption('');
      await page.getByLabel('Caller number').fill('+15551230123');
      await page.getByRole('button', { name: 'Apply' }).click();
      const byCaller = itemsOf(await listing(`caller=${encodeURIComponent('+15551230123')}`));
      expect(byCaller).toEqual([calls.salesByKeypad.callSid]);
      expect(await logShows(page, byCaller)).toEqual(byCaller);

      // The filtered view is a link: opened afresh, it shows the same calls.
      const link = new URL(page.url()).hash.slice(1);
      await showRoute(tab, '/calls');
      await logShows(page, itemsOf(await listing('')));
      await showRoute(tab, link);
      expect(await logShows(page, byCaller)).toEqual(byCaller);
      expect(await page.getByLabel('Caller number').inputValue()).toBe('+15551230123');

      // A date range of today holds them all; one of yesterday none.
      const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
      await showRoute(tab, `/calls?from=${today}&to=${today}`);
      await logShows(page, itemsOf(await listing('')));
      const yesterday = await page.evaluate(() => new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA'));
      await showRoute(tab, `/calls?to=${yesterday}`);
      await waitForText(page, 'section.records p', 'No calls match these filters.');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('pages with the API cursor: next, and back to the first page', async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET, '/calls');
    try {
      const { page } = tab;
      await page.getByLabel('Rows per page').selectOption('10');
      await page.getByRole('button', { name: 'Apply' }).click();
      const first = await listing('limit=10');
      expect(first.nextCursor).not.toBeNull();
      expect(await logShows(page, itemsOf(first))).toHaveLength(10);

      await page.getByRole('link', { name: 'Next page' }).click();
      const second = await listing(`limit=10&cursor=${first.nextCursor}`);
      expect(second.nextCursor).toBeNull();
      expect(await logShows(page, itemsOf(second))).toHaveLength(2);
      await waitForText(page, '.pager-where', 'Page 2, 2 rows');
      expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);

      await page.getByRole('link', { name: 'First page' }).click();
      expect(await logShows(page, itemsOf(first))).toHaveLength(10);
      await tab.screenshot('calls');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it("exports the filter's CSV: the same file the API gives", async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET, '/calls?outcome=abandoned');
    try {
      const { page } = tab;
      await logShows(page, itemsOf(await listing('outcome=abandoned')));
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /Export CSV/ }).click(),
      ]);
      const file = await readFile(await download.path(), 'utf8');
      const api = await adminClient(context.app).get('/admin/call-sessions?outcome=abandoned&format=csv').expect(200);

      expect(download.suggestedFilename()).toMatch(/^call-sessions-\d{8}T\d{6}Z\.csv$/);
      expect(file).toBe(api.text);
      expect(file.trim().split('\r\n')).toHaveLength(1 + 7);
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('shows a call: its facts, the rounds with what was pressed or said, the dial and the transcribed voicemail', async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET, '/calls?outcome=voicemail');
    try {
      const { page } = tab;
      await logShows(page, [calls.voicemail.callSid]);
      await page.locator(`tr[data-call-sid="${calls.voicemail.callSid}"] a`).click();
      await waitForText(page, 'h1', calls.voicemail.callSid);

      await waitForText(page, '[data-testid=call-outcome]', 'Voicemail');
      expect(await page.getByTestId('call-from').innerText()).toBe('+15553330002');
      const rounds = await page.getByTestId('timeline').locator('tbody tr').allInnerTexts();
      expect(rounds).toHaveLength(2);
      expect(rounds[0]).toContain('Said "sales please" (confidence 30%)');
      expect(rounds[0]).toContain('Asked again: not sure what was said');
      expect(rounds[1]).toContain('Pressed 3');
      expect(rounds[1]).toContain('Put through to the department');
      expect(rounds[1]).toContain('Billing');
      expect(await page.getByTestId('dial-status').innerText()).toBe('no-answer');
      expect(await page.getByTestId('transcription').innerText()).toBe(MESSAGE);
      expect(await page.getByTestId('voicemail').getByRole('link').getAttribute('href')).toContain('/Recordings/RE');
      await tab.screenshot('call');

      await showRoute(tab, `/calls/${calls.supportBySpeech.callSid}`);
      await waitForText(page, '[data-testid=timeline] td', 'Said "support" (confidence 90%)');
      await waitForText(page, '[data-testid=dial-status]', 'completed');

      await showRoute(tab, `/calls/CA${'f'.repeat(32)}`);
      await waitForText(page, '[data-testid=call-not-found]', 'There is no call with that CallSid');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('shows a viewer masked caller numbers, in the log and on the call page, and no caller filter', async () => {
    const tab = await signedInTab(browser, context.app, VIEWER_SECRET, '/calls', { width: 390, height: 844 });
    try {
      const { page } = tab;
      const api = (await viewerClient(context.app).get('/admin/call-sessions').expect(200)).body;
      await logShows(page, itemsOf(api));
      const shownFrom = await page.locator('[data-testid=call-log] td.caller').allInnerTexts();
      expect(shownFrom).toEqual(api.items.map((item: { from: string }) => item.from));
      expect(shownFrom).toContain('+1555***0123');
      expect(shownFrom.join()).not.toContain('+15551230123');
      expect(await page.getByLabel('Caller number').count()).toBe(0);
      expect(await pageOverflow(tab)).toBeLessThanOrEqual(0);
      await tab.screenshot('calls-phone');

      await showRoute(tab, `/calls/${calls.voicemail.callSid}`);
      await waitForText(page, '[data-testid=call-from]', '+1555***0002');
      // A viewer gets no recording URL; the transcription it does get.
      expect(await page.getByTestId('voicemail').getByRole('link').count()).toBe(0);
      expect(await page.getByTestId('transcription').innerText()).toBe(MESSAGE);
      expect(await pageOverflow(tab)).toBeLessThanOrEqual(0);
      await tab.screenshot('call-phone');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it("shows Twilio's error on the page of a call Twilio sent to the fallback URL", async () => {
    const call = await playCall(context.app);
    await signedPost(
      context.app,
      '/voice/fallback',
      callParams(call.callSid, { ErrorCode: '11200', ErrorUrl: 'https://ivr.example.test/voice/incoming' }),
    ).expect(200);
    // Answered without the database; the error is written when the spool drains.
    await pollUntil(
      async () =>
        (await adminClient(context.app).get(`/admin/call-sessions/${call.callSid}`)).body as { twilioError: unknown },
      (body) => body.twilioError !== null,
    );
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET, `/calls/${call.callSid}`);
    try {
      await waitForText(
        tab.page,
        '[data-testid=call-problems]',
        'Twilio error 11200 fetching https://ivr.example.test/voice/incoming',
      );
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
