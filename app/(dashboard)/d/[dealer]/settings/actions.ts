"use server";
/** Dealer settings that are not a connection or the team: how new cars are numbered (admins). */
import { revalidatePath } from "next/cache";
import { dealerAction } from "@/lib/actions";
import { referencePatternInputSchema } from "@/lib/listings/reference-pattern";
import { proposedReference, setReferencePattern } from "@/lib/listings/reference-numbers";

export const setReferencePatternAction = dealerAction("settings.numbering")
  .metadata({ name: "settings.referencePattern" })
  .inputSchema(referencePatternInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    await setReferencePattern(ctx.user.id, ctx.dealer.id, parsedInput.pattern);
    revalidatePath(`/d/${ctx.dealer.slug}/settings`);
    return { next: await proposedReference(ctx.dealer.id) };
  });
