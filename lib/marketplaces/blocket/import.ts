/**
 * The reverse mapping (capability importExisting): a Blocket ad that exists only on Blocket →
 * a canonical listing input, and every part of the ad the listing has no place for, per field
 * (blocket.md §2.2.2, §3.3–§3.4). Nothing is dropped silently: a value is either mapped to the
 * field the forward mapping (map.ts) reads it back from, or reported in `notKept` with why.
 *
 * Each mapped value is checked against the canonical field's own rule here, so one value the
 * listing cannot hold (a 19-character VIN, a 2099 model year) is reported rather than making
 * the whole ad unimportable. An ad Forecourt cannot write back at all (a category it does not
 * publish to) is refused with the reason.
 */
import { BLOCKET_CATEGORIES, featureSchema, imageUrlSchema, listingSchema, type BlocketCategory, type ListingInput } from "@/lib/listings/schema";
import { msg } from "@/lib/i18n/message";
import type { NotKeptField } from "../types";
import { BODY_TYPE_MAP, FUEL_MAP, TRANSMISSION_MAP } from "./map";
import type { WireAd } from "./wire";

/** Keys of the ad that are ids or bookkeeping (kept on the publication or not content at all). */
const BOOKKEEPING = new Set([
  "id", "source_id", "dealer_code", "category_id", "state", "visible", "blocket_ad_id", "offer_id", "blocket_store_id",
  "api_version", "created", "updated", "log", "logs", "image_refs", "image_urls", "url_title",
]);

const reverse = (map: Record<string, string | undefined>): Record<string, string> => Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined).map(([k, v]) => [v!, k]));
// "semi-automatic" and "automatic" both send "automatic": read back as "automatic".
const TRANSMISSION_FROM: Record<string, string> = { ...reverse(TRANSMISSION_MAP), automatic: "automatic" };
const FUEL_FROM = reverse(FUEL_MAP);
const BODY_TYPE_FROM = reverse(BODY_TYPE_MAP);

/** Brand slugs whose name is not the slug with capitals (the slug itself is kept in blocketBrand). */
const BRAND_NAMES: Record<string, string> = { bmw: "BMW", "mercedes-benz": "Mercedes-Benz", vw: "VW", mg: "MG", ds: "DS", byd: "BYD", kia: "Kia" };

const capitalise = (word: string) => (word ? word.charAt(0).toUpperCase() + word.slice(1) : word);

function brandName(slug: string): string {
  return BRAND_NAMES[slug] ?? slug.split("-").map(capitalise).join("-");
}

/** "xc60" → "XC60", "id-4" → "ID.4"-like names are not guessed: short letter+digit codes in capitals, else capitalised words. */
function modelName(slug: string): string {
  if (/^[a-z]{1,3}\d{1,3}[a-z]?$/.test(slug)) return slug.toUpperCase();
  return slug.split("-").map(capitalise).join(" ");
}

function categoryKeyOf(id: unknown): BlocketCategory | null {
  const n = typeof id === "string" ? Number(id) : id;
  const hit = Object.entries(BLOCKET_CATEGORIES).find(([, c]) => c.id === n);
  return hit ? (hit[0] as BlocketCategory) : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Why a value was not kept (catalog keys imports.notKept.*). */
export const NOT_KEPT_REASONS = ["noField", "invalid", "dayOfMonth", "reducedPrice", "connectionSetting", "otherUnit", "noValue", "extraFuel"] as const;
type NotKeptReason = (typeof NOT_KEPT_REASONS)[number];
type Lose = (field: string, value: unknown, reason: NotKeptReason) => void;

export class BlocketImportRefused extends Error {
  name = "BlocketImportRefused";
}

export interface BlocketImport {
  listing: ListingInput;
  notKept: NotKeptField[];
}

/** One ad → a listing input and what it leaves behind. Throws BlocketImportRefused when the ad cannot be taken over at all. */
export function fromBlocketAd(ad: WireAd): BlocketImport {
  const raw = ad as Record<string, unknown>;
  const notKept: NotKeptField[] = [];
  const lose: Lose = (field, value, reason) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return;
    notKept.push({ field, value: text(value), reason: msg(`imports.notKept.${reason}`) });
  };

  const category = categoryKeyOf(ad.category_id);
  if (!category) throw new BlocketImportRefused(msg("imports.skipped.category", { category: text(ad.category_id) }));
  const registered = BLOCKET_CATEGORIES[category].registered;

  const listing: Record<string, unknown> = {
    reference: ad.source_id,
    blocketCategory: category,
    currency: "SEK",
    status: ad.visible === false ? "draft" : "active",
    features: [],
    images: [],
  };
  /** Sets a canonical field when its own rule accepts the value; otherwise reports it. */
  const put = (field: keyof typeof listingSchema.shape, value: unknown, wireField: string, original: unknown = value) => {
    if (value === null || value === undefined) return;
    const ok = listingSchema.shape[field].safeParse(value);
    if (ok.success) listing[field] = value;
    else lose(wireField, original, "invalid");
  };

  // ---- top level ------------------------------------------------------------------------------
  if (typeof raw.body === "string" && raw.body !== "") put("description", raw.body, "body");
  priceOf(raw.price, put, lose);
  imagesOf(raw.image_refs, listing, lose);
  locationOf(raw.location, put, lose);
  if (isObject(raw.contact)) {
    const c = raw.contact;
    put("contactName", c.name ?? null, "contact.name");
    put("contactPhone", c.phone ?? null, "contact.phone");
    put("contactEmail", c.email ?? null, "contact.email");
    for (const [k, v] of Object.entries(c)) if (!["name", "phone", "email"].includes(k)) lose(`contact.${k}`, v, "noField");
  }
  if (raw.dont_publish_on_failed_images === true) lose("dont_publish_on_failed_images", true, "connectionSetting");
  for (const key of ["warranty", "service_history"] as const) {
    const field = key === "warranty" ? "warranty" : "serviceHistory";
    if (typeof raw[key] === "boolean") put(field, raw[key], key);
    else lose(key, raw[key], "noField");
  }

  // ---- category fields ------------------------------------------------------------------------
  const cf = isObject(raw.category_fields) ? { ...raw.category_fields } : {};
  const take = (key: string) => {
    const v = cf[key];
    delete cf[key];
    return v;
  };
  const plate = take("registration_number");
  if (typeof plate === "string") put("registrationNumber", plate.replace(/\s+/g, "").toUpperCase(), "category_fields.registration_number", plate);
  const vin = take("vin");
  if (typeof vin === "string") put("vin", vin.trim().toUpperCase(), "category_fields.vin", vin);
  const brand = take("brand");
  if (typeof brand === "string" && brand) {
    put("blocketBrand", brand, "category_fields.brand");
    if (listing.blocketBrand) listing.make = brandName(brand);
  }
  const model = take("model");
  if (typeof model === "string" && model) {
    put("blocketModel", model, "category_fields.model");
    if (listing.blocketModel) listing.model = modelName(model);
  }
  const modelType = take("model_type");
  if (modelType !== undefined) put("variant", modelType, "category_fields.model_type");
  const year = take("model_year");
  if (year !== undefined) put("year", typeof year === "string" ? Number(year) : year, "category_fields.model_year", year);
  const inTraffic = take("in_traffic_date");
  if (typeof inTraffic === "string") {
    const m = /^(\d{4}-\d{2})-(\d{2})/.exec(inTraffic);
    if (!m) lose("category_fields.in_traffic_date", inTraffic, "invalid");
    else {
      put("firstRegistration", m[1], "category_fields.in_traffic_date", inTraffic);
      if (listing.firstRegistration && m[2] !== "01") lose("category_fields.in_traffic_date", inTraffic, "dayOfMonth");
    }
  }
  const bodyType = take("body_type");
  if (typeof bodyType === "string") {
    // A moped's body type is always "moped" (map.ts sends it by category).
    if (!(category === "moped" && bodyType === "moped")) {
      const mapped = BODY_TYPE_FROM[bodyType];
      if (mapped) put("bodyType", mapped, "category_fields.body_type", bodyType);
      else lose("category_fields.body_type", bodyType, "noValue");
    }
  }
  const color = take("color");
  if (color !== undefined) put("color", color, "category_fields.color");
  const vat = take("is_vat_deductible");
  if (typeof vat === "boolean") put("vatRegime", vat ? "btw" : "margin", "category_fields.is_vat_deductible", vat);
  else lose("category_fields.is_vat_deductible", vat, "invalid");
  const hidden = take("registration_number_hidden");
  if (typeof hidden === "boolean") put("registrationNumberHidden", hidden, "category_fields.registration_number_hidden");
  else lose("category_fields.registration_number_hidden", hidden, "invalid");

  const condition = take("condition");
  if (isObject(condition)) {
    for (const [k, v] of Object.entries(condition)) {
      if (k === "mileage" && isObject(v) && (v.unit === "km" || v.unit === undefined) && typeof v.value === "number") put("mileage", v.value, "category_fields.condition.mileage", text(v));
      else if (k === "is_new_vehicle" && typeof v === "boolean") put("condition", v ? "new" : "used", "category_fields.condition.is_new_vehicle", v);
      else lose(`category_fields.condition.${k}`, v, k === "mileage" ? "otherUnit" : "noField");
    }
  } else lose("category_fields.condition", condition, "noField");

  const powertrain = take("powertrain");
  if (isObject(powertrain)) {
    for (const [k, v] of Object.entries(powertrain)) {
      if (k === "transmission" && typeof v === "string") {
        const mapped = TRANSMISSION_FROM[v];
        if (mapped) put("transmission", mapped, "category_fields.powertrain.transmission", v);
        else lose("category_fields.powertrain.transmission", v, "noValue");
      } else if ((k === "fuels" || k === "fuel") && (Array.isArray(v) || typeof v === "string")) {
        const fuels = (Array.isArray(v) ? v : [v]).map(String);
        const mapped = fuels[0] ? FUEL_FROM[fuels[0]] : undefined;
        if (mapped) put("fuelType", mapped, "category_fields.powertrain.fuels", fuels[0]);
        else lose("category_fields.powertrain.fuels", fuels[0], "noValue");
        // One fuel per car in Forecourt: a second one (a plug-in's petrol) is reported.
        if (fuels.length > 1) lose("category_fields.powertrain.fuels", fuels.slice(1).join(", "), "extraFuel");
      } else lose(`category_fields.powertrain.${k}`, v, "noField");
    }
  } else lose("category_fields.powertrain", powertrain, "noField");

  const features: { name: string }[] = [];
  for (const key of ["equipments", "equipment"]) {
    const list = take(key);
    if (Array.isArray(list)) {
      for (const item of list) {
        const parsed = featureSchema.safeParse({ name: item });
        if (typeof item === "string" && parsed.success && features.length < 200) features.push({ name: parsed.data.name });
        else lose(`category_fields.${key}`, item, "invalid");
      }
    } else lose(`category_fields.${key}`, list, "invalid");
  }
  listing.features = features;

  // Whatever remains of category_fields has no place in a listing (physics, engine hours, …).
  for (const [k, v] of Object.entries(cf)) flatten(`category_fields.${k}`, v, (field, value) => lose(field, value, "noField"));

  // ---- everything else at the top level --------------------------------------------------------
  const handled = new Set(["title", "body", "price", "location", "contact", "category_fields", "dont_publish_on_failed_images", "warranty", "service_history"]);
  for (const [k, v] of Object.entries(raw)) {
    if (BOOKKEEPING.has(k) || handled.has(k)) continue;
    flatten(k, v, (field, value) => lose(field, value, "noField"));
  }

  listing.title = titleOf(raw, listing, registered, lose);
  return { listing: listing as ListingInput, notKept };
}

/** A title is required in Forecourt; registered vehicles get Blocket's generated one. */
function titleOf(raw: Record<string, unknown>, listing: Record<string, unknown>, registered: boolean, lose: Lose): string {
  const given = typeof raw.title === "string" ? raw.title.trim() : "";
  if (given) {
    if (given.length <= 300) return given;
    lose("title", given, "invalid");
  }
  const composed = [listing.make, listing.model, listing.variant].filter((x) => typeof x === "string" && x).join(" ");
  if (composed) return composed.slice(0, 300);
  if (!registered && given) return given.slice(0, 300);
  return String(listing.reference);
}

function priceOf(value: unknown, put: (field: "price", v: unknown, w: string, o?: unknown) => void, lose: Lose) {
  if (!Array.isArray(value)) {
    lose("price", value, "invalid");
    return;
  }
  let listed = false;
  for (const entry of value) {
    if (!isObject(entry)) {
      lose("price", entry, "invalid");
      continue;
    }
    const currency = entry.currency ?? "SEK";
    if (entry.type === "list" && !listed && currency === "SEK") {
      put("price", entry.amount, "price.list");
      listed = true;
    } else if (entry.type === "reduced" || entry.type === "leasing") {
      lose(`price.${entry.type}`, text({ ...entry }), entry.type === "reduced" ? "reducedPrice" : "noField");
    } else lose(`price.${String(entry.type)}`, text(entry), "invalid");
  }
}

function imagesOf(value: unknown, listing: Record<string, unknown>, lose: Lose) {
  if (!Array.isArray(value)) return;
  const images: string[] = [];
  value.forEach((ref, i) => {
    // The address we (or the earlier integrator) sent is read back, so sending it again is a no-op (same checksum).
    const url = isObject(ref) ? (typeof ref.url === "string" && ref.url ? ref.url : ref.cdn_url) : ref;
    if (typeof url === "string" && imageUrlSchema.safeParse(url).success && images.length < 50) images.push(url);
    else lose(`image_refs.${i}`, url ?? ref, "invalid");
  });
  listing.images = images;
}

function locationOf(value: unknown, put: (field: "postalCode" | "latitude" | "longitude", v: unknown, w: string, o?: unknown) => void, lose: Lose) {
  if (!isObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === "zipcode") put("postalCode", typeof v === "string" ? v : text(v), "location.zipcode", v);
    else if (k === "latitude" || k === "longitude") {
      const n = typeof v === "string" ? Number(v) : v;
      put(k, typeof n === "number" && Number.isFinite(n) ? n : null, `location.${k}`, v);
      if (!(typeof n === "number" && Number.isFinite(n))) lose(`location.${k}`, v, "invalid");
    } else lose(`location.${k}`, v, "noField");
  }
}

/** Nested objects as dotted fields, so each reported value is one readable line. */
function flatten(prefix: string, value: unknown, out: (field: string, value: unknown) => void) {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v, out);
  } else out(prefix, value);
}
