/**
 * How a canonical listing is stored: searchable facts as columns, the rest in `details`.
 * One mapping in both directions, so nothing is lost on the way through the database.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { listingSchema, type Listing, type ListingStatus } from "@/lib/listings/schema";

const COLUMN_FIELDS = ["reference", "status", "title", "make", "model", "year", "mileage", "price", "currency", "fuelType", "registrationNumber", "vin", "postalCode", "images", "features"] as const;

export const STATUS_TO_DB = { draft: "DRAFT", active: "ACTIVE", reserved: "RESERVED", sold: "SOLD" } as const;
export const STATUS_FROM_DB = { DRAFT: "draft", ACTIVE: "active", RESERVED: "reserved", SOLD: "sold" } as const satisfies Record<string, ListingStatus>;

export function searchTextOf(l: Pick<Listing, "reference" | "title" | "make" | "model" | "registrationNumber" | "vin">) {
  return [l.reference, l.title, l.make, l.model, l.registrationNumber, l.vin].filter(Boolean).join(" ").toLowerCase();
}

/** Columns for a create or update of one dealer's listing. */
export function toRow(l: Listing) {
  const details = Object.fromEntries(Object.entries(l).filter(([k]) => !(COLUMN_FIELDS as readonly string[]).includes(k)));
  return {
    reference: l.reference,
    status: STATUS_TO_DB[l.status],
    title: l.title,
    make: l.make ?? null,
    model: l.model ?? null,
    year: l.year ?? null,
    mileage: l.mileage ?? null,
    price: l.price ?? null,
    currency: l.currency,
    fuelType: l.fuelType ?? null,
    registrationNumber: l.registrationNumber ?? null,
    vin: l.vin ?? null,
    postalCode: l.postalCode ?? null,
    images: l.images,
    features: l.features as Prisma.InputJsonValue,
    details: details as Prisma.InputJsonValue,
    searchText: searchTextOf(l),
    soldAt: l.status === "sold" ? new Date() : null,
  };
}

type Row = {
  reference: string; status: keyof typeof STATUS_FROM_DB; title: string; make: string | null; model: string | null;
  year: number | null; mileage: number | null; price: { toString(): string } | number | null; currency: string;
  fuelType: string | null; registrationNumber: string | null; vin: string | null; postalCode: string | null; images: string[]; features: unknown; details: unknown;
};

/** The canonical listing back from a row (validated, so old rows get today's defaults). */
export function fromRow(row: Row): Listing {
  return listingSchema.parse({
    ...(row.details as object),
    reference: row.reference,
    status: STATUS_FROM_DB[row.status],
    title: row.title,
    make: row.make,
    model: row.model,
    year: row.year,
    mileage: row.mileage,
    price: row.price === null ? null : Number(row.price.toString()),
    currency: row.currency,
    fuelType: row.fuelType,
    registrationNumber: row.registrationNumber,
    vin: row.vin,
    postalCode: row.postalCode,
    images: row.images,
    features: row.features,
  });
}
