/**
 * Canonical listing → Blocket v4 payload (blocket.md §2.2, §3.3–§3.6). Registered vehicles get
 * no `title` and no `contact` (v4 rejects them); other categories get both. `dealer_code` is sent
 * only with a group token (§1.3: a dealer-scoped token plus dealer_code caused errors [3P]).
 */
import { BLOCKET_CATEGORIES, type BlocketCategory, type ChannelOverrides, type Listing } from "@/lib/listings/schema";
import type { MarketplaceIdentity, PublishSettings } from "../types";
import type { AdPayload } from "./wire";
import { asBlocketIdentity } from "./identity";

export const MAX_IMAGES = 38;
export const MAX_TITLE = 100;

export function categoryOf(listing: Pick<Listing, "blocketCategory">) {
  const key: BlocketCategory = listing.blocketCategory ?? "car";
  return { vehicleType: key, ...BLOCKET_CATEGORIES[key] };
}

const BRAND_ALIASES: Record<string, string> = { vw: "volkswagen", mercedes: "mercedes-benz", "mercedes-benz": "mercedes-benz", benz: "mercedes-benz", "citroën": "citroen", "škoda": "skoda" };

/** Blocket value ids are lower-case slugs: "Mercedes-Benz" → "mercedes-benz", "ID.3" → "id-3". */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function brandSlug(listing: Pick<Listing, "blocketBrand" | "make">): string | undefined {
  if (listing.blocketBrand) return listing.blocketBrand;
  if (!listing.make) return undefined;
  const lower = listing.make.trim().toLowerCase();
  return BRAND_ALIASES[lower] ?? (slug(lower) || undefined);
}

export function modelSlug(listing: Pick<Listing, "blocketModel" | "model">): string | undefined {
  if (listing.blocketModel) return listing.blocketModel;
  return listing.model ? slug(listing.model) || undefined : undefined;
}

/** Canonical (Okasie) enum spellings → Blocket slugs; undefined = no Blocket equivalent. */
export const FUEL_MAP: Record<string, string | undefined> = { petrol: "gasoline", diesel: "diesel", electric: "electric", hybrid: "hybrid", cng: "natural_gas", lpg: undefined, other: undefined };
export const TRANSMISSION_MAP: Record<string, string | undefined> = { manual: "manual", automatic: "automatic", "semi-automatic": "automatic", other: undefined };
export const BODY_TYPE_MAP: Record<string, string | undefined> = { hatchback: "hatchback", sedan: "sedan", suv: "suv", wagon: "station_wagon", convertible: "convertible", van: "van", coupe: "coupe", other: undefined };

export function bodyTypeFor(listing: Listing): string | undefined {
  if (listing.blocketCategory === "moped") return "moped";
  return listing.bodyType ? BODY_TYPE_MAP[listing.bodyType] : undefined;
}

/** Swedish postal codes are five digits; "123 45" is written with a space by people. */
export function zipcodeOf(postalCode: string | null | undefined): string | undefined {
  const digits = (postalCode ?? "").replace(/\s+/g, "");
  return /^\d{5}$/.test(digits) ? digits : undefined;
}

function locationOf(listing: Listing): AdPayload["location"] {
  if (listing.latitude != null && listing.longitude != null) return { latitude: listing.latitude, longitude: listing.longitude };
  const zipcode = zipcodeOf(listing.postalCode);
  return zipcode ? { zipcode } : null;
}

const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

function categoryFields(listing: Listing): AdPayload["category_fields"] {
  const fuel = listing.fuelType ? FUEL_MAP[listing.fuelType] : undefined;
  const transmission = listing.transmission ? TRANSMISSION_MAP[listing.transmission] : undefined;
  const powertrain = defined({ transmission, fuels: fuel ? [fuel] : undefined });
  const condition = defined({
    mileage: listing.mileage != null ? { unit: "km" as const, value: Math.round(listing.mileage) } : undefined,
    is_new_vehicle: listing.condition ? listing.condition === "new" : undefined,
  });
  const equipments = listing.features.map((f) => f.name);
  return defined({
    registration_number: listing.registrationNumber ?? undefined,
    vin: listing.vin ?? undefined,
    brand: brandSlug(listing),
    model: modelSlug(listing),
    model_type: listing.variant ?? undefined,
    model_year: listing.year ?? undefined,
    in_traffic_date: listing.firstRegistration ? `${listing.firstRegistration}-01` : undefined,
    body_type: bodyTypeFor(listing),
    color: listing.color ?? undefined,
    is_vat_deductible: listing.vatRegime ? listing.vatRegime === "btw" : undefined,
    registration_number_hidden: listing.registrationNumberHidden ?? undefined,
    condition: Object.keys(condition).length ? condition : undefined,
    powertrain: Object.keys(powertrain).length ? powertrain : undefined,
    equipments: equipments.length ? equipments : undefined,
  });
}

/**
 * The exact body of `POST /v4/{vehicle_type}`; PUT sends it without `source_id`/`dealer_code`.
 * A rehearsing connection sends every ad with `visible: false` (§1.8: not published anywhere, seen
 * only in Blocket Admin, free); `dont_publish_on_failed_images` is the connection's photo policy.
 */
export function toBlocketPayload(listing: Listing, overrides: ChannelOverrides | null | undefined, identity?: MarketplaceIdentity, settings?: PublishSettings): AdPayload {
  const category = categoryOf(listing);
  const price = overrides?.price ?? listing.price;
  const description = overrides?.description ?? listing.description;
  const payload: AdPayload = {
    source_id: listing.reference,
    category_id: category.id,
    visible: (listing.status === "active" || listing.status === "reserved") && settings?.rehearsal !== true,
    price: price != null ? [{ type: "list", amount: Math.round(price), currency: "SEK" }] : [],
    image_urls: listing.images.slice(0, MAX_IMAGES),
    location: locationOf(listing),
    category_fields: categoryFields(listing),
    dont_publish_on_failed_images: settings?.holdOnFailedImages === true,
  };
  const blocketIdentity = asBlocketIdentity(identity);
  if (blocketIdentity?.tokenScope === "dealer_group") payload.dealer_code = blocketIdentity.dealerCode;
  if (description) payload.body = description.slice(0, 10_000);
  if (!category.registered) {
    payload.title = (overrides?.title ?? listing.title).slice(0, MAX_TITLE);
    payload.contact = defined({ name: listing.contactName ?? undefined, phone: listing.contactPhone ?? undefined, email: listing.contactEmail ?? "" });
  }
  return payload;
}

/** PUT body: the same document minus what lives in the path or on the stored ad. */
export function toUpdateBody(payload: AdPayload): Omit<AdPayload, "source_id" | "dealer_code"> {
  const { source_id: _sourceId, dealer_code: _dealerCode, ...rest } = payload;
  return rest;
}

/** Blocket's category-field keys under the canonical listing's names. */
const CATEGORY_FIELD_NAME: Record<string, string> = {
  registration_number: "registrationNumber", vin: "vin", brand: "make", model: "model", model_type: "variant", model_year: "year",
  in_traffic_date: "firstRegistration", body_type: "bodyType", color: "color", is_vat_deductible: "vatRegime",
  registration_number_hidden: "registrationNumberHidden", equipments: "features",
};

/** A sent payload under the canonical field names (the diff a dealer reads; see types.ts). */
export function payloadFields(payload: unknown): Record<string, unknown> {
  const p = (payload ?? {}) as Partial<AdPayload> & Record<string, unknown>;
  const out: Record<string, unknown> = {};
  out.visible = p.visible ?? null;
  out.blocketCategory = p.category_id ?? null;
  out.price = Array.isArray(p.price) && p.price.length ? p.price[0].amount : null;
  out.images = p.image_urls ?? [];
  out.description = p.body ?? null;
  if ("title" in p) out.title = p.title ?? null;
  const location = (p.location ?? {}) as Record<string, unknown>;
  out.postalCode = location.zipcode ?? null;
  if (location.latitude != null) out.latitude = location.latitude;
  if (location.longitude != null) out.longitude = location.longitude;
  const contact = (p.contact ?? null) as Record<string, unknown> | null;
  if (contact) Object.assign(out, { contactName: contact.name ?? null, contactPhone: contact.phone ?? null, contactEmail: contact.email ?? null });
  const fields = (p.category_fields ?? {}) as Record<string, unknown>;
  for (const [key, name] of Object.entries(CATEGORY_FIELD_NAME)) out[name] = fields[key] ?? null;
  const condition = (fields.condition ?? {}) as { mileage?: { value?: number }; is_new_vehicle?: boolean };
  out.mileage = condition.mileage?.value ?? null;
  out.condition = condition.is_new_vehicle ?? null;
  const powertrain = (fields.powertrain ?? {}) as { transmission?: string; fuels?: string[] };
  out.transmission = powertrain.transmission ?? null;
  out.fuelType = powertrain.fuels?.join(", ") ?? null;
  return out;
}
