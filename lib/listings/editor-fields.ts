/**
 * Which listing fields the editor shows, and how they are grouped (client-safe, pure).
 *
 * The fields come from the field descriptors of the marketplaces the dealer publishes to (never
 * from their names): a Swedish dealer with Blocket does not see Car-Pass, a Belgian one without
 * Blocket does not see the plate. Required fields (any of those marketplaces refuses a car for sale
 * without them) come first, then the recommended ones; the rest is folded. A field none of them
 * reads is not shown, but its value stays in the form and is saved unchanged (and exported).
 */
import type { MarketplaceField, ListingField } from "@/lib/marketplaces/types";

/**
 * Every field the editor can show, in its order (photos and the marketplaces have their own cards;
 * customType, conditionTags and coordinates come from imports and the CSV, not the form).
 */
export const EDITOR_FIELDS = [
  "title", "price", "condition", "description",
  "vin", "registrationNumber", "make", "model", "variant", "engine", "year", "firstRegistration", "mileage",
  "fuelType", "transmission", "bodyType", "driveType", "powerKw", "gears", "doors", "seats",
  "color", "paintType", "interiorColor", "interiorMaterial", "weight", "previousOwners",
  "co2Emission", "co2Type", "emissionClass", "fuelConsumption", "vatRegime", "serviceHistory", "warranty", "warrantyMonths",
  "carPassUrl",
  "postalCode", "city", "province",
  "blocketCategory", "registrationNumberHidden", "contactName", "contactPhone", "contactEmail",
  "currency", "features",
] as const satisfies readonly ListingField[];
export type EditorField = (typeof EDITOR_FIELDS)[number];

/** Always there, whatever the marketplaces: what every car needs and what a dealer's own stock list sorts by. */
const ALWAYS: Partial<Record<EditorField, "required" | "recommended" | "optional">> = {
  title: "required", price: "recommended", make: "recommended", model: "recommended", year: "recommended", currency: "optional",
};

/** With no marketplace yet, everything is offered; these come first. */
const WITHOUT_MARKETPLACE: readonly EditorField[] = ["price", "condition", "description", "vin", "make", "model", "variant", "year", "mileage", "fuelType", "transmission"];

export interface FieldGroups {
  /** Required by at least one of the marketplaces (or by every car), in editor order. */
  required: EditorField[];
  /** Recommended by at least one of them and not required. */
  recommended: EditorField[];
  /** Read by at least one of them, neither required nor recommended: folded. */
  more: EditorField[];
  /** Read by none of them: not shown (values kept). */
  hidden: EditorField[];
}

const rank = { optional: 1, recommended: 2, required: 3 } as const;
type Level = keyof typeof rank;
const levelOf = (f: MarketplaceField): Level => (f.required ? "required" : f.recommended ? "recommended" : "optional");

/** The editor's groups for the field descriptors of the marketplaces a dealer publishes to. */
export function fieldGroups(marketplaces: readonly (readonly MarketplaceField[])[]): FieldGroups {
  const level = new Map<string, Level>();
  const raise = (field: string, l: Level) => { if (!level.has(field) || rank[l] > rank[level.get(field)!]) level.set(field, l); };
  if (marketplaces.length === 0) {
    for (const field of EDITOR_FIELDS) raise(field, "optional");
    for (const field of WITHOUT_MARKETPLACE) raise(field, "recommended");
  }
  for (const fields of marketplaces) for (const f of fields) raise(f.field, levelOf(f));
  for (const [field, l] of Object.entries(ALWAYS)) raise(field, l);
  const of = (l: Level) => EDITOR_FIELDS.filter((f) => level.get(f) === l);
  return { required: of("required"), recommended: of("recommended"), more: of("optional"), hidden: EDITOR_FIELDS.filter((f) => !level.has(f)) };
}
