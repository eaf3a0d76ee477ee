import twilio from 'twilio';
import type TwilioVoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { type CallerPrompts, DEFAULT_PROMPTS, fillPrompt, type PromptKey } from '../routing/caller-prompts.js';
import type { MenuDepartment, MenuSettings, RoutingRules } from '../routing/routing-rules.js';
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

export function gatherActionUrl(round: number, voicePath: string = DEFAULT_VOICE_PATH): string {
  return `${webhookPath('gather', voicePath)}?round=${round}`;
}

function sayOptions(settings: MenuSettings): TwilioVoiceResponse.SayAttributes {
  // Settings hold validated text; Twilio's types enumerate the voices and languages it knows.
  return {
    voice: settings.voice as TwilioVoiceResponse.SayAttributes['voice'],
    language: settings.language as TwilioVoiceResponse.SayAttributes['language'],
  };
}

function menuPrompt(department: MenuDepartment, prompts: CallerPrompts): string {
  const spoken = department.keywords[0];
  // Callers learn a department is closed from the menu itself; choosing it gives its after-hours action.
  const name = department.closedNow
    ? fillPrompt(prompts, 'menuClosedDepartment', { department: department.name })
    : department.name;
  const { digit } = department;
  if (digit !== null && spoken)
    return fillPrompt(prompts, 'menuOptionDigitAndKeyword', { department: name, digit, keyword: spoken });
  if (digit !== null) return fillPrompt(prompts, 'menuOptionDigit', { department: name, digit });
  return fillPrompt(prompts, 'menuOptionKeyword', { department: name, keyword: spoken ?? department.name });
}

export function speechHints(departments: readonly MenuDepartment[]): string {
  const hints = new Set<string>();
  for (const department of departments) {
    for (const keyword of department.keywords) {
      const hint = keyword.trim().slice(0, MAX_HINT_LENGTH);
      if (hint) hints.add(hint);
    }
  }
  return [...hints].slice(0, MAX_HINTS).join(', ');
}

function renderMenu(
  response: TwilioVoiceResponse,
  rules: RoutingRules,
  { round, greet, notice, closed, greeting }: Extract<CallDecision, { kind: 'menu' }>,
  voicePath: string,
): void {
  const { settings, departments } = rules;
  const hints = speechHints(departments);
  const gather = response.gather({
    input: ['dtmf', 'speech'],
    numDigits: 1,
    speechTimeout: 'auto',
    timeout: settings.gatherTimeoutSeconds,
    action: gatherActionUrl(round, voicePath),
    method: 'POST',
    language: settings.language as TwilioVoiceResponse.GatherAttributes['language'],
    actionOnEmptyResult: false,
    ...(hints ? { hints } : {}),
  });
  // Nested, so the caller can answer while the menu is still being read.
  const lines = [
    closed ? closedAnnouncement(closed, settings.prompts) : null,
    notice ? settings.prompts[NOTICES[notice]] : null,
    greet ? (greeting ?? settings.greeting) : null,
    ...departments.map((department) => menuPrompt(department, settings.prompts)),
  ];
  gather.say(sayOptions(settings), lines.filter((line): line is string => Boolean(line)).join(' '));
  // Reached only when the caller said nothing: report the empty answer so it is counted.
  response.redirect({ method: 'POST' }, gatherActionUrl(round, voicePath));
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
  response.say(sayOptions(settings), `${apology} ${settings.prompts.voicemailInstructions}`);
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
