/**
 * Blocket's rules as field-level problems on the canonical listing, with no network call
 * (blocket.md §2.2, §3.3, §3.5, G-LIMITS, G-PRICE). The simulator enforces the same rules; the
 * strict set (brand, model, body type, mileage, transmission, fuel) applies to cars and vans,
 * where §3.5 says the client always sends it.
 */
import type { Listing } from "@/lib/listings/schema";
import type { MarketplaceIdentity, Problem, PublishInput } from "../types";
import { BODY_TYPE_MAP, bodyTypeFor, brandSlug, categoryOf, FUEL_MAP, MAX_IMAGES, MAX_TITLE, modelSlug, TRANSMISSION_MAP, zipcodeOf } from "./map";

const STRICT_TYPES = new Set(["car", "transport", "moped", "camper"]);
const UNSUPPORTED_IMAGE = /\.(gif|webp|bmp|tiff?|heic|heif|svg|avif)$/i;

const error = (field: string, code: string, message: string): Problem => ({ field, severity: "error", code, message });
const warning = (field: string, code: string, message: string): Problem => ({ field, severity: "warning", code, message });

function imageProblems(listing: Listing): Problem[] {
  const out: Problem[] = [];
  if (listing.images.length > MAX_IMAGES) out.push(error("images", "too_many_images", `Blocket takes at most ${MAX_IMAGES} images; remove ${listing.images.length - MAX_IMAGES}.`));
  listing.images.forEach((url, i) => {
    let path = url;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return out.push(error(`images.${i}`, "invalid_url", "An image must be an http(s) URL."));
      path = parsed.pathname;
    } catch {
      return out.push(error(`images.${i}`, "invalid_url", "An image must be an http(s) URL."));
    }
    if (UNSUPPORTED_IMAGE.test(path)) out.push(error(`images.${i}`, "unsupported_image_format", "Blocket accepts JPG and PNG images only."));
  });
  return out;
}

/** A Blocket price override is in SEK by definition; otherwise the listing's own price must be. */
function priceProblems(listing: Listing, price: number | null | undefined, overridden: boolean): Problem[] {
  if (price == null) return [warning("price", "no_price", "The ad will be published without a price.")];
  const out: Problem[] = [];
  if (!overridden && listing.currency !== "SEK") out.push(error("currency", "currency_not_sek", "Blocket prices are in Swedish kronor (SEK): set the currency to SEK, or give a Blocket price in SEK under Marketplaces."));
  if (!Number.isInteger(price)) out.push(warning("price", "price_rounded", `Blocket takes whole kronor; the price is sent as ${Math.round(price)}.`));
  return out;
}

function registeredProblems(listing: Listing, strict: boolean): Problem[] {
  const out: Problem[] = [];
  if (!listing.registrationNumber && !listing.vin) {
    out.push(error("registrationNumber", "registration_or_vin_required", "A registered vehicle needs a registration number or a VIN."));
  }
  if (listing.year == null) out.push(error("year", "model_year_required", "Blocket needs the model year."));
  else if (listing.year < 1900 || listing.year > 2100) out.push(error("year", "model_year_range", "The model year must be between 1900 and 2100."));
  if (listing.contactName || listing.contactPhone || listing.contactEmail) {
    out.push(warning("contactEmail", "contact_not_sent", "Blocket shows the store's contact details for registered vehicles; the ad's contact is not sent."));
  }
  if (!strict) return out;
  if (!brandSlug(listing)) out.push(error("make", "brand_required", "Blocket needs the make (brand)."));
  if (!modelSlug(listing)) out.push(error("model", "model_required", "Blocket needs the model."));
  if (!bodyTypeFor(listing)) {
    out.push(error("bodyType", "body_type_required", listing.bodyType && BODY_TYPE_MAP[listing.bodyType] === undefined ? "This body type has no Blocket equivalent; choose another." : "Blocket needs the body type."));
  }
  if (listing.mileage == null) out.push(error("mileage", "mileage_required", "Blocket needs the mileage (km)."));
  if (!listing.transmission || TRANSMISSION_MAP[listing.transmission] === undefined) {
    out.push(error("transmission", "transmission_required", listing.transmission ? "This transmission has no Blocket equivalent." : "Blocket needs the transmission."));
  }
  if (!listing.fuelType || FUEL_MAP[listing.fuelType] === undefined) {
    out.push(error("fuelType", "fuel_required", listing.fuelType ? `Blocket has no fuel "${listing.fuelType}"; choose the closest one.` : "Blocket needs the fuel type."));
  }
  return out;
}

function unregisteredProblems(listing: Listing, title: string): Problem[] {
  const out: Problem[] = [];
  if (title.length > MAX_TITLE) out.push(warning("title", "title_truncated", `Blocket titles have at most ${MAX_TITLE} characters; the rest is cut.`));
  if (!listing.contactEmail) out.push(error("contactEmail", "contact_email_required", "Blocket needs a contact e-mail for this category."));
  if (listing.contactPhone && !/^(?=.{8,16}$)\+?\d+$/.test(listing.contactPhone)) {
    out.push(error("contactPhone", "contact_phone_format", "Digits only, optionally starting with +, 8 to 16 characters."));
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
  if (description && description.length > 10_000) problems.push(error("description", "description_too_long", "Blocket descriptions have at most 10,000 characters."));
  if (description && /[<>]/.test(description)) problems.push(warning("description", "angle_brackets_replaced", "Blocket replaces < and > with -."));
  if (listing.postalCode && !zipcodeOf(listing.postalCode) && (listing.latitude == null || listing.longitude == null)) {
    problems.push(warning("postalCode", "postal_code_format", "A Swedish postal code has five digits; Blocket will use the store's address instead."));
  }
  if ((listing.latitude == null) !== (listing.longitude == null)) problems.push(warning("latitude", "coordinates_incomplete", "Give both latitude and longitude, or neither."));
  if (listing.registrationNumber && listing.registrationNumber.length > 6) problems.push(error("registrationNumber", "registration_number_length", "A Swedish plate has at most 6 characters."));
  return problems;
}
