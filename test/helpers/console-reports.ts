import type { INestApplication } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { type ConsoleTab, consoleUrlOf, openConsole, signIn } from './console-browser.js';
import { playCall, type PlayedCall } from './reporting.js';

/** A console tab signed in with `secret`, showing `route` (a hash route such as `/calls?outcome=voicemail`). */
export async function signedInTab(
  browser: Browser,
  app: INestApplication,
  secret: string,
  route = '/',
  viewport?: { width: number; height: number },
): Promise<ConsoleTab> {
  const tab = await openConsole(browser, await consoleUrlOf(app), viewport);
  await signIn(tab, secret);
  await showRoute(tab, route);
  return tab;
}

/** Moves the signed-in tab to a hash route, as a link would. */
export async function showRoute(tab: ConsoleTab, route: string): Promise<void> {
  await tab.page.evaluate((hash) => {
    location.hash = hash;
  }, `#${route}`);
}

/** The page is no wider than the window: only tables scroll sideways, inside their own box. */
export async function pageOverflow(tab: ConsoleTab): Promise<number> {
  return tab.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The calls of the reports' browser tests, one per path through the standard menu. */
export interface PlacedCalls {
  readonly salesByKeypad: PlayedCall;
  readonly supportBySpeech: PlayedCall;
  readonly voicemail: PlayedCall;
  readonly operator: PlayedCall;
  readonly abandoned: PlayedCall;
  readonly inProgress: PlayedCall;
}

/**
 * Six calls through the real webhooks: Sales by keypad (connected), Support by speech (connected), low-confidence
 * speech then Billing (no answer: a voicemail, transcribed when `transcription` is given), three silences (the
 * operator), a hang-up in the greeting (abandoned), and one still in the menu.
 */
export async function placeCalls(app: INestApplication, transcription?: string): Promise<PlacedCalls> {
  const salesByKeypad = await (await (await playCall(app, '+15551230123')).press('1')).dialed('completed', 25);
  await salesByKeypad.ended('completed', 30);
  const supportBySpeech = await (await playCall(app, '+15552220001')).say('support', 0.9);
  await (await supportBySpeech.dialed('completed', 50)).ended('completed', 60);
  const voicemail = await (await (await playCall(app, '+15553330002')).say('sales please', 0.3)).press('3');
  await (await (await voicemail.dialed('no-answer')).recorded(12)).ended('completed', 90);
  if (transcription !== undefined) await voicemail.transcribed(transcription);
  const operator = await (await (await (await playCall(app, '+15554440003')).silence()).silence()).silence();
  await (await operator.dialed('completed', 100)).ended('completed', 120);
  const abandoned = await (await playCall(app, '+15555550004')).ended('completed', 5);
  const inProgress = await playCall(app, '+15556660005');
  return { salesByKeypad, supportBySpeech, voicemail, operator, abandoned, inProgress };
}
