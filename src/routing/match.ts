import type { MenuDepartment } from './routing-rules.js';

/** Lower case, punctuation stripped, whitespace collapsed: "Billing." and "billing" are the same. */
export function normaliseSpeech(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function findPhrase(words: readonly string[], phrase: readonly string[]): number {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, offset) => words[start + offset] === word)) return start;
  }
  return -1;
}

export interface KeywordMatch {
  readonly department: MenuDepartment;
  readonly keyword: string;
}

/**
 * The department whose keyword (a whole word or phrase) the caller said. When several match,
 * the one said first wins, then the longer phrase, then menu order.
 */
export function matchDepartmentBySpeech(speech: string, departments: readonly MenuDepartment[]): KeywordMatch | null {
  const words = normaliseSpeech(speech).split(' ').filter(Boolean);
  let best: { match: KeywordMatch; position: number; length: number } | null = null;
  for (const department of departments) {
    for (const keyword of department.keywords) {
      const phrase = normaliseSpeech(keyword).split(' ').filter(Boolean);
      if (phrase.length === 0) continue;
      const position = findPhrase(words, phrase);
      if (position < 0) continue;
      const better = !best || position < best.position || (position === best.position && phrase.length > best.length);
      if (better) best = { match: { department, keyword }, position, length: phrase.length };
    }
  }
  return best?.match ?? null;
}

export function findDepartmentByDigit(digits: string, departments: readonly MenuDepartment[]): MenuDepartment | null {
  return departments.find((department) => department.digit !== null && department.digit === digits) ?? null;
}
