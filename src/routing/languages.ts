/**
 * The languages a menu can be offered in: BCP 47 codes Twilio both speaks (`<Say language>`) and recognises speech
 * in (`<Gather language>`), as the `twilio` package's TwiML types list them (languages.spec.ts checks the list
 * against them, so an upgrade of the package that drops one fails a test).
 */
export const SUPPORTED_LANGUAGES = [
  'af-ZA', 'am-ET', 'ar-AE', 'bg-BG', 'bn-IN', 'ca-ES', 'cs-CZ', 'da-DK', 'de-DE', 'el-GR', 'en-AU', 'en-CA',
  'en-GB', 'en-IE', 'en-IN', 'en-NZ', 'en-US', 'en-ZA', 'es-ES', 'es-MX', 'es-US', 'fi-FI', 'fil-PH', 'fr-CA',
  'fr-FR', 'gu-IN', 'he-IL', 'hi-IN', 'hu-HU', 'id-ID', 'is-IS', 'it-IT', 'ja-JP', 'kn-IN', 'ko-KR', 'lv-LV',
  'ml-IN', 'mr-IN', 'ms-MY', 'nb-NO', 'nl-BE', 'nl-NL', 'pl-PL', 'pt-BR', 'pt-PT', 'ro-RO', 'ru-RU', 'sk-SK',
  'sr-RS', 'sv-SE', 'ta-IN', 'te-IN', 'th-TH', 'tr-TR', 'uk-UA', 'vi-VN', 'zh-TW',
] as const; // prettier-ignore

export function isSupportedLanguage(code: string): boolean {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(code);
}

/** A language callers may choose at the start of a call, as the settings store it. */
export interface LanguageOffer {
  readonly code: string;
  /** Its name in itself ("English", "español"): said in the choice, and a keyword for choosing it by voice. */
  readonly name: string;
  /** The key that chooses it. */
  readonly digit: string;
  /** More phrases that choose it by voice, besides its name. */
  readonly keywords?: readonly string[];
  /** The `<Say>` voice; the default language's is the `voice` setting (null or absent here). */
  readonly voice?: string | null;
}

/** A language as a call uses it: its code and voice resolved. */
export interface CallLanguage {
  readonly code: string;
  readonly name: string;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly voice: string;
}

interface LanguageSettings {
  readonly language: string;
  readonly voice: string;
  readonly languages?: readonly LanguageOffer[];
  readonly languageByCountry?: Readonly<Record<string, string>>;
}

/** The languages a call may be in, the default first; one (the default) when no others are offered. */
export function callLanguages(settings: LanguageSettings): readonly CallLanguage[] {
  const offers = settings.languages ?? [];
  const of = (offer: LanguageOffer): CallLanguage => ({
    code: offer.code,
    name: offer.name,
    digit: offer.digit,
    keywords: [offer.name, ...(offer.keywords ?? [])],
    voice: offer.code === settings.language ? settings.voice : (offer.voice ?? settings.voice),
  });
  const standalone: CallLanguage = {
    code: settings.language,
    name: settings.language,
    digit: null,
    keywords: [],
    voice: settings.voice,
  };
  const defaultOffer = offers.find((offer) => offer.code === settings.language);
  const others = offers.filter((offer) => offer.code !== settings.language).map(of);
  return [defaultOffer ? of(defaultOffer) : standalone, ...others];
}

/** Whether the call starts with a choice of language. */
export function offersLanguageChoice(settings: LanguageSettings): boolean {
  return callLanguages(settings).length > 1;
}

/**
 * The language a new call starts in: the default when it is the only one; the one set for the caller's country
 * when there is one; otherwise null (the caller chooses).
 */
export function startingLanguage(settings: LanguageSettings, fromCountry: string | undefined): string | null {
  const languages = callLanguages(settings);
  if (languages.length === 1) return settings.language;
  const byCountry = fromCountry ? settings.languageByCountry?.[fromCountry] : undefined;
  return byCountry && languages.some((language) => language.code === byCountry) ? byCountry : null;
}
