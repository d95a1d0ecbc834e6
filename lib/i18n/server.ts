/**
 * Translators for server code that runs outside a page render: server actions' error messages,
 * route handlers (CSV exports), mails and jobs. Works with or without a request (tests, the
 * worker), where next-intl's own getTranslations() needs one.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { currentUser } from "@/lib/auth/session";
import { DEFAULT_LANGUAGE, LANGUAGE_COOKIE, isLanguage, type Language } from "@/lib/i18n/locales";
import { languageFromAcceptLanguage } from "@/lib/i18n/negotiate";
import { preferredLanguage } from "@/lib/i18n/preference";
import { translatorFor } from "@/lib/i18n/translator";

export { translatorFor, type ServerTranslator } from "@/lib/i18n/translator";

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

export const requestTranslator = async () => translatorFor(await requestLanguage());
