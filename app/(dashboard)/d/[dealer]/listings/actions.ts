"use server";
/** Listing actions. VIEWER reads; STAFF edits; ADMIN also deletes — decided by the chain. */
import { revalidatePath } from "next/cache";
import { dealerAction } from "@/lib/actions";
import { withFieldConflicts } from "@/lib/action-errors";
import { bulkChannelSchema, bulkDeleteSchema, bulkStatusSchema, deleteListings, saveListing, saveListingSchema, setChannelEnabled, setListingStatus, setStatuses, setStatusSchema } from "@/lib/listings/commands";
import { csvImportSchema, importCsv, previewCsvImport } from "@/lib/listings/csv";
import { LOCALE_OF } from "@/lib/i18n/locales";
import { conventionOf, type NumberConvention } from "@/lib/i18n/numbers";
import { requestLanguage } from "@/lib/i18n/server";

/** A file's numbers are read as it says, else as the dealer writes them (their language). */
async function csvReadOptions(numbers: NumberConvention | undefined) {
  const language = await requestLanguage();
  return { numbers, fallback: conventionOf(LOCALE_OF[language]), language };
}

const edit = dealerAction("listings.edit");
const refresh = (slug: string) => revalidatePath(`/d/${slug}`, "layout");

export const saveListingAction = edit
  .metadata({ name: "listings.save" })
  .inputSchema(saveListingSchema)
  .action(async ({ parsedInput, ctx }) => {
    const saved = await withFieldConflicts(saveListingSchema, () => saveListing(ctx.user.id, ctx.dealer.id, parsedInput));
    if (saved.id) refresh(ctx.dealer.slug);
    return saved;
  });

export const setListingStatusAction = edit
  .metadata({ name: "listings.setStatus" })
  .inputSchema(setStatusSchema)
  .action(async ({ parsedInput, ctx }) => {
    await setListingStatus(ctx.user.id, ctx.dealer.id, parsedInput.listingId, parsedInput.status);
    refresh(ctx.dealer.slug);
    return { ok: true };
  });

export const bulkStatusAction = edit
  .metadata({ name: "listings.bulkStatus" })
  .inputSchema(bulkStatusSchema)
  .action(async ({ parsedInput, ctx }) => {
    await withFieldConflicts(bulkStatusSchema, () => setStatuses(ctx.user.id, ctx.dealer.id, parsedInput.ids, parsedInput.status));
    refresh(ctx.dealer.slug);
    return { count: parsedInput.ids.length };
  });

export const bulkChannelAction = edit
  .metadata({ name: "listings.bulkChannel" })
  .inputSchema(bulkChannelSchema)
  .action(async ({ parsedInput, ctx }) => {
    await setChannelEnabled(ctx.user.id, ctx.dealer.id, parsedInput.ids, parsedInput.connectionId, parsedInput.enabled);
    refresh(ctx.dealer.slug);
    return { count: parsedInput.ids.length };
  });

export const bulkDeleteAction = dealerAction("listings.delete")
  .metadata({ name: "listings.bulkDelete" })
  .inputSchema(bulkDeleteSchema)
  .action(async ({ parsedInput, ctx }) => {
    await withFieldConflicts(bulkDeleteSchema, () => deleteListings(ctx.user.id, ctx.dealer.id, parsedInput.ids));
    refresh(ctx.dealer.slug);
    return { count: parsedInput.ids.length };
  });

export const previewCsvAction = edit
  .metadata({ name: "listings.previewCsv" })
  .inputSchema(csvImportSchema)
  .action(async ({ parsedInput, ctx }) => previewCsvImport(ctx.dealer.id, parsedInput.csv, await csvReadOptions(parsedInput.numbers)));

export const importCsvAction = edit
  .metadata({ name: "listings.importCsv" })
  .inputSchema(csvImportSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await importCsv(ctx.user.id, ctx.dealer.id, parsedInput.csv, parsedInput.skipInvalid, await csvReadOptions(parsedInput.numbers), parsedInput.confirmWarnings);
    if (result.imported > 0) refresh(ctx.dealer.slug);
    return result;
  });
