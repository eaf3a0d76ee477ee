/** Every sentence a caller hears besides the greeting: its default wording and the placeholders it may use. */

export const PROMPT_PLACEHOLDERS = [
  'department',
  'digit',
  'keyword',
  'hours',
  'timeZone',
  'opening',
  'language',
] as const;
export type PromptPlaceholder = (typeof PROMPT_PLACEHOLDERS)[number];

interface PromptDefinition {
  readonly text: string;
  readonly placeholders: readonly PromptPlaceholder[];
}

const PROMPTS = {
  // Said before the menu is read again.
  lowConfidence: { text: "Sorry, I didn't catch that clearly.", placeholders: [] },
  noMatch: { text: "Sorry, that isn't one of the options.", placeholders: [] },
  noInput: { text: "Sorry, I didn't hear a choice.", placeholders: [] },
  // One line per department in the menu; {keyword} is its first keyword (or its name when speech-only without one).
  menuOptionDigitAndKeyword: {
    text: 'For {department}, press {digit} or say {keyword}.',
    placeholders: ['department', 'digit', 'keyword'],
  },
  menuOptionDigit: { text: 'For {department}, press {digit}.', placeholders: ['department', 'digit'] },
  menuOptionKeyword: { text: 'For {department}, say {keyword}.', placeholders: ['department', 'keyword'] },
  // The standard keys, each said only where its menu offers it.
  menuBackKey: { text: 'To go back, press star.', placeholders: [] },
  menuRepeatKey: { text: 'To hear these options again, press pound.', placeholders: [] },
  menuOperatorKey: { text: 'To speak to an operator, press 0.', placeholders: [] },
  // One line per language at the start of a call that offers several, each said in its own language and voice.
  languageChoice: { text: 'For {language}, press {digit}.', placeholders: ['language', 'digit'] },
  // How a closed department is named in its menu line.
  menuClosedDepartment: { text: '{department}, which is closed now', placeholders: ['department'] },
  // The closed announcement; {hours} and {opening} are generated ("Monday to Friday, 9 AM to 5 PM", "tomorrow at 9 AM").
  departmentClosed: { text: '{department} is closed now.', placeholders: ['department'] },
  departmentHours: { text: 'Its hours are {hours} ({timeZone}).', placeholders: ['hours', 'timeZone'] },
  departmentOpensAgain: { text: 'It opens again {opening}.', placeholders: ['opening'] },
  connectingToDepartment: { text: 'Connecting you to {department}.', placeholders: ['department'] },
  connectingToOperator: { text: 'Connecting you to an operator.', placeholders: [] },
  connectingAfterHours: {
    text: '{department} is closed now. Connecting you to our after-hours line.',
    placeholders: ['department'],
  },
  // Said before the voicemail instructions.
  voicemailNobodyAvailable: { text: 'Sorry, nobody is available to take your call.', placeholders: [] },
  voicemailCallFailed: { text: 'Sorry, we could not connect your call.', placeholders: [] },
  voicemailInstructions: {
    text: 'Please leave a message after the tone, then hang up or press the pound key.',
    placeholders: [],
  },
  voicemailNothingRecorded: { text: 'We did not receive a message. Goodbye.', placeholders: [] },
  voicemailRecorded: { text: 'Thank you, your message has been recorded. Goodbye.', placeholders: [] },
  goodbye: { text: 'Thank you for calling. Goodbye.', placeholders: [] },
  technicalDifficulties: {
    text: "We're sorry, we are having technical difficulties. Please call again later. Goodbye.",
    placeholders: [],
  },
  technicalDifficultiesConnecting: {
    text: "We're sorry, we are having technical difficulties. Connecting you to an operator.",
    placeholders: [],
  },
} as const satisfies Record<string, PromptDefinition>;

export type PromptKey = keyof typeof PROMPTS;
export type PlaceholdersOf<K extends PromptKey> = (typeof PROMPTS)[K]['placeholders'][number];

/** Every prompt's text: what the call flow says. */
export type CallerPrompts = Readonly<Record<PromptKey, string>>;
/** What the settings row stores: the prompts an admin changed, by key. */
export type PromptOverrides = Partial<Record<PromptKey, string>>;

export const PROMPT_KEYS = Object.keys(PROMPTS) as readonly PromptKey[];

export const DEFAULT_PROMPTS: CallerPrompts = Object.freeze(
  Object.fromEntries(PROMPT_KEYS.map((key) => [key, PROMPTS[key].text])) as Record<PromptKey, string>,
);

export const MAX_PROMPT_LENGTH = 500;

export function placeholdersOf(key: PromptKey): readonly PromptPlaceholder[] {
  return PROMPTS[key].placeholders;
}

// Anything in braces counts as a placeholder, so "{ department }" is refused rather than said aloud.
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Replaces each `{name}` with its value in one pass (values are never re-read); unknown names stay as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (match, name: string) => (Object.hasOwn(values, name) ? values[name] : match));
}

/** A prompt with its placeholders filled: the values the prompt may use, each one required. */
export function fillPrompt<K extends PromptKey>(
  prompts: CallerPrompts,
  key: K,
  values: Readonly<Record<PlaceholdersOf<K>, string>>,
): string {
  return fillTemplate(prompts[key], values);
}

/** The placeholders in `text` that prompt `key` may not use, as written ("{foo}"). */
export function unknownPlaceholders(key: PromptKey, text: string): string[] {
  const allowed: readonly string[] = placeholdersOf(key);
  return [...text.matchAll(PLACEHOLDER)].filter((match) => !allowed.includes(match[1])).map((match) => match[0]);
}

/** The stored overrides over the defaults: what callers hear. Unknown or empty stored entries are ignored. */
export function effectivePrompts(overrides: Readonly<Record<string, unknown>> | null | undefined): CallerPrompts {
  const prompts: Record<PromptKey, string> = { ...DEFAULT_PROMPTS };
  for (const key of PROMPT_KEYS) {
    const text = overrides?.[key];
    if (typeof text === 'string' && text !== '') prompts[key] = text;
  }
  return prompts;
}

/**
 * The overrides to store after an admin's change: the named prompts take their new text, the others stay.
 * A text equal to the default is not stored, so that prompt follows the code's wording again.
 */
export function changePrompts(
  overrides: Readonly<Record<string, unknown>> | null | undefined,
  changes: Readonly<Partial<Record<PromptKey, string>>>,
): PromptOverrides {
  const prompts: Record<PromptKey, string> = { ...effectivePrompts(overrides) };
  for (const key of PROMPT_KEYS) {
    const text = changes[key];
    if (text !== undefined) prompts[key] = text;
  }
  return Object.fromEntries(
    PROMPT_KEYS.filter((key) => prompts[key] !== DEFAULT_PROMPTS[key]).map((key) => [key, prompts[key]]),
  );
}
