"use server";
/** Listing actions. VIEWER reads; STAFF edits; ADMIN also deletes — decided by the chain. */
import { revalidatePath } from "next/cache";
import { dealerAction } from "@/lib/actions";
import { withFieldConflicts } from "@/lib/action-errors";
import { bulkChannelSchema, bulkDeleteSchema, bulkStatusSchema, deleteListings, saveListing, saveListingSchema, setChannelEnabled, setListingStatus, setStatuses, setStatusSchema } from "@/lib/listings/commands";
import { csvImportSchema, importCsv, previewCsvImport } from "@/lib/listings/csv";
import { undoChangeSet } from "@/lib/listings/changesets";
import { enrolCars } from "@/lib/publications/enrolment";
import { applyBulkEdit, previewBulkEdit } from "@/lib/listings/bulk-edit";
import { bulkEditSchema } from "@/lib/listings/bulk-edit-schema";
import { undoChangesSchema } from "@/lib/listings/commands-schema";
import { LOCALE_OF } from "@/lib/i18n/locales";
import { conventionOf, type NumberConvention } from "@/lib/i18n/numbers";
import { requestLanguage } from "@/lib/i18n/server";

/** A file's numbers are read as it says, else as the dealer writes them (their language). */
async function csvReadOptions(numbers: NumberConvention | undefined, emptyClears: boolean) {
  const language = await requestLanguage();
  return { numbers, fallback: conventionOf(LOCALE_OF[language]), language, emptyClears };
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
    const changeSetId = await withFieldConflicts(bulkStatusSchema, () => setStatuses(ctx.user.id, ctx.dealer.id, parsedInput.ids, parsedInput.status, true));
    refresh(ctx.dealer.slug);
    return { count: parsedInput.ids.length, changeSetId };
  });

export const bulkChannelAction = edit
  .metadata({ name: "listings.bulkChannel" })
  .inputSchema(bulkChannelSchema)
  .action(async ({ parsedInput, ctx }) => {
    // Switching a marketplace on is enrolment: only cars that pass its pre-flight (lib/publications/enrolment.ts).
    const changeSetId = parsedInput.enabled
      ? (await withFieldConflicts(bulkChannelSchema, () => enrolCars(ctx.user, ctx, { connectionId: parsedInput.connectionId, ids: parsedInput.ids }))).changeSetId
      : await setChannelEnabled(ctx.user.id, ctx.dealer.id, parsedInput.ids, parsedInput.connectionId, false);
    refresh(ctx.dealer.slug);
    return { count: parsedInput.ids.length, changeSetId };
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
  .action(async ({ parsedInput, ctx }) => previewCsvImport(ctx.dealer.id, parsedInput.csv, await csvReadOptions(parsedInput.numbers, parsedInput.emptyClears)));

export const importCsvAction = edit
  .metadata({ name: "listings.importCsv" })
  .inputSchema(csvImportSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await importCsv(ctx.user.id, ctx.dealer.id, parsedInput.csv, parsedInput.skipInvalid, await csvReadOptions(parsedInput.numbers, parsedInput.emptyClears), parsedInput.confirmWarnings);
    if (result.imported > 0) refresh(ctx.dealer.slug);
    return result;
  });

/** Undoes an import or bulk change (lib/listings/changesets.ts). */
export const undoChangesAction = edit
  .metadata({ name: "listings.undoChanges" })
  .inputSchema(undoChangesSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await undoChangeSet(ctx.user.id, ctx.dealer.id, parsedInput.changeSetId);
    refresh(ctx.dealer.slug);
    return result;
  });

/** Bulk edit: previews every car's changes, or applies them undoably (lib/listings/bulk-edit.ts). */
export const bulkEditAction = edit
  .metadata({ name: "listings.bulkEdit" })
  .inputSchema(bulkEditSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!parsedInput.apply) return { preview: await previewBulkEdit(ctx.dealer.id, parsedInput.ids, parsedInput.edit), applied: null };
    const applied = await applyBulkEdit(ctx.user.id, ctx.dealer.id, parsedInput.ids, parsedInput.edit);
    refresh(ctx.dealer.slug);
    return { preview: null, applied };
  });
