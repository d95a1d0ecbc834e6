/**
 * Numbers, money and mileage shown to a reader, always through Intl with their regional locale.
 * Client-safe and pure; parsing what a dealer types is lib/i18n/numbers.ts.
 */
import type { AppLocale } from "@/lib/i18n/locales";

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function formatNumber(value: number, locale: AppLocale | string, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, { maximumFractionDigits: 2, ...options }).format(value);
}

/** "€ 18.950" (nl-BE), "18 950 €" (fr-BE), "189 000 kr" (sv-SE), "€18,950" (en-GB). Cents only when there are any. */
export function formatMoney(value: number, currency: string, locale: AppLocale | string): string {
  const whole = Number.isInteger(value);
  return numberFormat(locale, { style: "currency", currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 }).format(value);
}

/** "85.000 km"; Swedish readers also get mil, their everyday unit: "85 000 km (8 500 mil)". */
export function formatMileage(km: number, locale: AppLocale | string): string {
  const kmText = `${formatNumber(km, locale, { maximumFractionDigits: 0 })} km`;
  if (!locale.startsWith("sv")) return kmText;
  return `${kmText} (${formatNumber(km / 10, locale, { maximumFractionDigits: 1 })} mil)`;
}

/** How a number is shown in an input for editing: grouped the user's way, so it reads back the same. */
export function formatNumberForInput(value: number | null | undefined, locale: AppLocale | string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return formatNumber(value, locale, { maximumFractionDigits: 2 });
}
