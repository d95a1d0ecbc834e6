"use server";
/** Sync actions: staff start and cancel syncs; only the dealer's ADMIN confirms mass removals. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import { dealerAction } from "@/lib/actions";
import { cancelSync, confirmRemovals, importRemoteOnly, requestSync } from "@/lib/sync/service";

const dealer = z.string().min(1).max(64);
const id = z.string().min(1).max(40);

export const syncNowAction = dealerAction("syncs.run")
  .metadata({ name: "syncs.start" })
  .inputSchema(z.object({ dealer, connectionId: id }))
  .action(async ({ parsedInput, ctx }) => {
    const run = await requestSync({ dealerId: ctx.dealer.id, connectionId: parsedInput.connectionId, trigger: "MANUAL", startedById: ctx.user.id });
    revalidatePath(`/d/${ctx.dealer.slug}/syncs`);
    return run;
  });

export const cancelSyncAction = dealerAction("syncs.run")
  .metadata({ name: "syncs.cancel" })
  .inputSchema(z.object({ dealer, runId: id }))
  .action(async ({ parsedInput, ctx }) => {
    await cancelSync(ctx.dealer.id, parsedInput.runId);
    return { ok: true };
  });

export const confirmRemovalsAction = dealerAction("syncs.confirmRemoval")
  .metadata({ name: "syncs.confirmRemovals" })
  .inputSchema(z.object({ dealer, runId: id, listingIds: z.array(id).max(10_000) }))
  .action(async ({ parsedInput, ctx }) => {
    const next = await confirmRemovals(ctx.dealer.id, parsedInput.runId, ctx.user.id, parsedInput.listingIds);
    revalidatePath(`/d/${ctx.dealer.slug}`, "layout");
    return next;
  });

export const importRemoteAction = dealerAction("listings.edit")
  .metadata({ name: "syncs.importRemote" })
  .inputSchema(z.object({ dealer, connectionId: id, references: z.array(z.string().min(1).max(64)).min(1, msg("syncs.messages.chooseAds")).max(1000) }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await importRemoteOnly(ctx.dealer.id, parsedInput.connectionId, parsedInput.references, ctx.user.id);
    revalidatePath(`/d/${ctx.dealer.slug}`, "layout");
    return result;
  });
