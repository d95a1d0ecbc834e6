/**
 * Listing body normalisation (aliases, §2.2.2) and validation (types, enums, ranges, formats;
 * §2.2.1 and G-06 … G-18). Returns every issue at once; the business rules of §5.3 steps 11–14
 * (title, price, location, profile) are applied afterwards by the write handler.
 */
import type { Issue, ListingFields, OkasieStatus, StoredFeature } from "./types";
import { STATUSES } from "./types";

export const ENUMS = {
  status: STATUSES as readonly string[],
  fuelType: ["petrol", "diesel", "electric", "hybrid", "lpg", "cng", "other"],
  transmission: ["manual", "automatic", "semi-automatic", "other"],
  bodyType: ["hatchback", "sedan", "suv", "wagon", "convertible", "van", "coupe", "other"],
  driveType: ["FWD", "RWD", "AWD", "4WD", "4x4"],
  interiorMaterial: ["Leder", "Stof", "Alcantara", "Kunstleder", "Leder/Stof", "Leder/Alcantara"],
  co2Type: ["WLTP", "NEDC"],
  paintType: ["Metallic", "Parelmoer", "Mat", "Uni"],
  condition: ["new", "used", "demo", "oldtimer", "damaged"],
  vehicleType: ["margin", "btw"],
} as const;

type Spec =
  | { kind: "string"; max?: number; format?: "uuid" | "currency" | "yearMonth" | "carPass" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "int"; min?: number; max?: number | ((year: number) => number) }
  | { kind: "number"; min?: number; max?: number }
  | { kind: "bool" };

/** Every scalar field of the PUT body, canonical names. */
export const SCALAR_FIELDS: Record<string, Spec> = {
  dealerProfileId: { kind: "string", format: "uuid" },
  dealerLocationCode: { kind: "string" },
  status: { kind: "enum", values: ENUMS.status },
  title: { kind: "string" },
  description: { kind: "string", max: 15_000 },
  price: { kind: "number", min: 0 },
  currency: { kind: "string", format: "currency" },
  brand: { kind: "string" },
  model: { kind: "string" },
  variant: { kind: "string" },
  customType: { kind: "string" },
  year: { kind: "int", min: 1900, max: (y) => y + 1 },
  mileage: { kind: "int", min: 0 },
  fuelType: { kind: "enum", values: ENUMS.fuelType },
  transmission: { kind: "enum", values: ENUMS.transmission },
  bodyType: { kind: "enum", values: ENUMS.bodyType },
  engine: { kind: "string" },
  driveType: { kind: "enum", values: ENUMS.driveType },
  gears: { kind: "int", min: 1, max: 12 },
  color: { kind: "string" },
  interiorColor: { kind: "string" },
  interiorMaterial: { kind: "enum", values: ENUMS.interiorMaterial },
  doors: { kind: "int", min: 1, max: 10 },
  seats: { kind: "int", min: 1, max: 10 },
  powerKw: { kind: "number", min: 0 },
  weight: { kind: "int", min: 0 },
  previousOwners: { kind: "int", min: 0 },
  serviceHistory: { kind: "bool" },
  warranty: { kind: "bool" },
  warrantyMonths: { kind: "int", min: 0 },
  co2Emission: { kind: "int", min: 0 },
  co2Type: { kind: "enum", values: ENUMS.co2Type },
  emissionClass: { kind: "string" },
  paintType: { kind: "enum", values: ENUMS.paintType },
  fuelConsumption: { kind: "number", min: 0 },
  condition: { kind: "enum", values: ENUMS.condition },
  vehicleType: { kind: "enum", values: ENUMS.vehicleType },
  firstRegistration: { kind: "string", format: "yearMonth" },
  vin: { kind: "string" },
  carPassUrl: { kind: "string", format: "carPass" },
  postalCode: { kind: "string" },
  city: { kind: "string" },
  province: { kind: "string" },
  latitude: { kind: "number", min: -90, max: 90 },
  longitude: { kind: "number", min: -180, max: 180 },
};

const LOCATION_KEYS = ["postalCode", "city", "province", "latitude", "longitude"] as const;
const CAR_PASS_ALIASES = ["carPassUrl", "carPass", "car_pass_url", "carPassNumber"] as const;
const KNOWN_KEYS = new Set<string>([
  ...Object.keys(SCALAR_FIELDS), ...CAR_PASS_ALIASES, "externalReference", "external_reference",
  "location", "features", "images", "conditionTags",
]);

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCarPass(value: string): boolean {
  const digits = value.replace(/[\s.\-]/g, "");
  if (/^\d{11}$/.test(digits)) return true;
  try {
    const url = new URL(value);
    const host = url.hostname.toLowerCase();
    return (url.protocol === "https:" || url.protocol === "http:") && (host === "car-pass.be" || host.endsWith(".car-pass.be"));
  } catch {
    return false;
  }
}

export interface RawImage {
  index: number;
  url: string;
  position: number;
}

export interface NormalizedListing {
  externalReference: string | null;
  fields: ListingFields;
  status: OkasieStatus | null;
  conditionTags: string[];
  features: StoredFeature[];
  images: RawImage[];
  unknownFields: string[];
}

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const present = (v: unknown) => v !== undefined && v !== null;

function checkScalar(path: string, value: unknown, spec: Spec, year: number, issues: Issue[]): string | number | boolean | null {
  if (!present(value)) return null;
  switch (spec.kind) {
    case "string": {
      if (typeof value !== "string") {
        issues.push({ path, code: "invalid_type", message: `Expected string, received ${typeName(value)}` });
        return null;
      }
      const v = value.trim();
      if (spec.max !== undefined && value.length > spec.max) {
        issues.push({ path, code: "too_big", message: `String must contain at most ${spec.max} character(s)` });
      }
      if (v === "" && spec.format === "uuid") return null; // a blank profile id is "not given" (§5.3 step 14)
      if (v === "" && spec.format) {
        // G-16 / G-45 / YYYY-MM: an empty string is not a valid value, and never silently "no value".
        issues.push({ path, code: "invalid_string", message: spec.format === "currency" ? "Expected a 3-letter ISO 4217 code" : spec.format === "yearMonth" ? "Expected format YYYY-MM" : "Expected a car-pass.be URL or an 11-digit Car-Pass number" });
        return null;
      }
      if (v === "") return value;
      if (spec.format === "uuid" && !UUID_RE.test(v)) issues.push({ path, code: "invalid_string", message: "Invalid uuid" });
      if (spec.format === "currency" && !/^[A-Z]{3}$/.test(v)) issues.push({ path, code: "invalid_string", message: "Expected a 3-letter ISO 4217 code" });
      if (spec.format === "yearMonth" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) issues.push({ path, code: "invalid_string", message: "Expected format YYYY-MM" });
      if (spec.format === "carPass" && !isCarPass(v)) issues.push({ path, code: "invalid_string", message: "Expected a car-pass.be URL or an 11-digit Car-Pass number" });
      return spec.format ? v : value;
    }
    case "enum":
      if (typeof value !== "string" || !spec.values.includes(value)) {
        issues.push({
          path,
          code: "invalid_enum_value",
          message: `Invalid enum value. Expected ${spec.values.map((x) => `'${x}'`).join(" | ")}, received '${String(value)}'`,
        });
        return null;
      }
      return value;
    case "bool":
      if (typeof value !== "boolean") {
        issues.push({ path, code: "invalid_type", message: `Expected boolean, received ${typeName(value)}` });
        return null;
      }
      return value;
    case "int":
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        issues.push({ path, code: "invalid_type", message: `Expected number, received ${typeName(value)}` });
        return null;
      }
      if (spec.kind === "int" && !Number.isInteger(value)) {
        issues.push({ path, code: "invalid_type", message: "Expected integer, received float" });
        return null;
      }
      const max = typeof spec.max === "function" ? spec.max(year) : spec.max;
      if (spec.min !== undefined && value < spec.min) issues.push({ path, code: "too_small", message: `Number must be greater than or equal to ${spec.min}` });
      if (max !== undefined && value > max) issues.push({ path, code: "too_big", message: `Number must be less than or equal to ${max}` });
      return value;
    }
  }
}

/**
 * Normalises aliases and validates one listing body. `year` is the simulator clock's UTC year
 * (for the 1900 … year+1 rule). The reference itself is required by the caller (bulk items only).
 */
export function normalizeListing(body: Record<string, unknown>, year: number): { value: NormalizedListing; issues: Issue[] } {
  const issues: Issue[] = [];
  const fields: ListingFields = {};

  // externalReference: canonical name wins over the documented bulk alias.
  let externalReference: string | null = null;
  const refRaw = present(body.externalReference) ? body.externalReference : body.external_reference;
  const refPath = "externalReference"; // issues use the canonical name, whichever was sent
  if (present(refRaw)) {
    if (typeof refRaw !== "string") issues.push({ path: refPath, code: "invalid_type", message: `Expected string, received ${typeName(refRaw)}` });
    else {
      externalReference = refRaw.trim();
      if (externalReference.length > 64) issues.push({ path: refPath, code: "too_big", message: "String must contain at most 64 character(s)" });
    }
  }

  // Nested location is an alternative to the flat fields; flat wins per field.
  let nested: Record<string, unknown> = {};
  if (present(body.location)) {
    if (typeof body.location !== "object" || Array.isArray(body.location)) {
      issues.push({ path: "location", code: "invalid_type", message: `Expected object, received ${typeName(body.location)}` });
    } else nested = body.location as Record<string, unknown>;
  }

  for (const [name, spec] of Object.entries(SCALAR_FIELDS)) {
    let value = body[name];
    let path = name;
    if (name === "carPassUrl") {
      const alias = CAR_PASS_ALIASES.find((a) => present(body[a]));
      value = alias ? body[alias] : undefined;
    } else if ((LOCATION_KEYS as readonly string[]).includes(name) && !present(value) && present(nested[name])) {
      value = nested[name];
      path = `location.${name}`;
    }
    fields[name] = checkScalar(path, value, spec, year, issues);
  }

  // conditionTags: array of non-empty strings, at most 6.
  const conditionTags: string[] = [];
  if (present(body.conditionTags)) {
    if (!Array.isArray(body.conditionTags)) issues.push({ path: "conditionTags", code: "invalid_type", message: `Expected array, received ${typeName(body.conditionTags)}` });
    else {
      if (body.conditionTags.length > 6) issues.push({ path: "conditionTags", code: "too_big", message: "Array must contain at most 6 element(s)" });
      body.conditionTags.forEach((tag, i) => {
        if (typeof tag !== "string") issues.push({ path: `conditionTags.${i}`, code: "invalid_type", message: `Expected string, received ${typeName(tag)}` });
        else if (tag.trim() === "") issues.push({ path: `conditionTags.${i}`, code: "too_small", message: "String must contain at least 1 character(s)" });
        else conditionTags.push(tag);
      });
    }
  }

  const features: StoredFeature[] = [];
  if (present(body.features)) {
    if (!Array.isArray(body.features)) issues.push({ path: "features", code: "invalid_type", message: `Expected array, received ${typeName(body.features)}` });
    else
      body.features.forEach((item, i) => {
        if (typeof item !== "object" || item === null || Array.isArray(item)) {
          issues.push({ path: `features.${i}`, code: "invalid_type", message: `Expected object, received ${typeName(item)}` });
          return;
        }
        const f = item as Record<string, unknown>;
        const name = present(f.name) ? f.name : f.feature;
        if (typeof name !== "string" || name.trim() === "") {
          issues.push({ path: `features.${i}.name`, code: present(name) && typeof name === "string" ? "too_small" : "invalid_type", message: "Required" });
          return;
        }
        if (present(f.category) && typeof f.category !== "string") {
          issues.push({ path: `features.${i}.category`, code: "invalid_type", message: `Expected string, received ${typeName(f.category)}` });
          return;
        }
        features.push({ name, category: (f.category as string | undefined) ?? null });
      });
  }

  const images: RawImage[] = [];
  if (present(body.images)) {
    if (!Array.isArray(body.images)) issues.push({ path: "images", code: "invalid_type", message: `Expected array, received ${typeName(body.images)}` });
    else
      body.images.forEach((item, i) => {
        if (typeof item === "string") return void images.push({ index: i, url: item, position: i });
        if (typeof item === "object" && item !== null && !Array.isArray(item)) {
          const o = item as Record<string, unknown>;
          const url = present(o.url) ? o.url : o.imageUrl;
          // G-18: an object without url/imageUrl is not an image entry at all (path images.N).
          if (!present(url)) return void issues.push({ path: `images.${i}`, code: "invalid_type", message: "Expected a URL string or an object with url" });
          if (typeof url !== "string") return void issues.push({ path: `images.${i}.url`, code: "invalid_type", message: `Expected string, received ${typeName(url)}` });
          let position = i;
          if (present(o.position)) {
            if (typeof o.position !== "number" || !Number.isInteger(o.position) || o.position < 0) {
              issues.push({ path: `images.${i}.position`, code: typeof o.position === "number" ? "too_small" : "invalid_type", message: "Expected a non-negative integer" });
              return;
            }
            position = o.position;
          }
          return void images.push({ index: i, url, position });
        }
        issues.push({ path: `images.${i}`, code: "invalid_type", message: `Expected string or object, received ${typeName(item)}` });
      });
  }

  // G-12: ignored, and listed (canonical paths) only in strict-fields mode; nested objects too.
  const unknownFields = Object.keys(body).filter((k) => !KNOWN_KEYS.has(k));
  for (const k of Object.keys(nested)) if (!(LOCATION_KEYS as readonly string[]).includes(k)) unknownFields.push(`location.${k}`);
  const nestedUnknown = (list: unknown, name: string, known: string[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (typeof item === "object" && item !== null && !Array.isArray(item)) {
        for (const k of Object.keys(item)) if (!known.includes(k)) unknownFields.push(`${name}.${i}.${k}`);
      }
    });
  };
  nestedUnknown(body.features, "features", ["name", "feature", "category"]);
  nestedUnknown(body.images, "images", ["url", "imageUrl", "position"]);
  const status = (fields.status as OkasieStatus | null) ?? null;
  return { value: { externalReference, fields, status, conditionTags, features, images, unknownFields }, issues };
}

/** Business rules after the defaults (§5.3 steps 10–14). Returns the first failing code, or null. */
export function businessRule(n: NormalizedListing): { code: string; message: string } | null {
  const f = n.fields;
  const status = f.status as OkasieStatus;
  const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";
  if (blank(f.title)) return { code: "INVALID_TITLE", message: "Title is required" };
  if (f.price === null && (status === "active" || status === "pending")) return { code: "INVALID_PRICE", message: "Price required for active listings" };
  if (status === "active" && (blank(f.postalCode) || blank(f.city) || blank(f.province)))
    return { code: "INVALID_LOCATION", message: "postalCode, city, and province required" };
  if (blank(f.dealerProfileId) && blank(f.dealerLocationCode)) return { code: "INVALID_PROFILE", message: "dealerProfileId or dealerLocationCode required" };
  return null;
}

/** Full-replacement defaults (G-17): status draft, currency EUR, customType from variant. */
export function applyDefaults(n: NormalizedListing): void {
  n.fields.status ??= "draft";
  n.fields.currency ??= "EUR";
  n.fields.customType ??= n.fields.variant ?? null;
  n.status = n.fields.status as OkasieStatus;
}
