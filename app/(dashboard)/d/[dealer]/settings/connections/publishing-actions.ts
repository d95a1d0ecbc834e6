"use server";
/**
 * How a connection publishes and the move from the marketplace's back office: the dealer's ADMIN
 * (and platform admins) only — `connections.manage`, checked by the chain and again by the services.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dealerAction } from "@/lib/actions";
import { connectionRefSchema, setHoldOnFailedImagesSchema } from "@/lib/connections/schemas";
import { goLive, setHoldOnFailedImages } from "@/lib/connections/publishing";
import { previewMigration, runMigration, skipMigration } from "@/lib/migration/service";

const manage = dealerAction("connections.manage");
const refresh = () => revalidatePath("/", "layout");
const migrationSchema = connectionRefSchema.extend({ list: z.string().max(500_000), confirmedNew: z.array(z.string().min(1).max(40)).max(5_000).default([]) });

export const goLiveAction = manage
  .metadata({ name: "connections.goLive" })
  .inputSchema(connectionRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await goLive(ctx.user.id, ctx, parsedInput);
    refresh();
    return result;
  });

export const setHoldOnFailedImagesAction = manage
  .metadata({ name: "connections.photoPolicy" })
  .inputSchema(setHoldOnFailedImagesSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await setHoldOnFailedImages(ctx.user.id, ctx, parsedInput);
    refresh();
    return result;
  });

export const previewMigrationAction = manage
  .metadata({ name: "connections.migrationPreview" })
  .inputSchema(migrationSchema)
  .action(async ({ parsedInput, ctx }) => previewMigration(ctx, parsedInput));

export const runMigrationAction = manage
  .metadata({ name: "connections.migrationRun" })
  .inputSchema(migrationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await runMigration(ctx.user.id, ctx, parsedInput);
    refresh();
    return result;
  });

export const skipMigrationAction = manage
  .metadata({ name: "connections.migrationSkip" })
  .inputSchema(connectionRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await skipMigration(ctx.user.id, ctx, parsedInput);
    refresh();
    return { ok: true };
  });
