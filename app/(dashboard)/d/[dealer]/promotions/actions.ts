"use server";
/**
 * Paid promotions. STAFF and ADMIN quote and buy (`promotions.buy`), always within the monthly
 * budget; only ADMIN sets the budget (`promotions.budget`). The services check the role again.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dealerAction } from "@/lib/actions";
import { withFieldConflicts } from "@/lib/action-errors";
import { setBudget } from "@/lib/promotions/budget";
import { budgetSchema } from "@/lib/promotions/budget-schema";
import { MAX_CARS, quotePromotion, requestPromotion, setExcludedChannels } from "@/lib/promotions/service";
import "@/lib/i18n/zod";

const dealer = z.string().min(1).max(64);
const id = z.string().min(1).max(40);
const kind = z.enum(["bump", "polePosition"]);
const listingIds = z.array(id).min(1).max(MAX_CARS);

const quoteSchema = z.object({ dealer, kind, connectionId: id, listingIds });

export const quotePromotionAction = dealerAction("promotions.buy")
  .metadata({ name: "promotions.quote" })
  .inputSchema(quoteSchema)
  .action(async ({ parsedInput, ctx }) => quotePromotion(ctx, parsedInput));

export const requestPromotionAction = dealerAction("promotions.buy")
  .metadata({ name: "promotions.request" })
  .inputSchema(quoteSchema.extend({ expectedTotal: z.number().min(0) }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await requestPromotion(ctx.user.id, ctx, parsedInput);
    revalidatePath(`/d/${ctx.dealer.slug}`, "layout");
    return result;
  });

export const setBudgetAction = dealerAction("promotions.budget")
  .metadata({ name: "promotions.setBudget" })
  .inputSchema(budgetSchema)
  .action(async ({ parsedInput, ctx }) => {
    const view = await withFieldConflicts(budgetSchema, () => setBudget(ctx.user.id, ctx, parsedInput));
    revalidatePath(`/d/${ctx.dealer.slug}`, "layout");
    return view;
  });

export const setExcludedChannelsAction = dealerAction("listings.edit")
  .metadata({ name: "promotions.setChannels" })
  .inputSchema(z.object({ dealer, listingId: id, connectionId: id, excludedChannels: z.array(z.string().min(1).max(40)).max(10) }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await setExcludedChannels(ctx.user.id, ctx, parsedInput);
    revalidatePath(`/d/${ctx.dealer.slug}/listings/${parsedInput.listingId}`);
    return result;
  });
