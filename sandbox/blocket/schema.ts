/**
 * Which request keys the simulator knows (blocket.md §2.2.1, §2.2.4, §2.2.5, §3.3–§3.5) and
 * what happens to the others (G-CF): the API is Django REST Framework (§0.3), whose serializers
 * drop keys they do not declare — so an unknown key is neither stored nor echoed, and a client's
 * mis-mapped field shows up as missing instead of passing as a success. In `strictUnknownFields`
 * mode the same keys are refused with 400 `{"<path>": ["Unknown field."]}`.
 *
 * Category fields follow this rule in the categories whose fields the contract documents:
 * registered vehicles (v3 and v4) and the v4 structured categories (boat, truck, bus,
 * construction, agriculture). Other v3 categories (old boats and machinery, parts, non-vehicle
 * ads) have no documented schema; their category_fields are kept as sent.
 */
import { categoryById, isRegistered } from "./categories";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A node of the known-key tree: `true` = any content (kept verbatim), an object = its known keys. */
type Known = true | { [key: string]: Known };

const TOP_LEVEL: Record<string, Known> = {
  source_id: true, dealer_code: true, category_id: true, title: true, body: true, visible: true, price: true,
  image_urls: true, url: true, url_title: true, video_url: true, dont_publish_on_failed_images: true, product_declaration: true,
  // Named in the 4.0.0 changelog; placement unknown, so accepted here and inside category_fields (§2.2.1).
  warranty: true, return_policy: true, service_history: true, home_delivery: true,
  location: { zipcode: true, lkf: true, latitude: true, longitude: true },
  contact: { name: true, phone: true, email: true },
  category_fields: true, // checked on its own below, per category
};

export const CATEGORY_FIELDS: Record<string, Known> = {
  body_type: true, brand: true, model: true, model_type: true, model_year: true, in_traffic_date: true,
  registration_number: true, vin: true, color: true, is_vat_deductible: true, registration_number_hidden: true,
  equipments: true, equipment: true,
  condition: { mileage: { unit: true, value: true }, is_new_vehicle: true, engine_runtime: true },
  // `fuel` is the scalar spelling normalised to `fuels` (§3.4).
  powertrain: { transmission: true, fuels: true, fuel: true, power: true },
  physics: true,
  warranty: true, return_policy: true, service_history: true, home_delivery: true,
};

/** Whether the contract documents this category's fields (so unknown keys are dropped/refused). */
export function hasFieldSchema(categoryId: number, version: "v3" | "v4"): boolean {
  const info = categoryById(categoryId);
  if (!info) return false;
  if (isRegistered(categoryId, version)) return true;
  return version === "v4" && info.v4 && info.vehicleType !== null;
}

function unknownIn(value: unknown, known: Known, path: string[], out: string[][]): void {
  if (known === true || !isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const spec = known[key];
    if (spec === undefined) out.push([...path, key]);
    else unknownIn(child, spec, [...path, key], out);
  }
}

function dropIn(value: unknown, known: Known): unknown {
  if (known === true || !isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const spec = known[key];
    if (spec !== undefined) out[key] = dropIn(child, spec);
  }
  return out;
}

/** Paths of every key the API does not know, e.g. `["category_fields", "mileage"]`. */
export function unknownKeyPaths(body: Record<string, unknown>, categoryId: number, version: "v3" | "v4"): string[][] {
  const out: string[][] = [];
  unknownIn(body, TOP_LEVEL, [], out);
  if (hasFieldSchema(categoryId, version)) unknownIn(body.category_fields, CATEGORY_FIELDS, ["category_fields"], out);
  return out;
}

/** The body as a DRF serializer keeps it: unknown keys gone, at every documented level. */
export function dropUnknownKeys(body: Record<string, unknown>, categoryId: number, version: "v3" | "v4"): Record<string, unknown> {
  const out = dropIn(body, TOP_LEVEL) as Record<string, unknown>;
  if ("category_fields" in out && hasFieldSchema(categoryId, version)) out.category_fields = dropIn(out.category_fields, CATEGORY_FIELDS);
  return out;
}
