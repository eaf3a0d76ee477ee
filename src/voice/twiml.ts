import twilio from 'twilio';
import type TwilioVoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { type CallerPrompts, DEFAULT_PROMPTS, fillPrompt, type PromptKey } from '../routing/caller-prompts.js';
import { callLanguages, offersLanguageChoice } from '../routing/languages.js';
import type { Spoken } from '../routing/match.js';
import { menuLines } from '../routing/menu-speech.js';
import { menuLevel } from '../routing/menu-tree.js';
import type { MenuDepartment, MenuSettings, RoutingRules } from '../routing/routing-rules.js';
import { settingsIn } from '../routing/translations.js';
import { DEFAULT_VOICE_PATH, webhookPath } from '../twilio/webhook-event.js';
import type { CallDecision, MenuNotice } from './call-decision.js';
import { closedAnnouncement } from './hours-speech.js';

const { VoiceResponse } = twilio.twiml;

// Status callbacks answer it most often: rendered once.
const EMPTY_RESPONSE = new VoiceResponse().toString();

// Twilio accepts at most 500 hints of at most 100 characters each.
const MAX_HINTS = 500;
const MAX_HINT_LENGTH = 100;
const VOICEMAIL_MAX_SECONDS = 120;

const NOTICES: Record<MenuNotice, PromptKey> = {
  low_confidence: 'lowConfidence',
  no_match: 'noMatch',
  no_input: 'noInput',
};

/** Where a menu round was read: carried in its Gather's action URL, for answering it while the database is away. */
interface GatherPlace {
  readonly path?: readonly string[];
  readonly language?: string;
}

export function gatherActionUrl(
  round: number,
  voicePath: string = DEFAULT_VOICE_PATH,
  { path = [], language }: GatherPlace = {},
): string {
  const menu = path.length > 0 ? `&menu=${path.join(',')}` : '';
  return `${webhookPath('gather', voicePath)}?round=${round}${menu}${language ? `&language=${language}` : ''}`;
}

function sayOptions(settings: MenuSettings): TwilioVoiceResponse.SayAttributes {
  // Settings hold validated text; Twilio's types enumerate the voices and languages it knows.
  return {
    voice: settings.voice as TwilioVoiceResponse.SayAttributes['voice'],
    language: settings.language as TwilioVoiceResponse.SayAttributes['language'],
  };
}

export function speechHints(options: readonly Spoken[]): string {
  const hints = new Set<string>();
  for (const option of options) {
    for (const keyword of option.keywords) {
      const hint = keyword.trim().slice(0, MAX_HINT_LENGTH);
      if (hint) hints.add(hint);
    }
  }
  return [...hints].slice(0, MAX_HINTS).join(', ');
}

function gatherFor(
  response: TwilioVoiceResponse,
  settings: MenuSettings,
  action: string,
  hints: string,
  // `#` is Twilio's default finishOnKey: a menu that offers it as a key must receive it as a digit.
  hashIsAKey: boolean,
): TwilioVoiceResponse.Gather {
  return response.gather({
    input: ['dtmf', 'speech'],
    numDigits: 1,
    speechTimeout: 'auto',
    timeout: settings.gatherTimeoutSeconds,
    action,
    method: 'POST',
    language: settings.language as TwilioVoiceResponse.GatherAttributes['language'],
    actionOnEmptyResult: false,
    ...(hashIsAKey ? { finishOnKey: '' } : {}),
    ...(hints ? { hints } : {}),
  });
}

function renderMenu(
  response: TwilioVoiceResponse,
  rules: RoutingRules,
  { round, path, greet, notice, closed, greeting }: Extract<CallDecision, { kind: 'menu' }>,
  voicePath: string,
): void {
  const { settings } = rules;
  const level = menuLevel(rules, path ?? []);
  // The language only where the caller chose one: a menu in one language keeps the URLs it always had.
  const action = gatherActionUrl(round, voicePath, {
    path: level.path,
    language: offersLanguageChoice(settings) ? settings.language : undefined,
  });
  const gather = gatherFor(response, settings, action, speechHints(level.options), level.keys.repeat);
  // Nested, so the caller can answer while the menu is still being read.
  const lines = [
    closed ? closedAnnouncement(closed, settings.prompts) : null,
    notice ? settings.prompts[NOTICES[notice]] : null,
    greet ? (greeting ?? settings.greeting) : null,
    ...menuLines(level, settings.prompts),
  ];
  gather.say(sayOptions(settings), lines.filter((line): line is string => Boolean(line)).join(' '));
  // Reached only when the caller said nothing: report the empty answer so it is counted.
  response.redirect({ method: 'POST' }, action);
}

/** The choice of language: each language's line said in that language, with its voice. */
function renderLanguageMenu(
  response: TwilioVoiceResponse,
  rules: RoutingRules,
  { round, notice, closed, greeting }: Extract<CallDecision, { kind: 'language-menu' }>,
  voicePath: string,
): void {
  const { settings } = rules;
  const languages = callLanguages(settings);
  const action = gatherActionUrl(round, voicePath);
  const gather = gatherFor(response, settings, action, speechHints(languages), false);
  const first = [
    greeting ?? null,
    closed ? closedAnnouncement(closed, settings.prompts) : null,
    notice ? settings.prompts[NOTICES[notice]] : null,
  ]
    .filter(Boolean)
    .join(' ');
  if (first) gather.say(sayOptions(settings), first);
  for (const language of languages) {
    if (language.digit === null) continue;
    const own = settingsIn(settings, language.code);
    gather.say(
      sayOptions(own),
      fillPrompt(own.prompts, 'languageChoice', { language: language.name, digit: language.digit }),
    );
  }
  response.redirect({ method: 'POST' }, action);
}

function renderDial(
  response: TwilioVoiceResponse,
  settings: MenuSettings,
  voicePath: string,
  announcement: string,
  number: string,
): void {
  response.say(sayOptions(settings), announcement);
  const dial = response.dial({
    action: webhookPath('dial-status', voicePath),
    method: 'POST',
    timeout: settings.dialTimeoutSeconds,
  });
  if (number.startsWith('sip:')) dial.sip(number);
  else dial.number(number);
}

function renderVoicemail(
  response: TwilioVoiceResponse,
  settings: MenuSettings,
  voicePath: string,
  apology: string,
): void {
  response.say(
    sayOptions(settings),
    apology ? `${apology} ${settings.prompts.voicemailInstructions}` : settings.prompts.voicemailInstructions,
  );
  response.record({
    action: webhookPath('voicemail', voicePath),
    method: 'POST',
    maxLength: VOICEMAIL_MAX_SECONDS,
    finishOnKey: '#',
    playBeep: true,
    recordingStatusCallback: webhookPath('recording', voicePath),
    recordingStatusCallbackMethod: 'POST',
    // Transcription is a paid Twilio feature: off, the <Record> stays as it always was.
    ...(settings.transcribeVoicemail
      ? { transcribe: true, transcribeCallback: webhookPath('transcription', voicePath) }
      : {}),
  });
  // Only heard when nothing was recorded.
  response.say(sayOptions(settings), settings.prompts.voicemailNothingRecorded);
  response.hangup();
}

/** A sentence, after the closed department's announcement when the menu ended on one. */
function closedFirst(settings: MenuSettings, closed: MenuDepartment | undefined, sentence: string): string {
  return closed ? `${closedAnnouncement(closed, settings.prompts)} ${sentence}` : sentence;
}

/** A sentence after the caller hook's personal greeting, when there is one. */
function greeted(greeting: string | undefined, sentence: string): string {
  return greeting ? `${greeting} ${sentence}` : sentence;
}

type DialDecision = Extract<CallDecision, { kind: 'dial-department' | 'dial-operator' | 'closed-forward' }>;

/** What is said before a `<Dial>`, and whom it dials. */
function dialOf(decision: DialDecision, settings: MenuSettings): readonly [announcement: string, number: string] {
  const { prompts } = settings;
  switch (decision.kind) {
    case 'dial-department':
      return [
        greeted(
          decision.greeting,
          fillPrompt(prompts, 'connectingToDepartment', { department: decision.department.name }),
        ),
        decision.department.phoneNumber,
      ];
    case 'dial-operator':
      return [closedFirst(settings, decision.closed, prompts.connectingToOperator), decision.number];
    case 'closed-forward':
      return [
        greeted(
          decision.greeting,
          fillPrompt(prompts, 'connectingAfterHours', { department: decision.department.name }),
        ),
        decision.number,
      ];
  }
}

/** What is said before the voicemail instructions. */
function voicemailApology(
  decision: Extract<CallDecision, { kind: 'voicemail' | 'closed-voicemail' }>,
  settings: MenuSettings,
): string {
  const { prompts } = settings;
  if (decision.kind === 'closed-voicemail')
    return greeted(decision.greeting, closedAnnouncement(decision.department, prompts));
  if (decision.reason === 'requested') return '';
  const apology = decision.reason === 'no-answer' ? prompts.voicemailNobodyAvailable : prompts.voicemailCallFailed;
  return closedFirst(settings, decision.closed, apology);
}

/**
 * Maps a decision to TwiML. The only place this service builds TwiML for a decision. Action URLs are absolute
 * paths under `voicePath`, where the webhooks arrived.
 */
export function renderTwiml(
  decision: CallDecision,
  rules: RoutingRules,
  voicePath: string = DEFAULT_VOICE_PATH,
): string {
  const response = new VoiceResponse();
  const { settings } = rules;
  const { prompts } = settings;
  switch (decision.kind) {
    case 'menu':
      renderMenu(response, rules, decision, voicePath);
      break;
    case 'language-menu':
      renderLanguageMenu(response, rules, decision, voicePath);
      break;
    case 'dial-department':
    case 'dial-operator':
    case 'closed-forward':
      renderDial(response, settings, voicePath, ...dialOf(decision, settings));
      break;
    case 'voicemail':
    case 'closed-voicemail':
      renderVoicemail(response, settings, voicePath, voicemailApology(decision, settings));
      break;
    case 'goodbye':
      response.say(sayOptions(settings), prompts.goodbye);
      response.hangup();
      break;
    case 'voicemail-recorded':
      response.say(sayOptions(settings), prompts.voicemailRecorded);
      response.hangup();
      break;
    case 'replay':
      return decision.twiml;
    case 'acknowledge':
      return EMPTY_RESPONSE;
    default: {
      const unhandled: never = decision;
      throw new Error(`Unhandled decision ${JSON.stringify(unhandled)}`);
    }
  }
  return response.toString();
}

/** The answer to callbacks whose response Twilio ignores (status, recording). */
export function renderEmptyResponse(): string {
  return EMPTY_RESPONSE;
}

/**
 * What a caller hears when something failed on our side: never an "application error".
 * Without the menu's prompts (none read yet) the default wording.
 */
export function renderApology(prompts: CallerPrompts = DEFAULT_PROMPTS): string {
  const response = new VoiceResponse();
  response.say(prompts.technicalDifficulties);
  response.hangup();
  return response.toString();
}

/** When the menu cannot be read: apologise and put the caller through to a person. */
export function renderOperatorApology(operatorNumber: string, prompts: CallerPrompts = DEFAULT_PROMPTS): string {
  const response = new VoiceResponse();
  response.say(prompts.technicalDifficultiesConnecting);
  const dial = response.dial({ timeout: 30 });
  if (operatorNumber.startsWith('sip:')) dial.sip(operatorNumber);
  else dial.number(operatorNumber);
  return response.toString();
}
