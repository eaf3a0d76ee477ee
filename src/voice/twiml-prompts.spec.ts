import { findOrFail, parseTwiml } from '../../test/helpers/twiml.js';
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';
import { type CallerPrompts, DEFAULT_PROMPTS } from '../routing/caller-prompts.js';
import type { MenuDepartment, RoutingRules } from '../routing/routing-rules.js';
import { closedAnnouncement } from './hours-speech.js';
import { renderApology, renderOperatorApology, renderTwiml } from './twiml.js';

const SALES = menuDepartment();
const BILLING = menuDepartment({ id: 'billing-id', name: 'Billing', digit: '2', keywords: [] });
const CLOSED_SUPPORT = menuDepartment({
  id: 'support-id',
  name: 'Support',
  digit: null,
  keywords: ['support'],
  afterHours: {
    hours: {
      timeZone: 'America/New_York',
      weekly: { monday: [{ opens: '09:00', closes: '17:00' }] },
      overrides: [],
      followCompanyHolidays: true,
    },
    closedAction: { kind: 'voicemail' },
    hideWhenClosed: false,
  },
  // Tuesday 2026-01-13, 18:00 EST.
  closedNow: {
    at: new Date('2026-01-13T23:00:00Z'),
    opensAt: new Date('2026-01-19T14:00:00Z'),
    reason: 'outside_regular_hours',
  },
});

const EDITED: CallerPrompts = {
  ...DEFAULT_PROMPTS,
  noMatch: 'Hmm, that is not on the menu.',
  menuOptionDigitAndKeyword: '{department}: key {digit}, or the word {keyword}.',
  menuOptionDigit: '{department}: key {digit}.',
  menuOptionKeyword: '{department}: the word {keyword}.',
  menuClosedDepartment: '{department} (closed)',
  departmentClosed: 'Our {department} team has gone home.',
  departmentHours: 'We work {hours}, {timeZone}.',
  departmentOpensAgain: 'Back {opening}.',
  connectingToDepartment: 'Putting you through to {department} & co.',
  voicemailNobodyAvailable: 'Everyone is busy.',
  voicemailInstructions: 'Speak after the beep.',
  voicemailNothingRecorded: 'Nothing recorded. Bye.',
  goodbye: 'Bye now.',
};

function rules(departments: readonly MenuDepartment[] = [SALES, BILLING]): RoutingRules {
  return { settings: menuSettings({ prompts: EDITED }), departments };
}

describe('renderTwiml with edited prompts', () => {
  it('says the edited notice and menu lines', () => {
    const xml = renderTwiml({ kind: 'menu', round: 2, greet: true, notice: 'no_match' }, rules());

    expect(findOrFail(xml, 'Say').text).toBe(
      'Hmm, that is not on the menu. Welcome. Sales: key 1, or the word sales. Billing: key 2.',
    );
  });

  it('names a closed department and announces it with the edited sentences', () => {
    const xml = renderTwiml(
      { kind: 'menu', round: 2, greet: false, notice: null, closed: CLOSED_SUPPORT },
      rules([CLOSED_SUPPORT]),
    );

    expect(findOrFail(xml, 'Say').text).toBe(
      'Our Support team has gone home. We work Monday, 9 AM to 5 PM, Eastern Time. Back Monday at 9 AM. ' +
        'Support (closed): the word support.',
    );
  });

  it('announces the department being dialled, markup characters kept as text', () => {
    const xml = renderTwiml({ kind: 'dial-department', department: SALES }, rules());

    expect(findOrFail(xml, 'Say').text).toBe('Putting you through to Sales & co.');
  });

  it('apologises, instructs and says goodbye with the edited voicemail prompts', () => {
    const response = parseTwiml(renderTwiml({ kind: 'voicemail', reason: 'no-answer' }, rules()));

    expect(response.children[0].text).toBe('Everyone is busy. Speak after the beep.');
    expect(response.children[2].text).toBe('Nothing recorded. Bye.');
  });

  it('says the edited goodbye', () => {
    expect(findOrFail(renderTwiml({ kind: 'goodbye' }, rules()), 'Say').text).toBe('Bye now.');
  });
});

describe('closedAnnouncement', () => {
  it('says the default sentences without prompts', () => {
    expect(closedAnnouncement(CLOSED_SUPPORT)).toBe(
      'Support is closed now. Its hours are Monday, 9 AM to 5 PM (Eastern Time). It opens again Monday at 9 AM.',
    );
  });
});

describe('apologies', () => {
  const prompts: CallerPrompts = {
    ...DEFAULT_PROMPTS,
    technicalDifficulties: 'Something broke. Sorry.',
    technicalDifficultiesConnecting: 'Something broke. Hold for a person.',
  };

  it('says the given technical-difficulties prompt, the default without one', () => {
    expect(findOrFail(renderApology(prompts), 'Say').text).toBe('Something broke. Sorry.');
    expect(findOrFail(renderApology(), 'Say').text).toBe(DEFAULT_PROMPTS.technicalDifficulties);
  });

  it('says the given prompt before dialling the operator, the default without one', () => {
    expect(findOrFail(renderOperatorApology('+15555550100', prompts), 'Say').text).toBe(
      'Something broke. Hold for a person.',
    );
    expect(findOrFail(renderOperatorApology('+15555550100'), 'Say').text).toBe(
      "We're sorry, we are having technical difficulties. Connecting you to an operator.",
    );
  });
});
