import { PROMPT_KEYS, type PromptKey, type PromptOverrides } from './caller-prompts.js';
import type { LanguageOffer } from './languages.js';
import type { SettingsTranslations } from './translations.js';

/** What a PATCH of the settings sends for one language; null removes a text (the default's is heard again). */
export interface SettingsTranslationChange {
  readonly greeting?: string | null;
  readonly prompts?: Readonly<Partial<Record<PromptKey, string | null>>> | null;
}

/** By language code; null removes all of a language's texts. */
export type SettingsTranslationsChange = Readonly<Record<string, SettingsTranslationChange | null>>;

type LanguageTexts = { greeting?: string; prompts?: PromptOverrides };

function changeLanguage(current: LanguageTexts | undefined, change: SettingsTranslationChange): LanguageTexts {
  const prompts: Partial<Record<PromptKey, string>> = {};
  for (const key of PROMPT_KEYS) {
    const next = change.prompts === null ? null : change.prompts?.[key];
    const text = next === undefined ? current?.prompts?.[key] : next;
    if (typeof text === 'string' && text !== '') prompts[key] = text;
  }
  const greeting = change.greeting === undefined ? current?.greeting : change.greeting;
  return {
    ...(typeof greeting === 'string' && greeting !== '' ? { greeting } : {}),
    ...(Object.keys(prompts).length > 0 ? { prompts } : {}),
  };
}

/**
 * The translations to store after an admin's change, merged like prompts are: each language named takes the texts
 * sent and keeps the others; null removes a text, or a whole language; a language left with no text is dropped.
 * Stored prompts of keys the code no longer has are dropped on the way.
 */
export function changeTranslations(
  current: SettingsTranslations | null | undefined,
  changes: SettingsTranslationsChange,
): SettingsTranslations {
  const next: Record<string, LanguageTexts> = { ...current };
  for (const [code, change] of Object.entries(changes)) {
    const texts = change === null ? {} : changeLanguage(next[code], change);
    if (Object.keys(texts).length > 0) next[code] = texts;
    else delete next[code];
  }
  return next;
}

/** The language settings as they would be stored after a change. */
export interface LanguageSettingsState {
  readonly language: string;
  readonly languages: readonly LanguageOffer[];
  readonly languageByCountry: Readonly<Record<string, string>>;
  readonly translations: SettingsTranslations;
}

export interface FieldProblem {
  readonly field: string;
  readonly messages: string[];
}

function defaultOfferProblems(state: LanguageSettingsState, languageSent: boolean): FieldProblem[] {
  const { language, languages } = state;
  const codes = languages.map((offer) => offer.code).join(', ');
  const own = languages.find((offer) => offer.code === language);
  if (!own) {
    return [
      languageSent
        ? {
            field: 'language',
            messages: [
              `language ${language} is not among the languages offered (${codes}): add it to languages in the same ` +
                'request (with no voice: the default speaks with voice), or choose one of those',
            ],
          }
        : {
            field: 'languages',
            messages: [
              `languages must include the default language ${language} (with no voice: it speaks with voice), ` +
                'or be [] to offer only the default',
            ],
          },
    ];
  }
  if (!own.voice) return [];
  return [
    {
      field: 'languages',
      messages: [
        `languages: ${language} is the default language and speaks with the voice setting: leave its voice out ` +
          `(or set voice to ${own.voice})`,
      ],
    },
  ];
}

function otherOfferProblems({ language, languages }: LanguageSettingsState): FieldProblem[] {
  const voiceless = languages.filter((offer) => offer.code !== language && !offer.voice).map((offer) => offer.code);
  if (voiceless.length === 0) return [];
  return [
    {
      field: 'languages',
      messages: [`languages: ${voiceless.join(', ')} needs a voice (a Twilio <Say> voice that speaks it)`],
    },
  ];
}

function countryProblems({ language, languages, languageByCountry }: LanguageSettingsState): FieldProblem[] {
  const offered = languages.length > 0 ? languages.map((offer) => offer.code) : [language];
  return Object.entries(languageByCountry)
    .filter(([, code]) => !offered.includes(code))
    .map(([country, code]) => ({
      field: `languageByCountry.${country}`,
      messages: [
        `languageByCountry.${country} is ${code}, which is not offered: add ${code} to languages, or map ` +
          `${country} to one of ${offered.join(', ')}`,
      ],
    }));
}

function translationProblems({ language, translations }: LanguageSettingsState): FieldProblem[] {
  if (!translations[language]) return [];
  return [
    {
      field: `translations.${language}`,
      messages: [
        `translations.${language}: ${language} is the default language, whose texts are greeting and prompts ` +
          `themselves: remove translations.${language} (send it as null) and set those instead`,
      ],
    },
  ];
}

/**
 * What is wrong with the language settings a change would store, field by field: a non-empty list includes the
 * default language, without a voice of its own, and gives every other one a voice; countries map to offered
 * languages; the default language has no translations (its texts are the settings themselves). `languageSent`:
 * the change set `language`, so a list without it is that field's fault.
 */
export function languageSettingsProblems(state: LanguageSettingsState, languageSent: boolean): FieldProblem[] {
  return [
    ...(state.languages.length > 0 ? [...defaultOfferProblems(state, languageSent), ...otherOfferProblems(state)] : []),
    ...countryProblems(state),
    ...translationProblems(state),
  ];
}
