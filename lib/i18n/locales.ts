/**
 * The languages Forecourt speaks and the regional conventions that go with each. Client-safe.
 *
 * A user's preference is stored as a language (`nl`, `fr`, `sv`, `en`); everything that formats
 * or parses (next-intl, Intl, our number parser) uses the regional tag, because a Dutch-speaking
 * Belgian writes "€ 18.950" and a Swede "189 000 kr".
 */
export const LANGUAGES = ["nl", "fr", "sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The BCP 47 tag each language is formatted with. English is the European (British) variant. */
export const LOCALE_OF: Record<Language, AppLocale> = { nl: "nl-BE", fr: "fr-BE", sv: "sv-SE", en: "en-GB" };
export const LOCALES = ["nl-BE", "fr-BE", "sv-SE", "en-GB"] as const;
export type AppLocale = (typeof LOCALES)[number];

export const DEFAULT_LANGUAGE: Language = "en";

/** Each language's own name, for the language picker (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: "Nederlands", fr: "Français", sv: "Svenska", en: "English" };

export const isLanguage = (value: unknown): value is Language => typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);

export const languageOf = (locale: string): Language => {
  const language = locale.slice(0, 2).toLowerCase();
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
};

/** The language a new dealer's staff most likely speak (a Walloon dealer picks French). */
export const DEFAULT_LANGUAGE_BY_COUNTRY: Record<"BE" | "SE", Language> = { BE: "nl", SE: "sv" };

/** Dealers' time zones. Both follow the EU's CET/CEST rules, so their clocks always agree. */
export const TIME_ZONE_BY_COUNTRY: Record<"BE" | "SE", string> = { BE: "Europe/Brussels", SE: "Europe/Stockholm" };
export const DEFAULT_TIME_ZONE = "Europe/Brussels";

/** The cookie that remembers a language chosen before signing in. */
export const LANGUAGE_COOKIE = "forecourt-lang";
