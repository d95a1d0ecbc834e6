/**
 * Blocket error bodies → a message and field-level problems (blocket.md §2.1.1, G-ERR,
 * G-VALSHAPE): `{detail}` → message; a bare array → business messages; any other object →
 * walked recursively into `path → messages`. Never matches on message text; maps by path.
 */
import type { Problem } from "../types";

/** Wire path (dot-joined) → canonical listing field. */
const FIELD_MAP: Record<string, string> = {
  source_id: "reference",
  title: "title",
  body: "description",
  price: "price",
  image_urls: "images",
  location: "postalCode",
  "location.zipcode": "postalCode",
  "location.latitude": "latitude",
  "location.longitude": "longitude",
  contact: "contactEmail",
  "contact.name": "contactName",
  "contact.phone": "contactPhone",
  "contact.email": "contactEmail",
  category_id: "blocketCategory",
  "category_fields.registration_number": "registrationNumber",
  "category_fields.registration_number_hidden": "registrationNumberHidden",
  "category_fields.vin": "vin",
  "category_fields.brand": "blocketBrand",
  "category_fields.model": "blocketModel",
  "category_fields.model_type": "variant",
  "category_fields.model_year": "year",
  "category_fields.in_traffic_date": "firstRegistration",
  "category_fields.body_type": "bodyType",
  "category_fields.color": "color",
  "category_fields.is_vat_deductible": "vatRegime",
  "category_fields.condition.mileage": "mileage",
  "category_fields.powertrain.fuels": "fuelType",
  "category_fields.powertrain.transmission": "transmission",
  "category_fields.equipments": "features",
};

export function canonicalField(wirePath: string): string {
  if (FIELD_MAP[wirePath]) return FIELD_MAP[wirePath];
  const image = /^image_urls\.(\d+)$/.exec(wirePath);
  if (image) return `images.${image[1]}`;
  // Longest mapped prefix: "price.0.amount" → "price", "category_fields.powertrain.fuels.0" → "fuelType".
  const parts = wirePath.split(".");
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join(".");
    if (FIELD_MAP[prefix]) return FIELD_MAP[prefix];
  }
  return "";
}

export interface ParsedError {
  message: string;
  issues: Problem[];
}

function walk(node: unknown, path: string[], out: { path: string; message: string }[]): void {
  if (Array.isArray(node)) {
    for (const item of node) {
      if (typeof item === "string") out.push({ path: path.join("."), message: item });
      else walk(item, path, out);
    }
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) walk(value, key === "non_field_errors" ? path : [...path, key], out);
  } else if (node !== undefined && node !== null) {
    out.push({ path: path.join("."), message: String(node) });
  }
}

export function parseErrorBody(body: unknown, fallback: string): ParsedError {
  if (body && typeof body === "object" && !Array.isArray(body) && typeof (body as { detail?: unknown }).detail === "string") {
    return { message: (body as { detail: string }).detail, issues: [] };
  }
  const flat: { path: string; message: string }[] = [];
  walk(body, [], flat);
  if (flat.length === 0) return { message: fallback, issues: [] };
  const issues = flat.map(({ path, message }) => ({
    field: canonicalField(path),
    severity: "error" as const,
    code: path ? `blocket.${path}` : "blocket",
    message: path ? `${path}: ${message}` : message,
  }));
  return { message: issues.map((i) => i.message).join("; "), issues };
}

/** A log entry's `external_message` (text or object, §2.2.7) as one readable line. */
export function describeExternalMessage(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  const failed = (value as { failed_images?: unknown }).failed_images;
  if (Array.isArray(failed)) {
    const parts = failed.map((f) => (f && typeof f === "object" ? `${(f as { url?: unknown }).url} (${(f as { reason?: unknown }).reason})` : String(f)));
    return `${failed.length} image${failed.length === 1 ? "" : "s"} failed: ${parts.join(", ")}`;
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
