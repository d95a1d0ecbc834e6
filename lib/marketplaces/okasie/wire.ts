/**
 * Zod schemas of Okasie's wire formats (okasie.md §2–§3). Requests are strict (what we send);
 * responses are tolerant: unknown fields pass, and everything Okasie's own examples do not show
 * is optional, because only the documented shapes are guaranteed ([ASSUMED] fields may be absent).
 */
import { z } from "zod";

export const OKASIE_STATUSES = ["active", "pending", "sold", "draft"] as const;
export type OkasieStatus = (typeof OKASIE_STATUSES)[number];

export const OKASIE_ENUMS = {
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

const nstr = z.string().nullable();
const nint = z.number().int().nullable();
const nnum = z.number().nullable();
const nenum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).nullable();

/** What our client sends for one listing: canonical names only, every field present (full replacement). */
export const listingInputSchema = z.strictObject({
  externalReference: z.string().min(1).max(64).optional(),
  dealerProfileId: z.uuid().optional(),
  dealerLocationCode: z.string().min(1).optional(),
  status: z.enum(OKASIE_STATUSES),
  title: z.string().min(1),
  description: nstr.refine((v) => v === null || v.length <= 15_000, "at most 15000 characters"),
  price: nnum,
  currency: z.literal("EUR"),
  brand: nstr, model: nstr, variant: nstr, customType: nstr,
  year: nint, mileage: nint,
  fuelType: nenum(OKASIE_ENUMS.fuelType), transmission: nenum(OKASIE_ENUMS.transmission), bodyType: nenum(OKASIE_ENUMS.bodyType),
  engine: nstr, driveType: nenum(OKASIE_ENUMS.driveType), gears: nint,
  color: nstr, interiorColor: nstr, interiorMaterial: nenum(OKASIE_ENUMS.interiorMaterial),
  doors: nint, seats: nint, powerKw: nnum, weight: nint, previousOwners: nint,
  serviceHistory: z.boolean().nullable(), warranty: z.boolean().nullable(), warrantyMonths: nint,
  co2Emission: nint, co2Type: nenum(OKASIE_ENUMS.co2Type), emissionClass: nstr,
  paintType: nenum(OKASIE_ENUMS.paintType), fuelConsumption: nnum,
  condition: nenum(OKASIE_ENUMS.condition), conditionTags: z.array(z.string()).max(6),
  vehicleType: nenum(OKASIE_ENUMS.vehicleType), firstRegistration: nstr, vin: nstr, carPassUrl: nstr,
  postalCode: nstr, city: nstr, province: nstr, latitude: nnum, longitude: nnum,
  features: z.array(z.object({ category: nstr, name: z.string().min(1) })),
  images: z.array(z.object({ url: z.string(), position: z.number().int().min(0) })).max(50),
});
export type OkasieListingInput = z.infer<typeof listingInputSchema>;

// ---- responses --------------------------------------------------------------------------------

/** `warnings` is opaque (G-21): kept as an object and summarised, never relied on. */
export const warningsSchema = z.record(z.string(), z.unknown());

export const upsertResponseSchema = z.looseObject({
  data: z.looseObject({
    listingId: z.string(),
    externalReference: z.string().nullish(),
    status: z.string(),
    created: z.boolean().optional(),
    warnings: warningsSchema.nullish(),
  }),
});

/** A bulk error item: code/message at top level or nested under `error` (G-22). */
export const bulkErrorSchema = z.looseObject({
  index: z.number().int().optional(),
  externalReference: z.string().nullish(),
  code: z.string().optional(),
  message: z.string().optional(),
  issues: z.array(z.unknown()).optional(),
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional(), issues: z.array(z.unknown()).optional() }).optional(),
});

export const bulkResponseSchema = z.looseObject({
  data: z.looseObject({
    successCount: z.number().int().optional(),
    errorCount: z.number().int().optional(),
    results: z.array(
      z.looseObject({
        index: z.number().int().optional(),
        externalReference: z.string().nullish(),
        listingId: z.string(),
        status: z.string(),
        created: z.boolean().optional(),
        warnings: warningsSchema.nullish(),
      }),
    ).default([]),
    errors: z.array(z.unknown()).default([]),
  }),
});

export const deleteResponseSchema = z.looseObject({
  data: z.looseObject({ listingId: z.string().optional(), externalReference: z.string().nullish(), status: z.string() }),
});

export const statusResponseSchema = z.looseObject({
  data: z.looseObject({ listingId: z.string().optional(), externalReference: z.string().nullish(), status: z.string(), updatedAt: z.string().nullish() }),
});

/** A listing as returned by E1/E8: only the documented example's fields are trusted to exist. */
export const listingResponseSchema = z.looseObject({
  id: z.string(),
  dealerProfileId: z.string().nullish(),
  externalReference: z.string().nullish(),
  externalProvider: z.string().nullish(),
  title: z.string().nullish(),
  status: z.string(),
  price: z.number().nullish(),
  currency: z.string().nullish(),
  updatedAt: z.string().nullish(),
  createdAt: z.string().nullish(),
  soldAt: z.string().nullish(),
  listingUrl: z.string().nullish(),
  images: z.array(z.looseObject({ url: z.string(), position: z.number().optional() })).nullish(),
});
export type OkasieListing = z.infer<typeof listingResponseSchema>;

export const paginationSchema = z.looseObject({
  page: z.number().int(),
  pageSize: z.number().int(),
  totalItems: z.number().int(),
  totalPages: z.number().int(),
});

export const listResponseSchema = z.looseObject({
  data: z.array(listingResponseSchema),
  pagination: paginationSchema,
  meta: z.unknown().optional(),
});

/** A location in either revision: flat with `parentId`, or nested with `children` (G-02). */
export type OkasieLocation = {
  id: string;
  parentId?: string | null;
  locationCode?: string | null;
  companyName?: string | null;
  displayName?: string | null;
  fullName?: string | null;
  children?: OkasieLocation[];
  [key: string]: unknown;
};
export const locationSchema: z.ZodType<OkasieLocation> = z.lazy(() =>
  z.looseObject({
    id: z.string(),
    parentId: z.string().nullish(),
    locationCode: z.string().nullish(),
    companyName: z.string().nullish(),
    displayName: z.string().nullish(),
    fullName: z.string().nullish(),
    children: z.array(locationSchema).optional(),
  }),
);
export const locationsResponseSchema = z.looseObject({ data: z.array(locationSchema), meta: z.unknown().optional() });

/** The documented error envelope. */
export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    code: z.string(),
    message: z.string().optional(),
    issues: z.array(z.looseObject({ path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).optional(), message: z.string().optional(), code: z.string().optional() })).optional(),
    retryAt: z.string().optional(),
  }),
});
