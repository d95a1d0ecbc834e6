/**
 * The canonical listing: the dealer's own record of one vehicle, independent of any marketplace.
 *
 * It carries every Okasie field (okasie.md §2.2.1) and the Blocket category with its category
 * fields (blocket.md §3). Adapters map it to each wire format; the editor, CSV import and the
 * server actions all validate with this one schema.
 */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import "@/lib/i18n/zod";

export const LISTING_STATUSES = ["draft", "active", "reserved", "sold"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/**
 * Enum values are Okasie's documented spellings. What a dealer reads is translated by value
 * (`enums.fuel.petrol`…, see messages/*.json), never shown raw.
 */
export const FUEL_TYPES = ["petrol", "diesel", "electric", "hybrid", "lpg", "cng", "other"] as const;
export const TRANSMISSIONS = ["manual", "automatic", "semi-automatic", "other"] as const;
export const BODY_TYPES = ["hatchback", "sedan", "suv", "wagon", "convertible", "van", "coupe", "other"] as const;
export const DRIVE_TYPES = ["FWD", "RWD", "AWD", "4WD", "4x4"] as const;
export const INTERIOR_MATERIALS = ["Leder", "Stof", "Alcantara", "Kunstleder", "Leder/Stof", "Leder/Alcantara"] as const;
export const PAINT_TYPES = ["Metallic", "Parelmoer", "Mat", "Uni"] as const;
export const CO2_TYPES = ["WLTP", "NEDC"] as const;
export const CONDITIONS = ["new", "used", "demo", "oldtimer", "damaged"] as const;
export const VAT_REGIMES = ["margin", "btw"] as const;

/** Blocket v4 vehicle types (blocket.md §3.1) with their category ids. */
export const BLOCKET_CATEGORIES = {
  car: { id: 1020, registered: true },
  transport: { id: 1021, registered: true },
  motorcycle: { id: 1140, registered: true },
  moped: { id: 1121, registered: true },
  snowmobile: { id: 1180, registered: true },
  atv: { id: 1143, registered: true },
  camper: { id: 1102, registered: true },
  caravan: { id: 1101, registered: true },
  trailer: { id: 1045, registered: true },
  boat: { id: 1060, registered: false },
  truck: { id: 1322, registered: false },
  bus: { id: 1321, registered: false },
  construction: { id: 1323, registered: false },
} as const;
export type BlocketCategory = keyof typeof BLOCKET_CATEGORIES;

const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** Empty strings from forms mean "not given". */
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max).nullable().optional());
/**
 * Numbers are numbers, never text: "18.950" means 18950 to a Belgian and 18.95 to JavaScript, so
 * text is parsed where the writer's convention is known (the editor's number fields, the CSV
 * import; lib/i18n/numbers.ts) and a string reaching the schema is refused.
 */
const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.number().int().min(min).max(max).nullable().optional());
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.number().min(min).max(max).nullable().optional());
const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? null : v), z.enum(values).nullable().optional());
const optionalBool = z.preprocess((v) => (v === "" ? null : v), z.boolean().nullable().optional());

/** Marketplaces use the reference as a URL path segment and Blocket never lets it be reused. */
export const referenceSchema = z
  .string()
  .trim()
  .min(1, msg("validation.listing.referenceRequired"))
  .max(64, msg("validation.tooLong", { max: 64 }))
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-]*$/, msg("validation.listing.referenceCharacters"));

export const featureSchema = z.object({
  category: optionalText(100),
  name: z.string().trim().min(1, msg("validation.listing.featureName")).max(200),
});

export const imageUrlSchema = z.url({ protocol: /^https?$/, message: msg("validation.url") }).max(2000);

const currentYear = () => new Date().getUTCFullYear();

export const listingSchema = z.object({
  reference: referenceSchema,
  status: z.enum(LISTING_STATUSES).default("draft"),
  title: z.string().trim().min(1, msg("validation.listing.titleRequired")).max(300),
  description: optionalText(15_000),
  price: optionalNumber(0, 100_000_000),
  currency: z.enum(["EUR", "SEK"]).default("EUR"),

  make: optionalText(100),
  model: optionalText(100),
  variant: optionalText(100),
  customType: optionalText(100),
  year: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.number().int().min(1900).refine((y) => y <= currentYear() + 1, msg("validation.listing.yearFuture")).nullable().optional()),
  mileage: optionalInt(0, 10_000_000),
  fuelType: optionalEnum(FUEL_TYPES),
  transmission: optionalEnum(TRANSMISSIONS),
  bodyType: optionalEnum(BODY_TYPES),
  engine: optionalText(100),
  driveType: optionalEnum(DRIVE_TYPES),
  gears: optionalInt(1, 12),
  color: optionalText(60),
  interiorColor: optionalText(60),
  interiorMaterial: optionalEnum(INTERIOR_MATERIALS),
  doors: optionalInt(1, 10),
  seats: optionalInt(1, 10),
  powerKw: optionalNumber(0, 5000),
  weight: optionalInt(0, 100_000),
  previousOwners: optionalInt(0, 100),
  serviceHistory: optionalBool,
  warranty: optionalBool,
  warrantyMonths: optionalInt(0, 240),
  co2Emission: optionalInt(0, 2000),
  co2Type: optionalEnum(CO2_TYPES),
  emissionClass: optionalText(40),
  paintType: optionalEnum(PAINT_TYPES),
  fuelConsumption: optionalNumber(0, 100),
  condition: optionalEnum(CONDITIONS),
  conditionTags: z.array(z.string().trim().min(1).max(60)).max(6, msg("validation.tooManyItems", { max: 6 })).default([]),
  vatRegime: optionalEnum(VAT_REGIMES),
  firstRegistration: z.preprocess(
    (v) => (v === "" ? null : v),
    z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, msg("validation.listing.firstRegistration")).nullable().optional(),
  ),
  vin: z.preprocess((v) => (v === "" ? null : v), z.string().trim().toUpperCase().regex(/^[A-HJ-NPR-Z0-9]{17}$/, msg("validation.listing.vin")).nullable().optional()),
  carPassUrl: optionalText(500),

  postalCode: optionalText(12),
  city: optionalText(100),
  province: optionalText(100),
  latitude: optionalNumber(-90, 90),
  longitude: optionalNumber(-180, 180),

  features: z.array(featureSchema).max(200).default([]),
  images: z.array(imageUrlSchema).max(50, msg("validation.tooManyItems", { max: 50 })).default([]),

  // Blocket/Bytbil
  blocketCategory: z.enum(keysOf(BLOCKET_CATEGORIES)).default("car"),
  registrationNumber: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.replace(/[\s-]+/g, "").toUpperCase()) : v),
    z.string().regex(/^[A-Z0-9]{2,6}$/, msg("validation.listing.plate")).nullable().optional(),
  ),
  registrationNumberHidden: optionalBool,
  /** Blocket value slugs; when empty the adapter derives them from make/model/bodyType. */
  blocketBrand: optionalText(60),
  blocketModel: optionalText(60),
  contactName: optionalText(100),
  contactPhone: z.preprocess((v) => (v === "" ? null : v), z.string().regex(/^\+?\d{8,16}$/, msg("validation.listing.phone")).nullable().optional()),
  contactEmail: z.preprocess((v) => (v === "" ? null : v), z.email(msg("validation.email")).nullable().optional()),
});

/** What callers pass in (form values, CSV rows, API bodies). */
export type ListingInput = z.input<typeof listingSchema>;
/** A validated listing, with defaults applied. */
export type Listing = z.output<typeof listingSchema>;

/** Per-marketplace overrides a dealer can set for one connection (the Publication row). */
export const channelOverridesSchema = z.object({
  title: optionalText(300),
  description: optionalText(15_000),
  price: optionalNumber(0, 100_000_000),
});
export type ChannelOverrides = z.output<typeof channelOverridesSchema>;
