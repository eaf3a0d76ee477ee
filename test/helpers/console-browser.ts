import type { INestApplication } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each run's screenshots go (git-ignored): look at them after a run. */
export const SCREENSHOT_FOLDER = join(import.meta.dirname, '..', '..', 'test-screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `The console's browser tests need Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // No sandbox as root; no background connections: the machine has no network but loopback.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The app listening on 127.0.0.1 (a browser needs a real port): its console's URL. */
export async function consoleUrlOf(app: INestApplication, path = '/console/'): Promise<string> {
  const server = app.getHttpServer() as { listening: boolean; address(): AddressInfo | string | null };
  if (!server.listening) await app.listen(0, '127.0.0.1');
  const address = server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}${path}`;
}

export interface ConsoleTab {
  readonly page: Page;
  /**
   * What must not happen on any page: an uncaught error, a console error of the console's own, a CSP violation, a
   * 5xx. A 4xx the console asked for and shows (401 before sign-in, 400, 412) is Chromium's "Failed to load
   * resource" line and not counted: the response itself is checked by the tests that cause it.
   */
  readonly problems: string[];
  /** Saves the page as test-screenshots/<name>.png (whole page). */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openConsole(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 900 },
  /** Cookies of the whole site (path /), e.g. a host's session. */
  cookies: readonly { name: string; value: string }[] = [],
): Promise<ConsoleTab> {
  const context = await browser.newContext({ viewport });
  await context.addCookies(cookies.map((cookie) => ({ ...cookie, domain: new URL(url).hostname, path: '/' })));
  const page = await context.newPage();
  const problems: string[] = [];
  const handledStatuses: number[] = [];
  // Reported by the page itself: Chromium's own CSP console line is matched below too.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`),
    );
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
    else if (response.status() >= 400) handledStatuses.push(response.status());
  });
  page.on('console', (message) => {
    if (message.type() !== 'error' && !/Content.Security.Policy/i.test(message.text())) return;
    const failedLoad = /^Failed to load resource: the server responded with a status of (\d+)/.exec(message.text());
    if (failedLoad && Number(failedLoad[1]) < 500 && handledStatuses.includes(Number(failedLoad[1]))) return;
    problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return {
    page,
    problems,
    async screenshot(name) {
      await mkdir(SCREENSHOT_FOLDER, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_FOLDER, `${name}.png`), fullPage: true });
    },
    close: () => context.close(),
  };
}

/** Signs in with a token on the sign-in page and waits for the console's navigation. */
export async function signIn(tab: ConsoleTab, token: string): Promise<void> {
  await tab.page.getByLabel('Admin token').fill(token);
  await tab.page.getByRole('button', { name: 'Sign in' }).click();
  await tab.page.getByRole('navigation', { name: 'Sections' }).waitFor();
}

/** Waits (up to 10 s) until an element matched by `selector` on the page shows `text`; fails naming both if none does. */
export async function waitForText(page: Page, selector: string, text: string | RegExp): Promise<void> {
  await page
    .locator(selector)
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      const seen = await page.locator(selector).allInnerTexts();
      throw new Error(`No ${selector} shows ${String(text)}; seen: ${JSON.stringify(seen)}`);
    });
}
