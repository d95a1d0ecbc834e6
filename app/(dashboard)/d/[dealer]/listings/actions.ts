"use server";
import { revalidatePath } from "next/cache";
import { dealerAction } from "@/lib/actions";
import { setListingStatus, setStatusSchema } from "@/lib/listings/commands";

export const setListingStatusAction = dealerAction("listings.edit")
  .metadata({ name: "listings.setStatus" })
  .inputSchema(setStatusSchema)
  .action(async ({ parsedInput, ctx }) => {
    await setListingStatus(ctx.user.id, ctx.dealer.id, parsedInput.listingId, parsedInput.status);
    revalidatePath(`/d/${ctx.dealer.slug}`, "layout");
    return { ok: true };
  });
