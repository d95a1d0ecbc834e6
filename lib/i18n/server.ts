/**
 * Translators for server code that runs outside a page render: server actions' error messages,
 * route handlers (CSV exports), mails and jobs. Works with or without a request (tests, the
 * worker), where next-intl's own getTranslations() needs one.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { createTranslator } from "next-intl";
import { currentUser } from "@/lib/auth/session";
import { DEFAULT_LANGUAGE, DEFAULT_TIME_ZONE, LANGUAGE_COOKIE, LOCALE_OF, isLanguage, type AppLocale, type Language } from "@/lib/i18n/locales";
import { translateMessage, type Translator } from "@/lib/i18n/message";
import { languageFromAcceptLanguage } from "@/lib/i18n/negotiate";
import { preferredLanguage } from "@/lib/i18n/preference";
import { loadMessages } from "@/lib/i18n/request";

/** The language of the current request (see request.ts for the order), or English outside one. */
export async function requestLanguage(): Promise<Language> {
  const user = await currentUser().catch(() => null);
  const preferred = user ? await preferredLanguage(user.id) : null;
  if (preferred) return preferred;
  try {
    const cookie = (await cookies()).get(LANGUAGE_COOKIE)?.value;
    if (isLanguage(cookie)) return cookie;
    return languageFromAcceptLanguage((await headers()).get("accept-language"));
  } catch {
    return DEFAULT_LANGUAGE; // not in a request (tests, the worker)
  }
}

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

export const requestTranslator = async () => translatorFor(await requestLanguage());
