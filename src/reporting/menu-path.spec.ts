import type { AttemptDecision } from '../call-sessions/call-attempt.entity.js';
import { type AnsweredIn, menuPathOf, type MenuVisit } from './menu-path.js';

const ROOT: MenuVisit = { menuId: null, menuName: 'Main menu' };
const SUPPORT: MenuVisit = { menuId: 'support-id', menuName: 'Support' };
const BILLING: MenuVisit = { menuId: 'billing-id', menuName: 'Billing' };
const DELETED: MenuVisit = { menuId: 'deleted-id', menuName: null };

const answer = (menu: MenuVisit, decision: AttemptDecision): AnsweredIn => ({ ...menu, decision });
const names = (path: MenuVisit[]): (string | null)[] => path.map((visit) => visit.menuName);

describe('menuPathOf', () => {
  it.each<[string, AnsweredIn[], MenuVisit, (string | null)[]]>([
    ['no answer', [], ROOT, []],
    ['routed at the root', [answer(ROOT, 'route')], ROOT, ['Main menu']],
    [
      'into a submenu, then routed there',
      [answer(ROOT, 'submenu'), answer(SUPPORT, 'route')],
      SUPPORT,
      ['Main menu', 'Support'],
    ],
    ['into a submenu, then hung up: the submenu last', [answer(ROOT, 'submenu')], SUPPORT, ['Main menu', 'Support']],
    [
      'into a submenu, back, into another',
      [answer(ROOT, 'submenu'), answer(SUPPORT, 'back'), answer(ROOT, 'submenu'), answer(BILLING, 'route')],
      BILLING,
      ['Main menu', 'Support', 'Main menu', 'Billing'],
    ],
    [
      'back, then hung up: the menu it led to last',
      [answer(ROOT, 'submenu'), answer(SUPPORT, 'back')],
      ROOT,
      ['Main menu', 'Support', 'Main menu'],
    ],
    [
      'several rounds in one menu once',
      [
        answer(ROOT, 'submenu'),
        answer(SUPPORT, 'reprompt_no_match'),
        answer(SUPPORT, 'repeat'),
        answer(SUPPORT, 'route'),
      ],
      SUPPORT,
      ['Main menu', 'Support'],
    ],
    [
      'the language choice left out',
      [answer({ menuId: null, menuName: null }, 'language'), answer(ROOT, 'route')],
      ROOT,
      ['Main menu'],
    ],
    ['only the language choice', [answer({ menuId: null, menuName: null }, 'language')], ROOT, []],
    ['a menu deleted since, unnamed', [answer(ROOT, 'submenu'), answer(DELETED, 'route')], ROOT, ['Main menu', null]],
    [
      'a failed last answer: no menu added',
      [answer(ROOT, 'submenu'), answer(SUPPORT, 'reprompt_no_input')],
      SUPPORT,
      ['Main menu', 'Support'],
    ],
  ])('%s', (_case, answers, current, expected) => {
    expect(names(menuPathOf(answers, current))).toEqual(expected);
  });

  it('keeps each menu id beside its name', () => {
    expect(menuPathOf([answer(ROOT, 'submenu')], SUPPORT)).toStrictEqual([ROOT, SUPPORT]);
  });
});
