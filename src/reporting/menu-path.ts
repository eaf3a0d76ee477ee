import type { AttemptDecision } from '../call-sessions/call-attempt.entity.js';

/** A menu as a call met it: its id (null: the root menu) and its name now (null: deleted since). */
export interface MenuVisit {
  readonly menuId: string | null;
  readonly menuName: string | null;
}

export interface AnsweredIn extends MenuVisit {
  readonly decision: AttemptDecision;
}

// Answers after which the caller is in another menu than the one they answered in.
const MOVES: ReadonlySet<AttemptDecision> = new Set(['submenu', 'back']);

/**
 * The menus a caller went through, in order, from their answers in round order: the menu of each answer (the
 * language choice is none), a menu answered several rounds in a row once, and, when the last answer moved the
 * caller (into a submenu, or back), the menu it led to: `current`, where the session says the caller is.
 */
export function menuPathOf(answers: readonly AnsweredIn[], current: MenuVisit): MenuVisit[] {
  const inMenus = answers.filter((answer) => answer.decision !== 'language');
  const last = inMenus.at(-1);
  const visits: MenuVisit[] = [...inMenus, ...(last && MOVES.has(last.decision) ? [current] : [])];
  const path: MenuVisit[] = [];
  for (const visit of visits) {
    const previous = path.at(-1);
    if (!previous || previous.menuId !== visit.menuId) path.push({ menuId: visit.menuId, menuName: visit.menuName });
  }
  return path;
}
