/**
 * next-intl's per-request configuration (server only). The language is, in this order: an
 * explicit one (a mail or an export for a given user), the signed-in user's preference, the one
 * picked on the sign-in page (a cookie), the browser's Accept-Language, English. Only the active
 * language's catalog is loaded.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { DEFAULT_TIME_ZONE, LANGUAGE_COOKIE, LOCALE_OF, isLanguage, languageOf, type Language } from "@/lib/i18n/locales";
import { languageFromAcceptLanguage } from "@/lib/i18n/negotiate";
import { preferredLanguage } from "@/lib/i18n/preference";
import { loadMessages } from "@/lib/i18n/translator";

async function requestLanguage(): Promise<Language> {
  const user = await currentUser();
  const preferred = user ? await preferredLanguage(user.id) : null;
  if (preferred) return preferred;
  const cookie = (await cookies()).get(LANGUAGE_COOKIE)?.value;
  if (isLanguage(cookie)) return cookie;
  return languageFromAcceptLanguage((await headers()).get("accept-language"));
}


export default getRequestConfig(async ({ locale: explicit }) => {
  const language = explicit ? languageOf(explicit) : await requestLanguage();
  return {
    locale: LOCALE_OF[language],
    messages: await loadMessages(language),
    // Belgium and Sweden share CET/CEST; dealer pages pass their own zone where it matters.
    timeZone: DEFAULT_TIME_ZONE,
  };
});
