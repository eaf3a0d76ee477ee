import type { LanguageOffer } from '../routing/languages.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import type { WebhookEvent, WebhookInput } from '../twilio/webhook-event.js';
import type { Decided, SessionState } from './call-decision.js';
import { decide } from './decide.js';
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';

const RECEIVED_AT = new Date('2030-01-02T03:04:05.000Z');
const LANGUAGES: readonly LanguageOffer[] = [
  { code: 'en-US', name: 'English', digit: '1' },
  { code: 'es-MX', name: 'español', digit: '2', keywords: ['spanish'], voice: 'Polly.Mia' },
];
const TWO_LANGUAGES: RoutingRules = {
  settings: menuSettings({ languages: LANGUAGES, languageByCountry: { MX: 'es-MX', FR: 'fr-FR' }, maxAttempts: 3 }),
  departments: [menuDepartment()],
};
const ONE_LANGUAGE: RoutingRules = { ...TWO_LANGUAGES, settings: menuSettings() };

function event(input: WebhookInput): WebhookEvent {
  return { callSid: 'CA1', receivedAt: RECEIVED_AT, requestId: 'r1', ...input };
}

function session(overrides: Partial<SessionState> = {}): SessionState {
  return { round: 1, failedAttempts: 0, dialTarget: null, outcome: null, language: null, ...overrides };
}

interface Row {
  readonly name: string;
  readonly event: WebhookEvent;
  readonly session: SessionState;
  readonly rules?: RoutingRules;
  readonly decision?: Decided['decision'];
  readonly changes?: Decided['changes'];
  readonly attempt?: Partial<NonNullable<Decided['attempt']>> | null;
}

const MENU_IN_THE_LANGUAGE = { kind: 'menu', round: 2, greet: true, notice: null } as const;

const ROWS: readonly Row[] = [
  {
    name: 'a call with several languages starts with the choice, its language still to be chosen',
    event: event({ kind: 'incoming' }),
    session: session(),
    decision: { kind: 'language-menu', round: 1, notice: null },
    changes: {},
  },
  {
    name: 'a caller from a country mapped to an offered language hears the menu in it, not the choice',
    event: event({ kind: 'incoming', fromCountry: 'MX' }),
    session: session(),
    decision: { kind: 'menu', round: 1, greet: true, notice: null },
    changes: { language: 'es-MX' },
  },
  {
    name: 'a country mapped to a language not offered (any more) gets the choice',
    event: event({ kind: 'incoming', fromCountry: 'FR' }),
    session: session(),
    decision: { kind: 'language-menu', round: 1, notice: null },
  },
  {
    name: 'with one language the call records it and starts with the menu',
    event: event({ kind: 'incoming', fromCountry: 'MX' }),
    session: session(),
    rules: ONE_LANGUAGE,
    decision: { kind: 'menu', round: 1, greet: true, notice: null },
    changes: { language: 'en-US' },
  },
  {
    name: "a language's digit chooses it, and the greeting comes with the menu that follows",
    event: event({ kind: 'gather', round: 1, digits: '2' }),
    session: session(),
    decision: MENU_IN_THE_LANGUAGE,
    changes: { round: 2, language: 'es-MX' },
    attempt: { decision: 'language', digits: '2', failure: null, departmentId: null },
  },
  {
    name: "a language's name said chooses it",
    event: event({ kind: 'gather', round: 1, speechResult: 'Español', confidence: 0.9 }),
    session: session(),
    changes: { round: 2, language: 'es-MX' },
  },
  {
    name: 'one of its keywords said chooses it, without a confidence too',
    event: event({ kind: 'gather', round: 1, speechResult: 'spanish please' }),
    session: session(),
    changes: { round: 2, language: 'es-MX' },
  },
  {
    name: 'no answer keeps the default language: who understands it need not choose',
    event: event({ kind: 'gather', round: 1 }),
    session: session(),
    decision: MENU_IN_THE_LANGUAGE,
    changes: { round: 2, language: 'en-US' },
    attempt: { decision: 'language', inputKind: 'none', failure: 'no_input' },
  },
  {
    name: 'a wrong key asks again, not counted as a failed menu attempt',
    event: event({ kind: 'gather', round: 1, digits: '7' }),
    session: session(),
    decision: { kind: 'language-menu', round: 2, notice: 'no_match' },
    changes: { round: 2 },
    attempt: { decision: 'language', failure: 'no_match' },
  },
  {
    name: 'a name said with too little confidence asks again',
    event: event({ kind: 'gather', round: 1, speechResult: 'español', confidence: 0.2 }),
    session: session(),
    decision: { kind: 'language-menu', round: 2, notice: 'low_confidence' },
  },
  {
    name: 'after maxAttempts wrong answers the call goes on in the default language',
    event: event({ kind: 'gather', round: 3, digits: '7' }),
    session: session({ round: 3 }),
    decision: { kind: 'menu', round: 4, greet: true, notice: null },
    changes: { round: 4, language: 'en-US' },
  },
  {
    name: 'once chosen, the menu decides: the same digit now means its department',
    event: event({ kind: 'gather', round: 2, digits: '1' }),
    session: session({ round: 2, language: 'es-MX' }),
    decision: { kind: 'dial-department', department: menuDepartment() },
  },
  {
    name: "Twilio's repeated incoming during the choice hears the choice again",
    event: event({ kind: 'incoming' }),
    session: session({ round: 1 }),
    decision: { kind: 'language-menu', round: 1, notice: null },
  },
];

describe('decide: the choice of language', () => {
  it.each(ROWS)('$name', (row) => {
    const sut = decide(row.event, row.session, row.rules ?? TWO_LANGUAGES);
    if (row.decision) expect(sut.decision).toEqual(row.decision);
    if (row.changes) expect(sut.changes).toEqual(row.changes);
    if (row.attempt) expect(sut.attempt).toMatchObject(row.attempt);
  });

  it("says the caller hook's greeting before the choice when the hook sends the caller to the menu", () => {
    const sut = decide(event({ kind: 'incoming' }), session(), TWO_LANGUAGES, {
      status: 'ok',
      info: { greeting: 'Hello Ada.' },
    });
    expect(sut.decision).toEqual({ kind: 'language-menu', round: 1, notice: null, greeting: 'Hello Ada.' });
  });

  it('asks for the language first when the caller hook names a closed department whose action is the menu', () => {
    const closed = menuDepartment({
      afterHours: {
        hours: { timeZone: 'UTC', weekly: {}, overrides: [], followCompanyHolidays: false },
        closedAction: { kind: 'menu' },
        hideWhenClosed: false,
      },
      closedNow: { at: RECEIVED_AT, opensAt: null, reason: 'outside_regular_hours' },
    });
    const sut = decide(
      event({ kind: 'incoming' }),
      session(),
      { ...TWO_LANGUAGES, departments: [closed] },
      {
        status: 'ok',
        info: { departmentId: closed.id },
      },
    );
    // The next answer is the choice of language, not a department's digit.
    expect(sut.decision).toMatchObject({ kind: 'language-menu', round: 1, closed: { id: closed.id } });
    expect(sut.changes).not.toHaveProperty('language');
  });
});
