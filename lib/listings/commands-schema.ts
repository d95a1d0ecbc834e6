/** Input schemas of the listing actions. Pure, so the editor validates with the same schema. */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import { swedishPlateProblem } from "@/lib/vehicles/plate";
import { channelOverridesSchema, LISTING_STATUSES, listingSchema } from "@/lib/listings/schema";

const dealerSlug = z.string().min(1).max(64);
const listingId = z.string().min(1).max(40);
const listingIds = z.array(listingId).min(1, msg("listings.errors.selectOne")).max(500, msg("listings.errors.selectAtMost", { max: 500 }));

export const overridesInputSchema = z.record(z.string().min(1).max(40), channelOverridesSchema.extend({ enabled: z.boolean().default(true) }));

export const saveListingSchema = z.object({
  dealer: dealerSlug,
  /** Absent for a new listing. */
  id: listingId.optional(),
  listing: listingSchema,
  /** Per connection id: enabled, and title/description/price overrides. */
  channels: overridesInputSchema.default({}),
  /** Plausibility warnings the dealer confirmed, by fingerprint (lib/listings/plausibility.ts). */
  confirm: z.array(z.string().max(200)).max(20).default([]),
  /**
   * A new car: the reference the editor proposed from the dealer's pattern. While the listing still
   * carries it, the server hands out the next free number on save (lib/listings/reference-numbers.ts).
   */
  autoReference: z.string().max(64).nullish(),
});

/**
 * The save schema for a dealer's country: a Swedish dealer's plate must be a Swedish plate
 * (lib/vehicles/plate.ts). The server checks again with the dealer's own country (saveListing).
 */
export function saveListingSchemaFor(country: string) {
  if (country !== "SE") return saveListingSchema;
  return saveListingSchema.superRefine((input, ctx) => {
    const problem = plateProblemFor(country, input.listing.registrationNumber);
    if (problem) ctx.addIssue({ code: "custom", path: ["listing", "registrationNumber"], message: problem });
  });
}

/** The field message for a plate the dealer's country does not issue, or null. */
export function plateProblemFor(country: string, plate: string | null | undefined): string | null {
  if (country !== "SE" || !plate) return null;
  const problem = swedishPlateProblem(plate);
  return problem ? msg(`quickCar.plate.${problem}`) : null;
}

export const setStatusSchema = z.object({
  dealer: dealerSlug,
  listingId,
  status: z.enum(LISTING_STATUSES, { message: msg("listings.errors.chooseStatus") }),
});

export const bulkStatusSchema = z.object({ dealer: dealerSlug, ids: listingIds, status: z.enum(LISTING_STATUSES, { message: msg("listings.errors.chooseStatus") }) });
export const bulkChannelSchema = z.object({ dealer: dealerSlug, ids: listingIds, connectionId: z.string().min(1, msg("listings.errors.chooseConnection")).max(40), enabled: z.boolean() });
export const bulkDeleteSchema = z.object({ dealer: dealerSlug, ids: listingIds });

export const undoChangesSchema = z.object({ dealer: dealerSlug, changeSetId: z.string().min(1).max(40) });
