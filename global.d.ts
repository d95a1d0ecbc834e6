/** Typed catalog keys: `t("listings.title")` is checked against messages/en.json at compile time. */
import type messages from "./messages/en.json";
import type { AppLocale } from "./lib/i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
