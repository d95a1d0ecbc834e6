/**
 * Changes to a car as a set of fields: what a CSV row or a bulk edit gives, merged onto what the
 * car holds, and the field-by-field difference a preview shows (old → new). Pure, so the preview
 * on the page and the write on the server use the same rules.
 */
import { BLOCKET_CATEGORIES, BODY_TYPES, CO2_TYPES, CONDITIONS, DRIVE_TYPES, FUEL_TYPES, INTERIOR_MATERIALS, LISTING_STATUSES, PAINT_TYPES, TRANSMISSIONS, VAT_REGIMES, type Listing, type ListingStatus } from "@/lib/listings/schema";

export type ListingField = keyof Listing;

/** Fields whose cells are one of a fixed set of values, and the catalog group that names them. */
export const ENUM_COLUMNS: Partial<Record<keyof Listing, { group: string; values: readonly string[] }>> = {
  status: { group: "listingStatus", values: LISTING_STATUSES },
  fuelType: { group: "enums.fuel", values: FUEL_TYPES },
  transmission: { group: "enums.transmission", values: TRANSMISSIONS },
  bodyType: { group: "enums.body", values: BODY_TYPES },
  driveType: { group: "enums.drive", values: DRIVE_TYPES },
  interiorMaterial: { group: "enums.interior", values: INTERIOR_MATERIALS },
  paintType: { group: "enums.paint", values: PAINT_TYPES },
  co2Type: { group: "enums.co2", values: CO2_TYPES },
  condition: { group: "enums.condition", values: CONDITIONS },
  vatRegime: { group: "enums.vat", values: VAT_REGIMES },
  blocketCategory: { group: "enums.blocketCategory", values: Object.keys(BLOCKET_CATEGORIES) },
};


/** One field that changes: its value before (null when the car is new) and after. */
export interface FieldChange {
  field: ListingField;
  from: unknown;
  to: unknown;
}

/**
 * Fields an empty cell never clears, even when the dealer chose "empty cells clear values": a car
 * cannot be without them, and clearing the status or currency would quietly take an ad offline or
 * change its price. Empty there always means "leave as it is".
 */
export const NEVER_CLEARED: ReadonlySet<ListingField> = new Set(["reference", "title", "status", "currency", "blocketCategory"]);

/** Fields holding several values: cleared to an empty list, not to null. */
export const LIST_FIELDS: ReadonlySet<ListingField> = new Set(["images", "features", "conditionTags"]);

/** The value an empty cell writes when empty cells clear values (undefined: the field is left alone). */
export function clearedValue(field: ListingField): unknown {
  if (NEVER_CLEARED.has(field)) return undefined;
  return LIST_FIELDS.has(field) ? [] : null;
}

/** JSON with object keys in order (PostgreSQL's jsonb does not keep the order they were written in). */
export function stableJson(value: unknown, dropNulls = false): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return v;
    const entries = Object.entries(v).filter(([, x]) => !(dropNulls && (x === null || x === undefined)));
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** Absent and null mean the same thing ("not given"), inside lists too; everything else compares by value. */
const canonical = (value: unknown) => stableJson(value, true);

export function sameValue(a: unknown, b: unknown) {
  return canonical(a) === canonical(b);
}

/** Every field whose value differs, in the listing's own field order. */
export function diffListings(before: Partial<Listing> | null, after: Listing): FieldChange[] {
  const changes: FieldChange[] = [];
  const fields = new Set([...Object.keys(after), ...Object.keys(before ?? {})]) as Set<ListingField>;
  for (const field of fields) {
    const from = before ? (before[field] ?? null) : null;
    const to = after[field] ?? null;
    if (!sameValue(from, to)) changes.push({ field, from, to });
  }
  return changes;
}

/** Statuses in which a car is offered on the marketplaces it is published to. */
const ON_SALE: ReadonlySet<ListingStatus> = new Set(["active", "reserved"]);

/**
 * Whether a change of status takes the car's ads offline (sold, or back to draft) or brings them
 * online: the preview calls these out, because the next sync acts on them.
 */
export function marketplaceMove(before: ListingStatus | null | undefined, after: ListingStatus): "offline" | "online" | null {
  const was = before ? ON_SALE.has(before) : false;
  const is = ON_SALE.has(after);
  if (was && !is) return "offline";
  if (!was && is) return "online";
  return null;
}

/** How long an import or bulk change can be undone (lib/listings/changesets.ts). */
export const UNDO_WINDOW_DAYS = 7;
