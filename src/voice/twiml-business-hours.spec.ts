import { findOrFail, verbs } from '../../test/helpers/twiml.js';
import type { RoutingRules } from '../routing/routing-rules.js';
import { menuDepartment, menuSettings } from '../../test/helpers/menu-fixtures.js';
import { renderTwiml } from './twiml.js';

const NINE_TO_FIVE = [{ opens: '09:00', closes: '17:00' }];

const CLOSED_SALES = menuDepartment({
  afterHours: {
    hours: {
      timeZone: 'America/New_York',
      weekly: { monday: NINE_TO_FIVE, tuesday: NINE_TO_FIVE, wednesday: NINE_TO_FIVE, thursday: NINE_TO_FIVE },
      overrides: [],
      followCompanyHolidays: true,
    },
    closedAction: { kind: 'voicemail' },
    hideWhenClosed: false,
  },
  // Wednesday 2026-01-14, 20:00 EST.
  closedNow: {
    at: new Date('2026-01-15T01:00:00Z'),
    opensAt: new Date('2026-01-15T14:00:00Z'),
    reason: 'outside_regular_hours',
  },
});
const SUPPORT = menuDepartment({
  id: 'support-id',
  name: 'Support',
  digit: '2',
  keywords: ['support'],
  phoneNumber: '+15555550102',
});
const CLOSED_MESSAGE =
  'Sales is closed now. Its hours are Monday to Thursday, 9 AM to 5 PM (Eastern Time). It opens again tomorrow at 9 AM.';

const rules: RoutingRules = {
  settings: menuSettings(),
  departments: [CLOSED_SALES, SUPPORT],
};

describe('renderTwiml for business hours', () => {
  it('names a closed department in the menu as closed, and keeps its keywords as hints', () => {
    const xml = renderTwiml({ kind: 'menu', round: 1, greet: true, notice: null }, rules);
    expect(findOrFail(xml, 'Say').text).toBe(
      'Welcome. For Sales, which is closed now, press 1 or say sales. For Support, press 2 or say support.',
    );
    expect(findOrFail(xml, 'Gather').attributes.hints).toBe('sales, support');
  });

  it('says the closed department and its hours before the menu when returning to it', () => {
    const xml = renderTwiml({ kind: 'menu', round: 2, greet: false, notice: null, closed: CLOSED_SALES }, rules);
    expect(verbs(xml)).toEqual(['Gather', 'Redirect']);
    expect(findOrFail(xml, 'Say').text).toBe(
      `${CLOSED_MESSAGE} For Sales, which is closed now, press 1 or say sales. For Support, press 2 or say support.`,
    );
    expect(findOrFail(xml, 'Gather').attributes.action).toBe('/voice/gather?round=2');
  });

  it('tells a caller the department is closed and its hours, then records a message', () => {
    const xml = renderTwiml({ kind: 'closed-voicemail', department: CLOSED_SALES }, rules);
    expect(verbs(xml)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
    expect(findOrFail(xml, 'Say').text).toBe(
      `${CLOSED_MESSAGE} Please leave a message after the tone, then hang up or press the pound key.`,
    );
    expect(findOrFail(xml, 'Record').attributes).toMatchObject({
      action: '/voice/voicemail',
      recordingStatusCallback: '/voice/recording',
    });
  });

  it('dials the after-hours number with the dial timeout and status action', () => {
    const xml = renderTwiml({ kind: 'closed-forward', department: CLOSED_SALES, number: '+15555550199' }, rules);
    expect(verbs(xml)).toEqual(['Say', 'Dial']);
    expect(findOrFail(xml, 'Say').text).toBe('Sales is closed now. Connecting you to our after-hours line.');
    expect(findOrFail(xml, 'Dial').attributes).toMatchObject({ action: '/voice/dial-status', timeout: '25' });
    expect(findOrFail(xml, 'Number').text).toBe('+15555550199');
  });
});
