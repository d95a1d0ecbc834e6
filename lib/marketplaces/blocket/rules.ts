/**
 * Blocket's rules as field-level problems on the canonical listing, with no network call
 * (blocket.md §2.2, §3.3, §3.5, G-LIMITS, G-PRICE). The simulator enforces the same rules; the
 * strict set (brand, model, body type, mileage, transmission, fuel) applies to cars and vans,
 * where §3.5 says the client always sends it.
 */
import type { Listing } from "@/lib/listings/schema";
import { msg } from "@/lib/i18n/message";
import type { MarketplaceIdentity, Problem, PublishInput } from "../types";
import { bodyTypeFor, brandSlug, categoryOf, FUEL_MAP, MAX_IMAGES, MAX_TITLE, modelSlug, TRANSMISSION_MAP, zipcodeOf } from "./map";

const STRICT_TYPES = new Set(["car", "transport", "moped", "camper"]);
const UNSUPPORTED_IMAGE = /\.(gif|webp|bmp|tiff?|heic|heif|svg|avif)$/i;

/** Problems speak in catalog messages (`preflight.rules.blocket.*` in messages/*.json). */
const r = (key: string, values?: Record<string, string | number>) => msg(`preflight.rules.blocket.${key}`, values);
const error = (field: string, code: string, message: string): Problem => ({ field, severity: "error", code, message });
const warning = (field: string, code: string, message: string): Problem => ({ field, severity: "warning", code, message });

function imageProblems(listing: Listing): Problem[] {
  const out: Problem[] = [];
  if (listing.images.length > MAX_IMAGES) out.push(error("images", "too_many_images", r("too_many_images.counted", { max: MAX_IMAGES, extra: listing.images.length - MAX_IMAGES })));
  listing.images.forEach((url, i) => {
    let path = url;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return out.push(error(`images.${i}`, "invalid_url", r("invalid_url.any")));
      path = parsed.pathname;
    } catch {
      return out.push(error(`images.${i}`, "invalid_url", r("invalid_url.any")));
    }
    if (UNSUPPORTED_IMAGE.test(path)) out.push(error(`images.${i}`, "unsupported_image_format", r("unsupported_image_format.any")));
  });
  return out;
}

/** A Blocket price override is in SEK by definition; otherwise the listing's own price must be. */
function priceProblems(listing: Listing, price: number | null | undefined, overridden: boolean): Problem[] {
  if (price == null) return [warning("price", "no_price", r("no_price.any"))];
  const out: Problem[] = [];
  if (!overridden && listing.currency !== "SEK") out.push(error("currency", "currency_not_sek", r("currency_not_sek.any")));
  if (!Number.isInteger(price)) out.push(warning("price", "price_rounded", r("price_rounded.counted", { rounded: Math.round(price) })));
  return out;
}

function registeredProblems(listing: Listing, strict: boolean): Problem[] {
  const out: Problem[] = [];
  if (!listing.registrationNumber && !listing.vin) {
    out.push(error("registrationNumber", "registration_or_vin_required", r("registration_or_vin_required.any")));
  }
  if (listing.year == null) out.push(error("year", "model_year_required", r("model_year_required.any")));
  else if (listing.year < 1900 || listing.year > 2100) out.push(error("year", "model_year_range", r("model_year_range.any")));
  if (listing.contactName || listing.contactPhone || listing.contactEmail) {
    out.push(warning("contactEmail", "contact_not_sent", r("contact_not_sent.any")));
  }
  if (!strict) return out;
  if (!brandSlug(listing)) out.push(error("make", "brand_required", r("brand_required.any")));
  if (!modelSlug(listing)) out.push(error("model", "model_required", r("model_required.any")));
  if (!bodyTypeFor(listing)) {
    out.push(error("bodyType", "body_type_required", r("body_type_required.any")));
  }
  if (listing.mileage == null) out.push(error("mileage", "mileage_required", r("mileage_required.any")));
  if (!listing.transmission || TRANSMISSION_MAP[listing.transmission] === undefined) {
    out.push(error("transmission", "transmission_required", r("transmission_required.any")));
  }
  if (!listing.fuelType || FUEL_MAP[listing.fuelType] === undefined) {
    out.push(error("fuelType", "fuel_required", r("fuel_required.any")));
  }
  return out;
}

function unregisteredProblems(listing: Listing, title: string): Problem[] {
  const out: Problem[] = [];
  if (title.length > MAX_TITLE) out.push(warning("title", "title_truncated", r("title_truncated.counted", { max: MAX_TITLE })));
  if (!listing.contactEmail) out.push(error("contactEmail", "contact_email_required", r("contact_email_required.any")));
  if (listing.contactPhone && !/^(?=.{8,16}$)\+?\d+$/.test(listing.contactPhone)) {
    out.push(error("contactPhone", "contact_phone_format", r("contact_phone_format.any")));
  }
  return out;
}

export function blocketPreflight(input: PublishInput, _identity?: MarketplaceIdentity): Problem[] {
  const { listing, overrides } = input;
  const category = categoryOf(listing);
  const problems: Problem[] = [];
  problems.push(...(category.registered ? registeredProblems(listing, STRICT_TYPES.has(category.vehicleType)) : unregisteredProblems(listing, overrides?.title ?? listing.title)));
  problems.push(...priceProblems(listing, overrides?.price ?? listing.price, overrides?.price != null));
  problems.push(...imageProblems(listing));
  const description = overrides?.description ?? listing.description;
  if (description && description.length > 10_000) problems.push(error("description", "description_too_long", r("description_too_long.any")));
  if (description && /[<>]/.test(description)) problems.push(warning("description", "angle_brackets_replaced", r("angle_brackets_replaced.any")));
  if (listing.postalCode && !zipcodeOf(listing.postalCode) && (listing.latitude == null || listing.longitude == null)) {
    problems.push(warning("postalCode", "postal_code_format", r("postal_code_format.any")));
  }
  if ((listing.latitude == null) !== (listing.longitude == null)) problems.push(warning("latitude", "coordinates_incomplete", r("coordinates_incomplete.any")));
  if (listing.registrationNumber && listing.registrationNumber.length > 6) problems.push(error("registrationNumber", "registration_number_length", r("registration_number_length.any")));
  return problems;
}
