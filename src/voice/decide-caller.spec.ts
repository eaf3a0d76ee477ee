import { menuDepartment, menuSettings, menuSupport } from '../../test/helpers/menu-fixtures.js';
import type { CallerLookup } from '../events/caller-info.js';
import type { MenuDepartment, RoutingRules } from '../routing/routing-rules.js';
import { decideIncomingCall } from './decide.js';
import { renderTwiml } from './twiml.js';

const AT = new Date('2030-01-02T15:00:00.000Z');
const NEW_CALL = { round: 1, failedAttempts: 0, dialTarget: null, outcome: null };
const closedNow = { at: AT, opensAt: null, reason: 'outside_regular_hours' as const };

function closed(action: NonNullable<MenuDepartment['afterHours']>['closedAction']): MenuDepartment {
  return menuSupport({ afterHours: { hours: {} as never, closedAction: action, hideWhenClosed: false }, closedNow });
}

const rules = (...departments: MenuDepartment[]): RoutingRules => ({
  settings: menuSettings(),
  departments: [menuDepartment(), ...departments],
});

const caller = (info: CallerLookup['info'], status: CallerLookup['status'] = 'ok'): CallerLookup => ({ status, info });

describe('decideIncomingCall', () => {
  it.each([
    ['no department: the menu, greeted personally', rules(), caller({ greeting: 'Hi Ada.' }), 'menu', {}],
    [
      'an open department: dialled at once',
      rules(),
      caller({ departmentId: 'sales-id' }),
      'dial-department',
      { departmentId: 'sales-id', dialTarget: 'department', dialedNumber: '+15555550101', routedAt: AT },
    ],
    [
      'a department not in the menu now (hidden while closed): the menu',
      rules(),
      caller({ departmentId: 'support-id' }),
      'menu',
      {},
    ],
    [
      'a closed department that forwards: its after-hours number',
      rules(closed({ kind: 'forward', number: '+15555550199' })),
      caller({ departmentId: 'support-id' }),
      'closed-forward',
      { dialTarget: 'department', dialedNumber: '+15555550199', routedAt: AT },
    ],
    [
      'a closed department taking messages: its voicemail',
      rules(closed({ kind: 'voicemail' })),
      caller({ departmentId: 'support-id' }),
      'closed-voicemail',
      { departmentId: 'support-id' },
    ],
    [
      'a closed department whose action is the menu: the menu, saying it is closed',
      rules(closed({ kind: 'menu' })),
      caller({ departmentId: 'support-id' }),
      'menu',
      {},
    ],
    ['a hook that timed out: the menu', rules(), caller({}, 'timeout'), 'menu', { callerLookup: 'timeout' }],
  ] as const)('%s', (_name, menu, lookup, kind, changes) => {
    const decided = decideIncomingCall(NEW_CALL, menu, lookup, AT);
    expect(decided.decision.kind).toBe(kind);
    expect(decided.changes).toMatchObject(changes);
    expect(decided.attempt).toBeNull();
  });

  it('stores the name, the tags and how the look-up went on the session', () => {
    const decided = decideIncomingCall(NEW_CALL, rules(), caller({ callerName: 'Ada', tags: ['vip'] }), AT);
    expect(decided.changes).toEqual({ callerName: 'Ada', tags: ['vip'], callerLookup: 'ok' });
  });

  it('says the personal greeting instead of the usual one, and before a transfer', () => {
    const menu = decideIncomingCall(NEW_CALL, rules(), caller({ greeting: 'Hello Ada.' }), AT);
    const menuTwiml = renderTwiml(menu.decision, rules());
    expect(menuTwiml).toContain('Hello Ada.');
    expect(menuTwiml).not.toContain('Welcome.');

    const dial = decideIncomingCall(
      NEW_CALL,
      rules(),
      caller({ greeting: 'Hello Ada.', departmentId: 'sales-id' }),
      AT,
    );
    expect(renderTwiml(dial.decision, rules())).toMatch(/<Say[^>]*>Hello Ada\. [^<]*Sales[^<]*<\/Say><Dial/);
  });
});
