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

/** Anything a caller can choose by voice: a menu option, a department, a language. */
export interface Spoken {
  readonly keywords: readonly string[];
}

export interface KeywordMatch<T extends Spoken> {
  readonly option: T;
  readonly keyword: string;
}

/**
 * The option whose keyword (a whole word or phrase) the caller said. When several match,
 * the one said first wins, then the longer phrase, then menu order.
 */
export function matchBySpeech<T extends Spoken>(speech: string, options: readonly T[]): KeywordMatch<T> | null {
  const words = normaliseSpeech(speech).split(' ').filter(Boolean);
  let best: { match: KeywordMatch<T>; position: number; length: number } | null = null;
  for (const option of options) {
    for (const keyword of option.keywords) {
      const phrase = normaliseSpeech(keyword).split(' ').filter(Boolean);
      if (phrase.length === 0) continue;
      const position = findPhrase(words, phrase);
      if (position < 0) continue;
      const better = !best || position < best.position || (position === best.position && phrase.length > best.length);
      if (better) best = { match: { option, keyword }, position, length: phrase.length };
    }
  }
  return best?.match ?? null;
}

export function findByDigit<T extends { readonly digit: string | null }>(
  digits: string,
  options: readonly T[],
): T | null {
  return options.find((option) => option.digit !== null && option.digit === digits) ?? null;
}
