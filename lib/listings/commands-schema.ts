/** Input schemas of the listing actions. Pure, so the editor validates with the same schema. */
import { z } from "zod";
import { channelOverridesSchema, LISTING_STATUSES, listingSchema } from "@/lib/listings/schema";

const dealerSlug = z.string().min(1).max(64);
const listingId = z.string().min(1).max(40);
const listingIds = z.array(listingId).min(1, "Select at least one car.").max(500, "Select at most 500 cars at a time.");

export const overridesInputSchema = z.record(z.string().min(1).max(40), channelOverridesSchema.extend({ enabled: z.boolean().default(true) }));

export const saveListingSchema = z.object({
  dealer: dealerSlug,
  /** Absent for a new listing. */
  id: listingId.optional(),
  listing: listingSchema,
  /** Per connection id: enabled, and title/description/price overrides. */
  channels: overridesInputSchema.default({}),
});

export const setStatusSchema = z.object({
  dealer: dealerSlug,
  listingId,
  status: z.enum(LISTING_STATUSES, { message: "Choose draft, active, reserved or sold." }),
});

export const bulkStatusSchema = z.object({ dealer: dealerSlug, ids: listingIds, status: z.enum(LISTING_STATUSES, { message: "Choose draft, active, reserved or sold." }) });
export const bulkChannelSchema = z.object({ dealer: dealerSlug, ids: listingIds, connectionId: z.string().min(1, "Choose a marketplace connection.").max(40), enabled: z.boolean() });
export const bulkDeleteSchema = z.object({ dealer: dealerSlug, ids: listingIds });

