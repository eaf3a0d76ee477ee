import type { BusinessHours } from '../routing/business-hours.js';
import type { ClosedAction, MenuDepartment, RoutingRules } from '../routing/routing-rules.js';
import type { SessionState } from './call-decision.js';
import { decideGather, type GatherResult, menuAt } from './decide.js';
import { menuDepartment, menuSettings, WEEKDAYS_NINE_TO_FIVE } from '../../test/helpers/menu-fixtures.js';

const WEEKDAY_HOURS: BusinessHours = {
  timeZone: 'America/New_York',
  weekly: WEEKDAYS_NINE_TO_FIVE,
  overrides: [],
  followCompanyHolidays: true,
};
// Wednesday 2026-01-14 12:00 EST, and 20:00 EST the same day.
const OPEN_TIME = new Date('2026-01-14T17:00:00Z');
const CLOSED_TIME = new Date('2026-01-15T01:00:00Z');

const department = menuDepartment;

function scheduled(closedAction: ClosedAction, hideWhenClosed = false): MenuDepartment {
  return department({ afterHours: { hours: WEEKDAY_HOURS, closedAction, hideWhenClosed } });
}

const SUPPORT = department({ id: 'support-id', name: 'Support', digit: '2', keywords: ['support'] });

function rules(sales: MenuDepartment, holidays: RoutingRules['holidays'] = []): RoutingRules {
  return {
    settings: menuSettings(),
    departments: [sales, SUPPORT],
    holidays,
  };
}

const session = (overrides: Partial<SessionState> = {}): SessionState => ({
  round: 1,
  failedAttempts: 0,
  dialTarget: null,
  outcome: null,
  ...overrides,
});

function answered(result: GatherResult): Extract<GatherResult, { kind: 'answered' }> {
  if (result.kind !== 'answered') throw new Error(`expected an answered round, got ${JSON.stringify(result)}`);
  return result;
}

describe('menuAt', () => {
  it('leaves an open department as it is', () => {
    const sales = scheduled({ kind: 'voicemail' });
    expect(menuAt(rules(sales), OPEN_TIME).departments).toEqual([sales, SUPPORT]);
  });

  it('marks a closed department with the moment and its next opening', () => {
    const [sales] = menuAt(rules(scheduled({ kind: 'voicemail' })), CLOSED_TIME).departments;
    expect(sales.closedNow).toEqual({
      at: CLOSED_TIME,
      opensAt: new Date('2026-01-15T14:00:00Z'),
      reason: 'outside_regular_hours',
    });
  });

  it('leaves out a closed department that hides when closed', () => {
    const menu = menuAt(rules(scheduled({ kind: 'voicemail' }, true)), CLOSED_TIME);
    expect(menu.departments.map((entry) => entry.id)).toEqual(['support-id']);
  });

  it('closes a department on a company holiday', () => {
    const menu = menuAt(rules(scheduled({ kind: 'voicemail' }), [{ date: '2026-01-14', name: 'Snow day' }]), OPEN_TIME);
    expect(menu.departments[0].closedNow?.reason).toBe('holiday');
  });
});

describe('decideGather with a closed department', () => {
  const input = (digits: string) => ({ round: 2, digits, receivedAt: CLOSED_TIME });

  it('takes a voicemail, records the decision closed and does not count a failed attempt', () => {
    const menu = menuAt(rules(scheduled({ kind: 'voicemail' })), CLOSED_TIME);
    const result = answered(decideGather(session({ round: 2, failedAttempts: 1 }), menu, input('1')));

    expect(result.attempt).toMatchObject({ round: 2, departmentId: 'sales-id', decision: 'closed', failure: null });
    expect(result.changes).toStrictEqual({ round: 3, departmentId: 'sales-id' });
    expect(result.decision).toEqual({ kind: 'closed-voicemail', department: menu.departments[0] });
  });

  it('dials the after-hours number of a forwarding department', () => {
    const menu = menuAt(rules(scheduled({ kind: 'forward', number: '+15555550199' })), CLOSED_TIME);
    const result = answered(decideGather(session({ round: 2 }), menu, input('1')));

    expect(result.attempt.decision).toBe('closed');
    expect(result.changes).toStrictEqual({
      round: 3,
      departmentId: 'sales-id',
      dialTarget: 'department',
      dialedNumber: '+15555550199',
      routedAt: CLOSED_TIME,
    });
    expect(result.decision).toEqual({
      kind: 'closed-forward',
      department: menu.departments[0],
      number: '+15555550199',
    });
  });

  it('returns to the menu of the next round for a `menu` department, failed attempts untouched, closed ones counted', () => {
    const menu = menuAt(rules(scheduled({ kind: 'menu' })), CLOSED_TIME);
    const result = answered(decideGather(session({ round: 2, failedAttempts: 2 }), menu, input('1')));

    expect(result.attempt.decision).toBe('closed');
    expect(result.changes).toStrictEqual({ round: 3, closedAttempts: 1 });
    expect(result.decision).toEqual({
      kind: 'menu',
      round: 3,
      greet: false,
      notice: null,
      closed: menu.departments[0],
    });
  });

  it('routes a closed department chosen by speech the same way', () => {
    const menu = menuAt(rules(scheduled({ kind: 'voicemail' })), CLOSED_TIME);
    const result = answered(
      decideGather(session(), menu, {
        round: 1,
        speechResult: 'sales please',
        confidence: 0.9,
        receivedAt: CLOSED_TIME,
      }),
    );
    expect(result.attempt).toMatchObject({ inputKind: 'speech', decision: 'closed', departmentId: 'sales-id' });
  });

  it('still re-prompts a low-confidence match of a closed department as a failed attempt', () => {
    const menu = menuAt(rules(scheduled({ kind: 'voicemail' })), CLOSED_TIME);
    const result = answered(
      decideGather(session(), menu, { round: 1, speechResult: 'sales', confidence: 0.1, receivedAt: CLOSED_TIME }),
    );
    expect(result.attempt).toMatchObject({ decision: 'reprompt_low_confidence', failure: 'low_confidence' });
  });

  it('treats the digit of a hidden closed department as no option', () => {
    const menu = menuAt(rules(scheduled({ kind: 'voicemail' }, true)), CLOSED_TIME);
    const result = answered(decideGather(session(), menu, { round: 1, digits: '1', receivedAt: CLOSED_TIME }));
    expect(result.attempt).toMatchObject({ decision: 'reprompt_no_match', failure: 'no_match' });
  });

  it('dials the department as usual while it is open', () => {
    const menu = menuAt(rules(scheduled({ kind: 'voicemail' })), OPEN_TIME);
    const result = answered(decideGather(session(), menu, { round: 1, digits: '1', receivedAt: OPEN_TIME }));
    expect(result.decision).toEqual({ kind: 'dial-department', department: menu.departments[0] });
  });
});
