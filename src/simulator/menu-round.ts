// What a <Gather> asks, read from its TwiML alone (the simulator must work against any server): its spoken lines,
// whether it is a choice of language, and how a caller answers that choice.
import type { TwimlNode } from './twiml-document.js';

/** One <Say>: its text with the language and voice it is spoken in (null: Twilio's default). */
export interface SpokenLine {
  readonly text: string;
  readonly language: string | null;
  readonly voice: string | null;
}

/** A language offered in a choice of language: the line said in it, and the key that line names. */
export interface LanguageOption {
  readonly language: string;
  readonly line: SpokenLine;
  /** null: the line names no key, the caller answers by voice. */
  readonly key: string | null;
}

/** How the caller answers a choice of language. */
export type LanguageAnswer =
  { readonly kind: 'digits'; readonly digits: string } | { readonly kind: 'speech'; readonly text: string };

export function spokenLine(say: TwimlNode): SpokenLine {
  return { text: say.text, language: say.attributes.language ?? null, voice: say.attributes.voice ?? null };
}

/** How the simulator prints a line the IVR says: `IVR [es-MX, Polly.Mia]: …`. */
export function sayLine(line: SpokenLine): string {
  const spokenIn = [line.language, line.voice].filter((part): part is string => Boolean(part)).join(', ');
  return spokenIn ? `IVR [${spokenIn}]: ${line.text}` : `IVR: ${line.text}`;
}

// A key standing alone ("press 2.", "oprima 2"), not a digit inside a number or a word ("2nd", "555-0100").
const STANDALONE_KEY = /(?<![\p{L}\p{N}*#-])[0-9*#](?![\p{L}\p{N}*#-])/gu;

/** The key a line tells the caller to press: the last one standing alone in it (the one after "press"). */
export function keyNamed(text: string): string | null {
  return text.match(STANDALONE_KEY)?.at(-1) ?? null;
}

/**
 * The languages a <Gather> offers, when it is a choice of language: its <Say>s are in more than one language
 * (a menu speaks one). Each language's line is its last <Say> (a greeting in the default language comes first).
 */
export function languageChoiceOf(gather: TwimlNode): readonly LanguageOption[] | null {
  const lastByLanguage = new Map<string, LanguageOption>();
  for (const child of gather.children) {
    if (child.name !== 'Say') continue;
    const line = spokenLine(child);
    if (!line.language) continue;
    const key = line.language.toLowerCase();
    // Re-inserted so the order is that of each language's own line.
    lastByLanguage.delete(key);
    lastByLanguage.set(key, { language: line.language, line, key: keyNamed(line.text) });
  }
  return lastByLanguage.size < 2 ? null : [...lastByLanguage.values()];
}

const primary = (code: string): string => code.split('-')[0].toLowerCase();

/** The option for `wanted`: the same code (any case), else the one language offered with its first part ("es"). */
export function findOffered(options: readonly LanguageOption[], wanted: string): LanguageOption | null {
  const exact = options.find((option) => option.language.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  if (wanted.includes('-')) return null;
  const same = options.filter((option) => primary(option.language) === primary(wanted));
  return same.length === 1 ? same[0] : null;
}

const folded = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * A language's name in itself ("español" for es-MX), as the <Gather>'s speech hints spell it when they have it
 * (a server lists the words it recognises there); the code itself when the runtime knows no name for it.
 */
export function languageName(code: string, hints: string | undefined): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([code], { type: 'language' }).of(primary(code)) ?? code;
  } catch {
    // Not a code the runtime knows: say the code.
  }
  const hinted = (hints ?? '').split(',').find((hint) => folded(hint) === folded(name));
  return hinted?.trim() ?? name;
}

/** Presses the key the language's line names; a line naming none is answered by voice with the language's name. */
export function languageAnswer(option: LanguageOption, hints: string | undefined): LanguageAnswer {
  return option.key !== null
    ? { kind: 'digits', digits: option.key }
    : { kind: 'speech', text: languageName(option.language, hints) };
}

/** The languages offered, as the simulator lists them: `en-US (1), es-MX (2)`. */
export function offeredList(options: readonly LanguageOption[]): string {
  return options.map((option) => `${option.language} (${option.key ?? 'by voice'})`).join(', ');
}

/** The header of a round: what the <Gather> is, and the language it recognises speech in. */
export function roundLine(round: number, kind: 'menu' | 'language choice', gatherLanguage: string | undefined): string {
  return `Round ${round}: ${kind}${gatherLanguage ? ` (Gather language ${gatherLanguage})` : ''}`;
}
