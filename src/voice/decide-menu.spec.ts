import type { MenuDepartment, RoutingRules } from '../routing/routing-rules.js';
import type { WebhookEvent, WebhookInput } from '../twilio/webhook-event.js';
import type { Decided, SessionState } from './call-decision.js';
import { decide, menuAt } from './decide.js';
import { menuDepartment, menuOption, menuRule, menuSettings, menuTree } from '../../test/helpers/menu-fixtures.js';

const RECEIVED_AT = new Date('2030-01-02T03:04:05.000Z');
const OPERATOR = '+15555550100';
const SALES = menuDepartment();
const TECHNICAL = menuDepartment({
  id: 'technical-id',
  name: 'Technical',
  digit: null,
  keywords: ['technical'],
  phoneNumber: '+15555550111',
  inRootMenu: false,
});
const ACCOUNTS = menuDepartment({
  id: 'accounts-id',
  name: 'Accounts',
  digit: null,
  keywords: ['accounts'],
  phoneNumber: '+15555550112',
  confidenceThreshold: 0.8,
  inRootMenu: false,
});
const ALWAYS_CLOSED = {
  hours: { timeZone: 'UTC', weekly: {}, overrides: [], followCompanyHolidays: false },
  closedAction: { kind: 'menu' },
  hideWhenClosed: false,
} as const;

// Root: Sales (1), Support (2) → a submenu: Technical (1), Accounts (2), Deeper (3), a message (9); `*`, `#`, `0`.
const SUPPORT = menuRule({
  id: 'support-menu',
  name: 'Support',
  prompt: 'Support menu.',
  operatorKey: true,
  options: [
    menuOption({ id: 'o-technical', digit: '1', departmentId: TECHNICAL.id }),
    menuOption({ id: 'o-accounts', digit: '2', departmentId: ACCOUNTS.id }),
    menuOption({ id: 'o-deeper', digit: '3', action: 'menu', targetMenuId: 'deeper-menu' }),
    menuOption({ id: 'o-message', digit: '9', action: 'voicemail', label: 'a message', keywords: ['message'] }),
  ],
});
const DEEPER = menuRule({
  id: 'deeper-menu',
  name: 'Deeper',
  backKey: false,
  repeatKey: false,
  options: [menuOption({ id: 'o-deep-accounts', digit: '1', departmentId: ACCOUNTS.id })],
});
const ROOT_OPTIONS = [
  menuOption({
    id: 'o-support',
    position: 2,
    digit: '2',
    keywords: ['support'],
    action: 'menu',
    targetMenuId: SUPPORT.id,
  }),
];

function rules(overrides: Partial<RoutingRules> = {}, departments = [SALES, TECHNICAL, ACCOUNTS]): RoutingRules {
  return {
    settings: menuSettings({ operatorNumber: OPERATOR, maxAttempts: 3, minConfidence: 0.5 }),
    departments,
    menus: menuTree(ROOT_OPTIONS, SUPPORT, DEEPER),
    ...overrides,
  };
}

const RULES = rules();
const NO_OPERATOR = rules({ settings: menuSettings({ operatorNumber: null, maxAttempts: 3 }) });

function session(overrides: Partial<SessionState> = {}): SessionState {
  return { round: 1, failedAttempts: 0, dialTarget: null, outcome: null, language: 'en-US', ...overrides };
}

function gather(round: number, input: Omit<Extract<WebhookInput, { kind: 'gather' }>, 'kind' | 'round'>): WebhookEvent {
  return { callSid: 'CA1', receivedAt: RECEIVED_AT, requestId: 'r1', kind: 'gather', round, ...input };
}

const IN_SUPPORT = { menuPath: ['support-menu'] };

interface Row {
  readonly name: string;
  readonly event: WebhookEvent;
  readonly session: SessionState;
  readonly rules?: RoutingRules;
  readonly decision?: Decided['decision'];
  readonly changes?: Decided['changes'];
  readonly attempt?: Partial<NonNullable<Decided['attempt']>>;
}

const ROWS: readonly Row[] = [
  {
    name: 'a root option to a submenu goes into it: its path, the option and the round recorded, nothing failed',
    event: gather(1, { digits: '2' }),
    session: session(),
    decision: { kind: 'menu', round: 2, path: ['support-menu'], greet: false, notice: null },
    changes: { round: 2, menuPath: ['support-menu'] },
    attempt: { decision: 'submenu', optionId: 'o-support', departmentId: null, failure: null },
  },
  {
    name: 'a root option to a submenu is chosen by voice too',
    event: gather(1, { speechResult: 'support please', confidence: 0.9 }),
    session: session(),
    changes: { round: 2, menuPath: ['support-menu'] },
    attempt: { inputKind: 'speech', decision: 'submenu', optionId: 'o-support' },
  },
  {
    name: "the root's own departments keep their digits",
    event: gather(1, { digits: '1' }),
    session: session(),
    decision: { kind: 'dial-department', department: SALES },
    attempt: { decision: 'route', departmentId: SALES.id },
  },
  {
    name: 'a department placed only in a submenu is not in the root menu',
    event: gather(1, { speechResult: 'technical', confidence: 0.9 }),
    session: session(),
    changes: { round: 2, failedAttempts: 1 },
    attempt: { decision: 'reprompt_no_match' },
  },
  {
    name: "a submenu's digit routes to its department, the menu and option recorded",
    event: gather(2, { digits: '1' }),
    session: session({ round: 2, ...IN_SUPPORT }),
    decision: { kind: 'dial-department', department: TECHNICAL },
    changes: {
      round: 3,
      departmentId: TECHNICAL.id,
      dialTarget: 'department',
      dialedNumber: TECHNICAL.phoneNumber,
      routedAt: RECEIVED_AT,
    },
    attempt: { decision: 'route', menuId: 'support-menu', optionId: 'o-technical', departmentId: TECHNICAL.id },
  },
  {
    name: "a department's own keywords choose it in a submenu whose option has none",
    event: gather(2, { speechResult: 'accounts', confidence: 0.9 }),
    session: session({ round: 2, ...IN_SUPPORT }),
    decision: { kind: 'dial-department', department: ACCOUNTS },
  },
  {
    name: "speech below the department's own threshold fails in a submenu too",
    event: gather(2, { speechResult: 'accounts', confidence: 0.7 }),
    session: session({ round: 2, ...IN_SUPPORT }),
    decision: { kind: 'menu', round: 3, path: ['support-menu'], greet: false, notice: 'low_confidence' },
    attempt: { decision: 'reprompt_low_confidence', departmentId: ACCOUNTS.id, menuId: 'support-menu' },
  },
  {
    name: '`*` goes back one level, failed attempts kept',
    event: gather(3, { digits: '*' }),
    session: session({ round: 3, failedAttempts: 1, ...IN_SUPPORT }),
    decision: { kind: 'menu', round: 4, greet: false, notice: null },
    changes: { round: 4, menuPath: [] },
    attempt: { decision: 'back', menuId: 'support-menu', failure: null },
  },
  {
    name: '`*` from the third level goes back to the second',
    event: gather(3, { digits: '*' }),
    session: session({ round: 3, menuPath: ['support-menu', 'deeper-menu'] }),
    rules: rules({ menus: menuTree(ROOT_OPTIONS, SUPPORT, { ...DEEPER, backKey: true }) }),
    changes: { round: 4, menuPath: ['support-menu'] },
    attempt: { decision: 'back', menuId: 'deeper-menu' },
  },
  {
    name: '`*` where the menu does not offer it is not one of the options',
    event: gather(3, { digits: '*' }),
    session: session({ round: 3, menuPath: ['support-menu', 'deeper-menu'] }),
    changes: { round: 4, failedAttempts: 1 },
    attempt: { decision: 'reprompt_no_match', menuId: 'deeper-menu' },
  },
  {
    name: '`*` at the root is not one of the options',
    event: gather(1, { digits: '*' }),
    session: session(),
    changes: { round: 2, failedAttempts: 1 },
    attempt: { decision: 'reprompt_no_match' },
  },
  {
    name: '`#` reads the same menu again, nothing failed',
    event: gather(2, { digits: '#' }),
    session: session({ round: 2, ...IN_SUPPORT }),
    decision: { kind: 'menu', round: 3, path: ['support-menu'], greet: false, notice: null },
    changes: { round: 3 },
    attempt: { decision: 'repeat', menuId: 'support-menu' },
  },
  {
    name: '`#` where the menu does not offer it is not one of the options',
    event: gather(1, { digits: '#' }),
    session: session(),
    changes: { round: 2, failedAttempts: 1 },
  },
  {
    name: '`0` puts the caller through to the operator where the menu offers it',
    event: gather(2, { digits: '0' }),
    session: session({ round: 2, ...IN_SUPPORT }),
    decision: { kind: 'dial-operator', number: OPERATOR },
    changes: { round: 3, dialTarget: 'operator', dialedNumber: OPERATOR, routedAt: RECEIVED_AT },
    attempt: { decision: 'operator_requested', failure: null, menuId: 'support-menu' },
  },
  {
    name: '`0` without an operator number takes a message',
    event: gather(2, { digits: '0' }),
    session: session({ round: 2, ...IN_SUPPORT }),
    rules: NO_OPERATOR,
    decision: { kind: 'voicemail', reason: 'no-operator' },
    changes: { round: 3 },
  },
  {
    name: '`0` where the menu does not offer it is not one of the options',
    event: gather(1, { digits: '0' }),
    session: session(),
    attempt: { decision: 'reprompt_no_match' },
  },
  {
    name: 'an option to voicemail records a message without an apology',
    event: gather(2, { speechResult: 'leave a message', confidence: 0.9 }),
    session: session({ round: 2, ...IN_SUPPORT }),
    decision: { kind: 'voicemail', reason: 'requested' },
    changes: { round: 3 },
    attempt: { decision: 'voicemail_requested', optionId: 'o-message' },
  },
  {
    name: 'a failed answer in a submenu reads that submenu again',
    event: gather(2, { digits: '7' }),
    session: session({ round: 2, ...IN_SUPPORT }),
    decision: { kind: 'menu', round: 3, path: ['support-menu'], greet: false, notice: 'no_match' },
    changes: { round: 3, failedAttempts: 1 },
  },
  {
    name: 'failed attempts count over the whole call: two at the root and one in a submenu reach the operator',
    event: gather(4, {}),
    session: session({ round: 4, failedAttempts: 2, ...IN_SUPPORT }),
    decision: { kind: 'dial-operator', number: OPERATOR },
    attempt: { decision: 'operator', failure: 'no_input', menuId: 'support-menu' },
  },
  {
    name: 'a closed department in a submenu with the menu as its action reads that submenu again',
    event: gather(2, { digits: '1' }),
    session: session({ round: 2, ...IN_SUPPORT }),
    rules: menuAt(rules({}, [SALES, { ...TECHNICAL, afterHours: ALWAYS_CLOSED }, ACCOUNTS]), RECEIVED_AT),
    changes: { round: 3, closedAttempts: 1 },
    attempt: { decision: 'closed', departmentId: TECHNICAL.id },
  },
  {
    name: 'a submenu whose every option is hidden while closed is hidden: its digit is not an option',
    event: gather(1, { digits: '2' }),
    session: session(),
    rules: menuAt(
      rules({ menus: menuTree(ROOT_OPTIONS, { ...SUPPORT, options: SUPPORT.options.slice(0, 1) }) }, [
        SALES,
        { ...TECHNICAL, afterHours: { ...ALWAYS_CLOSED, hideWhenClosed: true } },
      ]),
      RECEIVED_AT,
    ),
    changes: { round: 2, failedAttempts: 1 },
    attempt: { decision: 'reprompt_no_match' },
  },
  {
    name: 'a submenu of inactive departments only is hidden too',
    event: gather(1, { digits: '2' }),
    session: session(),
    rules: rules({ menus: menuTree(ROOT_OPTIONS, { ...SUPPORT, options: SUPPORT.options.slice(0, 2) }) }, [SALES]),
    attempt: { decision: 'reprompt_no_match' },
  },
  {
    name: 'a call whose submenu was deleted meanwhile is back at the root menu',
    event: gather(3, { digits: '1' }),
    session: session({ round: 3, menuPath: ['deleted-menu'] }),
    decision: { kind: 'dial-department', department: SALES },
  },
];

describe('decide in a menu tree', () => {
  it.each(ROWS)('$name', (row) => {
    const sut = decide(row.event, row.session, row.rules ?? RULES);
    if (row.decision) expect(sut.decision).toEqual(row.decision);
    if (row.changes) expect(sut.changes).toEqual(row.changes);
    if (row.attempt) expect(sut.attempt).toMatchObject(row.attempt);
  });

  it('goes five levels deep', () => {
    const levels = ['l2', 'l3', 'l4', 'l5'];
    const chain = levels.map((id, index) =>
      menuRule({
        id,
        options: [
          index === levels.length - 1
            ? menuOption({ id: `o-${id}`, digit: '1', departmentId: TECHNICAL.id })
            : menuOption({ id: `o-${id}`, digit: '1', action: 'menu', targetMenuId: levels[index + 1] }),
        ],
      }),
    );
    const deep = rules({
      menus: menuTree([menuOption({ id: 'o-root', digit: '5', action: 'menu', targetMenuId: 'l2' })], ...chain),
    });
    let state = session();
    const digits = ['5', '1', '1', '1', '1'];
    const decisions = digits.map((digit, index) => {
      const sut = decide(gather(index + 1, { digits: digit }), state, deep);
      state = { ...state, ...sut.changes };
      return sut.decision.kind;
    });
    expect(decisions).toEqual(['menu', 'menu', 'menu', 'menu', 'dial-department']);
    expect(state.menuPath).toEqual(levels);
  });

  it('records a closed department chosen in a submenu without counting a failure', () => {
    const closed: MenuDepartment = { ...TECHNICAL, afterHours: ALWAYS_CLOSED };
    const sut = decide(
      gather(2, { digits: '1' }),
      session({ round: 2, failedAttempts: 1, ...IN_SUPPORT }),
      menuAt(rules({}, [SALES, closed, ACCOUNTS]), RECEIVED_AT),
    );
    expect(sut.changes).not.toHaveProperty('failedAttempts');
    expect(sut.decision).toMatchObject({ kind: 'menu', path: ['support-menu'], closed: { id: TECHNICAL.id } });
  });
});
