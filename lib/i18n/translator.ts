/**
 * A translator for one language, outside any request: mails, jobs, CSV vocabularies, tests. It
 * needs no session, so the worker can use it without loading the web app's sign-in code.
 */
import "server-only";
// use-intl/core: the React-free translator next-intl is built on, usable in the worker and in mails.
import { createTranslator } from "use-intl/core";
import { DEFAULT_TIME_ZONE, LOCALE_OF, type AppLocale, type Language } from "@/lib/i18n/locales";
import { translateMessage, type Translator } from "@/lib/i18n/message";

export const loadMessages = async (language: Language) => (await import(`../../messages/${language}.json`)).default;

export interface ServerTranslator {
  language: Language;
  locale: AppLocale;
  /** A catalog key (typed loosely: callers pass keys built from codes). */
  t: Translator;
  /** A message from lib/i18n/message.ts, or plain text, in words. */
  text(message: string | null | undefined): string;
}

export async function translatorFor(language: Language): Promise<ServerTranslator> {
  const locale = LOCALE_OF[language];
  const translate = createTranslator({ locale, messages: await loadMessages(language), timeZone: DEFAULT_TIME_ZONE });
  const t = translate as unknown as Translator;
  return { language, locale, t, text: (message) => translateMessage(t, message) };
}

