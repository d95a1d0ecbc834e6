/**
 * Plausibility: values that parse and validate but are probably a typing or import mistake — a
 * used car for €18.95 (a Belgian's "18.950" read the English way), 85 km on a used car, a build
 * year still to come, a price a hundred times what the dealer asks for the same model. They are
 * warnings, not errors: the dealer confirms them before the car is offered for sale, and the
 * confirmation holds for that exact value only (see `confirmationsFor`). Pure and client-safe;
 * the median of the dealer's stock comes from `lib/listings/plausibility-stock.ts`.
 */
import type { Listing } from "@/lib/listings/schema";
import { msg } from "@/lib/i18n/message";

export const PLAUSIBILITY_CHECKS = ["price_low", "mileage_low", "year_future", "registration_future", "price_median"] as const;
export type PlausibilityCheck = (typeof PLAUSIBILITY_CHECKS)[number];

/** Below this a used car's price is suspect (in the listing's currency). */
export const PRICE_FLOOR: Record<string, number> = { EUR: 500, SEK: 5000 };
export const MILEAGE_FLOOR_KM = 100;
/** A price at least this many times the median of the same model in stock is suspect. */
export const MEDIAN_FACTOR = 100;

/** Blocket categories that are cars or vans: the only ones these car-trade rules make sense for. */
const CAR_CATEGORIES = new Set(["car", "transport", "camper"]);

export interface PlausibilityWarning {
  check: PlausibilityCheck;
  field: "price" | "mileage" | "year" | "firstRegistration";
  /** A catalog message (lib/i18n/message.ts). */
  message: string;
  /** What the dealer confirms: the check and the exact value, e.g. "price_low:18.95". */
  fingerprint: string;
}

export interface PlausibilityContext {
  now?: Date;
  /** Median price of the same make and model in the dealer's stock (other cars), if any. */
  medianPrice?: number | null;
}

/** The price a marketplace will show: the listing's own (overrides are checked where they are typed). */
const isUsed = (l: Pick<Listing, "condition">) => l.condition !== "new";

export function plausibilityWarnings(listing: Listing, context: PlausibilityContext = {}): PlausibilityWarning[] {
  const out: PlausibilityWarning[] = [];
  const add = (check: PlausibilityCheck, field: PlausibilityWarning["field"], value: string | number, message: string) =>
    out.push({ check, field, message, fingerprint: `${check}:${value}` });
  const now = context.now ?? new Date();
  const car = CAR_CATEGORIES.has(listing.blocketCategory ?? "car");

  const floor = PRICE_FLOOR[listing.currency];
  if (car && isUsed(listing) && typeof listing.price === "number" && floor !== undefined && listing.price < floor) {
    add("price_low", "price", listing.price, msg("plausibility.priceLow", { amount: listing.price, currency: listing.currency, floor }));
  }
  if (car && isUsed(listing) && typeof listing.mileage === "number" && listing.mileage < MILEAGE_FLOOR_KM) {
    add("mileage_low", "mileage", listing.mileage, msg("plausibility.mileageLow", { km: listing.mileage }));
  }
  const year = now.getUTCFullYear();
  if (typeof listing.year === "number" && listing.year > year) {
    add("year_future", "year", listing.year, msg("plausibility.yearFuture", { year: listing.year }));
  }
  const month = `${year}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  if (listing.firstRegistration && listing.firstRegistration > month) {
    add("registration_future", "firstRegistration", listing.firstRegistration, msg("plausibility.registrationFuture", { date: listing.firstRegistration }));
  }
  const median = context.medianPrice;
  if (typeof listing.price === "number" && typeof median === "number" && median > 0 && listing.price >= median * MEDIAN_FACTOR) {
    add("price_median", "price", listing.price, msg("plausibility.priceMedian", {
      amount: listing.price, currency: listing.currency, median, times: Math.round(listing.price / median), model: [listing.make, listing.model].filter(Boolean).join(" "),
    }));
  }
  return out;
}

/** Statuses in which a car is offered for sale on the marketplaces: there, warnings must be confirmed. */
export const needsConfirmationWhen = (status: Listing["status"]) => status === "active" || status === "reserved";

export type Confirmations = Record<string, string>;

export function readConfirmations(stored: unknown): Confirmations {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Warnings neither confirmed before (for this value) nor confirmed now. */
export function unconfirmed(warnings: PlausibilityWarning[], stored: Confirmations, confirmedNow: readonly string[] = []): PlausibilityWarning[] {
  const now = new Set(confirmedNow);
  return warnings.filter((w) => stored[w.check] !== w.fingerprint && !now.has(w.fingerprint));
}

/**
 * What to store after a save: the confirmations that still match a current warning. A changed
 * value drops its confirmation, so a new mistake in the same field is caught again.
 */
export function confirmationsFor(warnings: PlausibilityWarning[], stored: Confirmations, confirmedNow: readonly string[] = []): Confirmations {
  const now = new Set(confirmedNow);
  return Object.fromEntries(warnings.filter((w) => stored[w.check] === w.fingerprint || now.has(w.fingerprint)).map((w) => [w.check, w.fingerprint]));
}
