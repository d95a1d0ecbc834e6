/**
 * Wire formats of the Blocket Pro Import API (blocket.md §2.2), as zod schemas. Responses are
 * parsed leniently: only what the client relies on is required, unknown keys pass through, and
 * [ASSUMED]/[CONFLICT] alternatives are accepted (`log` or `logs`, a list envelope or a bare
 * array, `external_message` as text or object).
 */
import { z } from "zod";

export const priceSchema = z.object({
  type: z.enum(["list", "reduced", "leasing"]),
  amount: z.number().int().min(0),
  currency: z.literal("SEK").optional(),
});

export const locationSchema = z.object({
  zipcode: z.string().optional(),
  lkf: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
});

export const contactSchema = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string(),
});

export const categoryFieldsSchema = z.looseObject({
  registration_number: z.string().max(6).optional(),
  vin: z.string().optional(),
  brand: z.string().optional(),
  model: z.string().optional(),
  model_type: z.string().optional(),
  model_year: z.number().int().min(1900).max(2100).optional(),
  in_traffic_date: z.string().optional(),
  body_type: z.string().optional(),
  color: z.string().optional(),
  is_vat_deductible: z.boolean().optional(),
  registration_number_hidden: z.boolean().optional(),
  condition: z.looseObject({ mileage: z.object({ unit: z.literal("km"), value: z.number().int().min(0) }).optional(), is_new_vehicle: z.boolean().optional() }).optional(),
  powertrain: z.looseObject({ transmission: z.string().optional(), fuels: z.array(z.string()).optional() }).optional(),
  equipments: z.array(z.string()).optional(),
});

/** What we send on POST /v4/{vehicle_type} (PUT sends the same minus source_id). */
export const adPayloadSchema = z.object({
  source_id: z.string().min(1).max(255),
  dealer_code: z.string().optional(),
  category_id: z.number().int(),
  title: z.string().max(100).optional(),
  body: z.string().max(10_000).optional(),
  visible: z.boolean(),
  price: z.array(priceSchema),
  image_urls: z.array(z.string()).max(38),
  url: z.string().optional(),
  location: locationSchema.nullable(),
  contact: contactSchema.optional(),
  category_fields: categoryFieldsSchema,
  dont_publish_on_failed_images: z.boolean(),
});
export type AdPayload = z.infer<typeof adPayloadSchema>;

const timestamp = z.string();

export const logEntrySchema = z.looseObject({
  request_id: z.string().nullable().optional(),
  created: timestamp,
  action: z.string(),
  state: z.string(),
  external_message: z.unknown().optional(),
});
export type WireLogEntry = z.infer<typeof logEntrySchema>;

export const adSchema = z.looseObject({
  id: z.string(),
  source_id: z.string(),
  dealer_code: z.string().nullable().optional(),
  category_id: z.union([z.number(), z.string()]).nullable().optional(),
  state: z.string(),
  visible: z.boolean().nullable().optional(),
  blocket_ad_id: z.union([z.string(), z.number()]).nullable().optional(),
  offer_id: z.union([z.string(), z.number()]).nullable().optional(),
  blocket_store_id: z.union([z.string(), z.number()]).nullable().optional(),
  api_version: z.string().nullable().optional(),
  created: timestamp.nullable().optional(),
  updated: timestamp.nullable().optional(),
  log: z.array(logEntrySchema).optional(),
  logs: z.array(logEntrySchema).optional(),
});
export type WireAd = z.infer<typeof adSchema>;

/** The DRF envelope, or a bare array (stock DRF when no default page size is set, G-PAGE). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.union([
    z.looseObject({ count: z.number().optional(), next: z.string().nullable().optional(), previous: z.string().nullable().optional(), results: z.array(item) }),
    z.array(item),
  ]);
}

export const adPageSchema = pageSchema(adSchema);
export const logPageSchema = pageSchema(logEntrySchema);

/** Items and the next link of a page in either shape. */
export function pageItems<T>(page: { results: T[]; next?: string | null } | T[]): { items: T[]; next: string | null | undefined } {
  return Array.isArray(page) ? { items: page, next: undefined } : { items: page.results, next: page.next };
}

/** An ad's log under either documented name ([CONFLICT] `log` vs `logs`). */
export const adLogOf = (ad: WireAd): WireLogEntry[] => ad.log ?? ad.logs ?? [];

/** §2.14: a value list, `[{"id": "volvo", "name": "Volvo"}, …]` (capped: a list is never endless). */
export const vehicleValuesSchema = z.array(z.looseObject({ id: z.string().min(1).max(100), name: z.string().min(1).max(200) }).transform(({ id, name }) => ({ id, name }))).max(5000);
