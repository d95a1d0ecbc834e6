/** What a bulk edit may change (lib/listings/bulk-edit.ts). Pure, so the page builds it with the same types. */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import { CONDITIONS, LISTING_STATUSES, VAT_REGIMES } from "@/lib/listings/schema";

const text = (max: number) => z.string().trim().min(1).max(max);

export const bulkEditSchema = z.object({
  dealer: z.string().min(1).max(64),
  ids: z.array(z.string().min(1).max(40)).min(1, msg("listings.errors.selectOne")).max(500, msg("listings.errors.selectAtMost", { max: 500 })),
  edit: z.object({
    /** A new price, or the price up/down by an amount or a percentage (negative lowers it). */
    price: z.discriminatedUnion("mode", [
      z.object({ mode: z.literal("set"), value: z.number().min(0).max(100_000_000) }),
      z.object({ mode: z.literal("amount"), value: z.number().min(-100_000_000).max(100_000_000) }),
      z.object({ mode: z.literal("percent"), value: z.number().min(-90).max(500) }),
    ]).optional(),
    /** Common fields set to one value on every car. */
    fields: z.object({
      status: z.enum(LISTING_STATUSES).optional(),
      condition: z.enum(CONDITIONS).optional(),
      vatRegime: z.enum(VAT_REGIMES).optional(),
      warranty: z.boolean().optional(),
      postalCode: text(12).optional(),
      city: text(100).optional(),
      province: text(100).optional(),
    }).default({}),
  }).refine((e) => e.price !== undefined || Object.values(e.fields).some((v) => v !== undefined), { message: msg("listings.bulkEdit.nothing") }),
  /** False: preview only. */
  apply: z.boolean().default(false),
});

export type BulkEdit = z.output<typeof bulkEditSchema>["edit"];
