import type { Browser, Page } from 'playwright-core';
import { adminClient } from './helpers/admin-client.js';
import { launchChromium } from './helpers/console-browser.js';
import { pageOverflow, placeCalls, signedInTab } from './helpers/console-reports.js';
import { pollUntil } from './helpers/deadline.js';
import { playCall } from './helpers/reporting.js';
import { ADMIN_SECRET, VIEWER_SECRET } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

const OUTCOMES = ['connected', 'operator', 'voicemail', 'abandoned', 'failed'] as const;

type Counts = Record<(typeof OUTCOMES)[number], number>;

/** GET /admin/reports/summary, as far as these tests read it. */
interface Summary {
  total: number;
  inProgress: number;
  byOutcome: Counts;
  byDepartment: { id: string; total: number; inProgress: number; closed: number; byOutcome: Counts }[];
  lowConfidenceRate: number;
  inputMix: { dtmf: number; speech: number; none: number };
  closed: number;
}

/** A figure's raw number as the page gives it (data-value), or null while it shows none. */
async function figure(page: Page, testId: string): Promise<number | null> {
  const value = await page.getByTestId(testId).getAttribute('data-value');
  return value === null || value === '' ? null : Number(value);
}

/** The range a section of the dashboard shows (its data-from and data-to), as the API's query. */
async function rangeOf(page: Page, testId: string): Promise<string> {
  const section = page.getByTestId(testId);
  const from = await section.getAttribute('data-from');
  const to = await section.getAttribute('data-to');
  return `from=${encodeURIComponent(from ?? '')}&to=${encodeURIComponent(to ?? '')}`;
}

/** Each department row's cells, by department id. */
async function departmentRows(page: Page): Promise<Record<string, string[]>> {
  return page.getByTestId('departments').evaluate((table) => {
    const rows: Record<string, string[]> = {};
    for (const row of table.querySelectorAll('tbody tr'))
      rows[row.getAttribute('data-department-id') ?? ''] = [...row.querySelectorAll('td')].map((cell) =>
        (cell.textContent ?? '').trim(),
      );
    return rows;
  });
}

describe('the console: dashboard', () => {
  const context = useTestApp({ menu: 'beforeAll' });
  let browser: Browser;
  let lastCallAt: number;

  beforeAll(async () => {
    browser = await launchChromium();
    await placeCalls(context.app);
    lastCallAt = Date.now();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const summaryOf = async (range: string): Promise<Summary> =>
    (await adminClient(context.app).get(`/admin/reports/summary?${range}`).expect(200)).body as Summary;

  it("shows today's figures, per department rows and menu answers as the summary API counts them", async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET);
    try {
      const { page } = tab;
      const range = await rangeOf(page, 'today');
      const api = await summaryOf(range);
      expect(api.total).toBe(6);

      // The page reads the same summary: wait for its first answer.
      await pollUntil(
        () => figure(page, 'today-total'),
        (total) => total === api.total,
        10_000,
      );
      expect(await figure(page, 'today-total')).toBe(api.total);
      expect(await figure(page, 'today-in-progress')).toBe(api.inProgress);
      // The range picked first is today: its figures are the same summary.
      expect(await rangeOf(page, 'range-summary')).toBe(range);
      expect(await figure(page, 'range-total')).toBe(api.total);
      for (const outcome of OUTCOMES) expect(await figure(page, `range-${outcome}`)).toBe(api.byOutcome[outcome]);
      expect(await figure(page, 'range-closed')).toBe(api.closed);
      expect(await figure(page, 'low-confidence-rate')).toBeCloseTo(api.lowConfidenceRate, 10);
      expect(await page.getByTestId('low-confidence-rate').innerText()).toBe('50%');
      expect(await figure(page, 'input-dtmf')).toBe(api.inputMix.dtmf);
      expect(await figure(page, 'input-speech')).toBe(api.inputMix.speech);
      expect(await figure(page, 'input-none')).toBe(api.inputMix.none);

      const rows = await departmentRows(page);
      expect(Object.keys(rows).sort()).toEqual(api.byDepartment.map((department) => department.id).sort());
      for (const department of api.byDepartment)
        expect(rows[department.id]).toEqual(
          [
            department.total,
            ...OUTCOMES.map((outcome) => department.byOutcome[outcome]),
            department.inProgress,
            department.closed,
          ].map(String),
        );
      expect(rows[context.menu.billing.id].slice(0, 4)).toEqual(['1', '0', '0', '1']);

      await tab.screenshot('dashboard');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('updates the live figures without a reload when another call comes in', async () => {
    const tab = await signedInTab(browser, context.app, VIEWER_SECRET);
    try {
      const { page } = tab;
      const before = await summaryOf(await rangeOf(page, 'today'));
      await pollUntil(
        () => figure(page, 'today-total'),
        (total) => total === before.total,
        10_000,
      );
      const updatedBefore = await page.locator('.updated').innerText();

      const ringing = await playCall(context.app, '+15557770006');

      // The page polls every 5 s: within two polls the new call shows, in progress.
      const total = await pollUntil(
        () => figure(page, 'today-total'),
        (value) => value === before.total + 1,
        12_000,
      );
      expect(total).toBe(before.total + 1);
      expect(await figure(page, 'today-in-progress')).toBe(before.inProgress + 1);
      expect(await page.locator('.updated').innerText()).not.toBe(updatedBefore);
      expect(await page.getByTestId('today').locator('[aria-live=polite]').count()).toBe(1);
      await ringing.ended('completed', 3);
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('changes the chart and the figures with the range picked: week, month and year', async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET);
    try {
      const { page } = tab;
      const chart = page.getByTestId('outcome-chart');
      // Today by hour: 24 points.
      await pollUntil(
        () => chart.getAttribute('data-points'),
        (points) => points === '24',
        10_000,
      );

      const expected = [
        { label: 'Last 7 days', points: [168] },
        { label: 'Last 30 days', points: [30] },
        // The API's UTC days: 365 local days touch 365 or 366 of them.
        { label: 'Last 12 months', points: [365, 366] },
      ];
      for (const { label, points } of expected) {
        const previous = await rangeOf(page, 'range-summary');
        await page.getByLabel(label).check();
        await pollUntil(
          () => rangeOf(page, 'range-summary'),
          (range) => range !== previous,
          5000,
        );
        const shown = await pollUntil(
          async () => Number(await chart.getAttribute('data-points')),
          (count) => points.includes(count),
          10_000,
        );
        expect(points).toContain(shown);
        expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
        // The figures are the summary of the range picked.
        const api = await summaryOf(await rangeOf(page, 'range-summary'));
        await pollUntil(
          () => figure(page, 'range-total'),
          (total) => total === api.total,
          10_000,
        );
        expect(await figure(page, 'range-total')).toBe(api.total);
        expect(await figure(page, 'input-speech')).toBe(api.inputMix.speech);
        // The chart's table counts every call of the range.
        const tableTotal = await page
          .getByTestId('chart-table')
          .evaluate((table) =>
            [...table.querySelectorAll('tbody tr td:last-child')].reduce(
              (sum, cell) => sum + Number(cell.textContent),
              0,
            ),
          );
        expect(tableTotal).toBe(api.total);
      }

      await page.getByLabel('Last 7 days').check();
      await page.getByLabel('Show the week').selectOption('day');
      await pollUntil(
        () => chart.getAttribute('data-points'),
        (count) => count === '7',
        10_000,
      );
      expect(await chart.getAttribute('data-points')).toBe('7');
      await tab.screenshot('dashboard-week-by-day');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it("shows the busiest hours in the browser's time zone: the calls in the cell of their weekday and hour", async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET);
    try {
      const { page } = tab;
      const range = await rangeOf(page, 'range-summary');
      const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      const answer = await adminClient(context.app).get(
        `/admin/reports/busiest-hours?${range}&timeZone=${encodeURIComponent(timeZone)}`,
      );
      expect(answer.status).toBe(200);
      const map = page.getByTestId('heat-map');
      await map.waitFor();
      const cells = answer.body.cells as { weekday: number; hour: number; calls: number }[];
      const busy = cells.filter((cell) => cell.calls > 0);
      expect(busy.reduce((sum, cell) => sum + cell.calls, 0)).toBe((await summaryOf(range)).total);
      // The last call's cell: its weekday and hour in the browser's zone.
      const [weekday, hour] = await page.evaluate((at) => {
        const date = new Date(at);
        return [((date.getDay() + 6) % 7) + 1, date.getHours()];
      }, lastCallAt);
      expect(busy.some((cell) => cell.weekday === weekday && cell.hour === hour)).toBe(true);
      for (const cell of busy)
        expect(await map.locator(`td[data-weekday="${cell.weekday}"][data-hour="${cell.hour}"]`).innerText()).toBe(
          String(cell.calls),
        );
      expect(await map.locator('tbody tr').count()).toBe(7);
      expect(await map.locator('tbody td').count()).toBe(7 * 24);
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('fits a 390 px phone: nothing but the tables scrolls sideways', async () => {
    const tab = await signedInTab(browser, context.app, ADMIN_SECRET, '/', { width: 390, height: 844 });
    try {
      await pollUntil(
        () => figure(tab.page, 'today-total'),
        (total) => total !== null,
        10_000,
      );
      await tab.page.getByTestId('outcome-chart').locator('canvas').first().waitFor();
      expect(await pageOverflow(tab)).toBeLessThanOrEqual(0);
      await tab.screenshot('dashboard-phone');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
