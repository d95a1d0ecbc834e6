/**
 * Okasie's rules as pre-flight problems, with no network call, so the editor can warn before a
 * sync. They mirror the documented validation (okasie.md §2.2.1, §2.2.5) only; [ASSUMED]
 * simulator checks are not repeated here. Field names are the canonical listing's.
 */
import type { Listing } from "@/lib/listings/schema";
import type { MarketplaceIdentity, Problem } from "../types";
import { STATUS_TO_OKASIE } from "./map";
import { OKASIE_ENUMS } from "./wire";
import { asOkasieIdentity } from "./identity";
import type { PublishInput } from "../types";
import { msg } from "@/lib/i18n/message";

/** Problems speak in catalog messages (`preflight.rules.okasie.*` in messages/*.json). */
const r = (key: string, values?: Record<string, string | number>) => msg(`preflight.rules.okasie.${key}`, values);


const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE_RE = /^[A-Za-z0-9][A-Za-z0-9._\-]*$/;

/** A public Car-Pass URL (public.car-pass.be / car-pass.be) or a legacy 11-digit number. */
export function isValidCarPass(value: string): boolean {
  if (/^\d{11}$/.test(value.replace(/[\s.\-]/g, ""))) return true;
  try {
    const url = new URL(value.trim());
    const host = url.hostname.toLowerCase();
    return (url.protocol === "https:" || url.protocol === "http:") && (host === "car-pass.be" || host.endsWith(".car-pass.be"));
  } catch {
    return false;
  }
}

/** Canonical field of a wire path reported by Okasie (e.g. "brand" → "make", "location.city" → "city"). */
export function canonicalField(wirePath: string): string {
  const path = wirePath.replace(/^location\./, "");
  const [head, ...rest] = path.split(".");
  const renamed: Record<string, string> = {
    brand: "make",
    vehicleType: "vatRegime",
    externalReference: "reference",
    external_reference: "reference",
    carPass: "carPassUrl",
    car_pass_url: "carPassUrl",
    carPassNumber: "carPassUrl",
    dealerProfileId: "",
    dealerLocationCode: "",
  };
  const field = head in renamed ? renamed[head] : head;
  // images.N.url is the canonical images.N (a plain URL list).
  if (field === "images" && rest.length >= 1) return `images.${rest[0]}`;
  return [field, ...rest].filter((p) => p !== "").join(".");
}

/** The problems an Okasie business-rule error code points at. */
export function fieldsForCode(code: string): string[] {
  switch (code) {
    case "INVALID_TITLE": return ["title"];
    case "INVALID_PRICE": return ["price"];
    case "INVALID_LOCATION": return ["postalCode", "city", "province"];
    case "INVALID_REFERENCE": return ["reference"];
    default: return [""];
  }
}

export function okasieProblems(input: PublishInput, identity?: MarketplaceIdentity): Problem[] {
  const { listing } = input;
  const o = input.overrides ?? {};
  const out: Problem[] = [];
  const error = (field: string, code: string, message: string) => out.push({ field, severity: "error", code, message });
  const warn = (field: string, code: string, message: string) => out.push({ field, severity: "warning", code, message });
  const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

  const l: Listing = listing;
  const status = STATUS_TO_OKASIE[l.status] ?? "draft";
  const title = o.title ?? l.title;
  const price = o.price ?? l.price;
  const description = o.description ?? l.description;

  if (blank(l.reference)) error("reference", "INVALID_REFERENCE", r("INVALID_REFERENCE.reference"));
  else if (l.reference.length > 64) error("reference", "too_big", r("too_big.reference"));
  else if (!REFERENCE_RE.test(l.reference)) error("reference", "invalid_string", r("invalid_string.reference"));

  if (blank(title)) error("title", "INVALID_TITLE", r("INVALID_TITLE.title"));
  if ((status === "active" || status === "pending") && (price === null || price === undefined)) {
    error("price", "INVALID_PRICE", r("INVALID_PRICE.price"));
  }
  if (typeof price === "number" && price < 0) error("price", "too_small", r("too_small.price"));
  // An Okasie price override is in EUR by definition; otherwise the listing's own price must be.
  if (o.price == null && l.currency && l.currency !== "EUR") error("currency", "invalid_string", r("invalid_string.currency"));
  if (status === "active") {
    for (const field of ["postalCode", "city", "province"] as const) {
      if (blank(l[field])) error(field, "INVALID_LOCATION", r("INVALID_LOCATION.any"));
    }
  }

  const okasieIdentity = asOkasieIdentity(identity);
  if (identity !== undefined) {
    if (!okasieIdentity || (blank(okasieIdentity.dealerProfileId) && blank(okasieIdentity.dealerLocationCode))) {
      error("", "INVALID_PROFILE", r("INVALID_PROFILE.any"));
    } else if (!blank(okasieIdentity.dealerProfileId) && !UUID_RE.test(okasieIdentity.dealerProfileId!)) {
      error("", "invalid_string", r("invalid_string.listing"));
    }
  }

  if (typeof description === "string" && description.length > 15_000) error("description", "too_big", r("too_big.description"));

  const enumChecks: [keyof Listing, readonly string[]][] = [
    ["fuelType", OKASIE_ENUMS.fuelType], ["transmission", OKASIE_ENUMS.transmission], ["bodyType", OKASIE_ENUMS.bodyType],
    ["driveType", OKASIE_ENUMS.driveType], ["interiorMaterial", OKASIE_ENUMS.interiorMaterial], ["co2Type", OKASIE_ENUMS.co2Type],
    ["paintType", OKASIE_ENUMS.paintType], ["condition", OKASIE_ENUMS.condition], ["vatRegime", OKASIE_ENUMS.vehicleType],
  ];
  for (const [field, values] of enumChecks) {
    const v = l[field];
    if (!blank(v) && !values.includes(String(v))) error(field, "invalid_enum_value", r("invalid_enum_value.any"));
  }

  const year = new Date().getUTCFullYear();
  const ranges: [keyof Listing, number, number, boolean][] = [
    ["year", 1900, year + 1, true], ["gears", 1, 12, true], ["doors", 1, 10, true], ["seats", 1, 10, true],
    ["mileage", 0, Infinity, true], ["weight", 0, Infinity, true], ["previousOwners", 0, Infinity, true],
    ["warrantyMonths", 0, Infinity, true], ["co2Emission", 0, Infinity, true],
    ["powerKw", 0, Infinity, false], ["fuelConsumption", 0, Infinity, false],
    ["latitude", -90, 90, false], ["longitude", -180, 180, false],
  ];
  for (const [field, min, max, integer] of ranges) {
    const v = l[field];
    if (v === null || v === undefined) continue;
    if (typeof v !== "number" || (integer && !Number.isInteger(v))) error(field, "invalid_type", r(integer ? "invalid_type.whole" : "invalid_type.any"));
    else if (v < min) error(field, "too_small", r("too_small.min", { min }));
    else if (v > max) error(field, "too_big", r("too_big.max", { max }));
  }

  if (!blank(l.firstRegistration) && !/^\d{4}-(0[1-9]|1[0-2])$/.test(l.firstRegistration!)) {
    error("firstRegistration", "invalid_string", r("invalid_string.firstRegistration"));
  }
  if (!blank(l.carPassUrl) && !isValidCarPass(l.carPassUrl!)) {
    error("carPassUrl", "invalid_string", r("invalid_string.carPassUrl"));
  }
  if ((l.conditionTags ?? []).length > 6) error("conditionTags", "too_big", r("too_big.conditionTags"));
  (l.features ?? []).forEach((f, i) => {
    if (blank(f.name)) error(`features.${i}.name`, "invalid_type", r("invalid_type.features"));
  });

  const images = l.images ?? [];
  if (images.length > 50) error("images", "too_big", r("too_big.images"));
  const seen = new Set<string>();
  images.forEach((url, i) => {
    if (!/^https?:\/\//i.test(url)) warn(`images.${i}`, "INVALID_URL", r("INVALID_URL.any"));
    else if (seen.has(url)) warn(`images.${i}`, "DUPLICATE", r("DUPLICATE.any"));
    seen.add(url);
  });
  if (status === "active" && images.length === 0) warn("images", "NO_IMAGES", r("NO_IMAGES.any"));
  return out;
}
