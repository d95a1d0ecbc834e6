/** The language a browser asks for (Accept-Language), among the ones Forecourt speaks. */
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "@/lib/i18n/locales";

export function languageFromAcceptLanguage(header: string | null | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const requested = new Negotiator({ headers: { "accept-language": header } }).languages().filter((l) => l !== "*");
  if (requested.length === 0) return DEFAULT_LANGUAGE;
  try {
    return match(requested, [...LANGUAGES], DEFAULT_LANGUAGE) as Language;
  } catch {
    return DEFAULT_LANGUAGE; // a malformed tag: not worth an error page
  }
}
