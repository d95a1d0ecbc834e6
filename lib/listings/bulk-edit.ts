/**
 * Bulk edit: one change for many cars — the price (a new amount, up or down by an amount, or by a
 * percentage) and a few common fields. Same two steps as the CSV import: a preview of every car's
 * changes old → new that writes nothing, then one transaction that writes them and keeps what they
 * replaced for undo (lib/listings/changesets.ts).
 */
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { NotFoundError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { notifyListingsChanged } from "@/lib/listings/events";
import { saveChangeSet, snapshots } from "@/lib/listings/changesets";
import { diffListings, marketplaceMove, type FieldChange } from "@/lib/listings/merge";
import { listingSchema, type Listing } from "@/lib/listings/schema";
import { fromRow, STATUS_FROM_DB, toRow } from "@/lib/listings/store";
import { needsConfirmationWhen, readConfirmations, unconfirmed } from "@/lib/listings/plausibility";
import { warningsWithStock } from "@/lib/listings/plausibility-stock";
import type { BulkEdit } from "@/lib/listings/bulk-edit-schema";

export interface BulkEditCar {
  id: string;
  reference: string;
  currency: string;
  changes: FieldChange[];
  marketplace: "offline" | "online" | null;
  /** Why this car cannot take the change (a catalog message); it is left out. */
  problem: string | null;
}

export interface BulkEditPreview {
  cars: BulkEditCar[];
  /** Cars that change (and have no problem). */
  changing: number;
  unchanged: number;
}

/** A price after the edit: percentages and amounts round to whole units (dealers price in whole euros and kronor). */
function newPrice(price: number | null | undefined, edit: NonNullable<BulkEdit["price"]>): number | null | undefined {
  if (edit.mode === "set") return edit.value;
  if (price === null || price === undefined) return price; // nothing to raise or lower
  const next = edit.mode === "amount" ? price + edit.value : price * (1 + edit.value / 100);
  return Math.round(next);
}

async function plan(dealerId: string, ids: string[], edit: BulkEdit) {
  const rows = await db.listing.findMany({ where: { dealerId, id: { in: ids } } });
  if (rows.length !== new Set(ids).size) throw new NotFoundError();
  const cars = rows.map((row) => {
    let before: Listing;
    try {
      before = fromRow(row);
    } catch {
      return { row, listing: null, car: { id: row.id, reference: row.reference, currency: row.currency, changes: [], marketplace: null, problem: msg("listings.bulkEdit.invalidCar") } satisfies BulkEditCar };
    }
    const patch: Partial<Listing> = { ...edit.fields };
    if (edit.price) {
      const price = newPrice(before.price, edit.price);
      if (price === null || price === undefined) {
        return { row, listing: null, car: { id: row.id, reference: row.reference, currency: before.currency, changes: [], marketplace: null, problem: msg("listings.bulkEdit.noPrice") } satisfies BulkEditCar };
      }
      patch.price = price;
    }
    const parsed = listingSchema.safeParse({ ...before, ...patch });
    if (!parsed.success) {
      return { row, listing: null, car: { id: row.id, reference: row.reference, currency: before.currency, changes: [], marketplace: null, problem: parsed.error.issues[0]!.message } satisfies BulkEditCar };
    }
    const changes = diffListings(before, parsed.data);
    const car: BulkEditCar = { id: row.id, reference: row.reference, currency: parsed.data.currency, changes, marketplace: marketplaceMove(STATUS_FROM_DB[row.status], parsed.data.status), problem: null };
    return { row, listing: changes.length ? parsed.data : null, car };
  });
  // A car for sale does not get an implausible value without the dealer confirming it in the editor.
  const changing = cars.filter((c) => c.listing);
  const warnings = await warningsWithStock(dealerId, changing.map((c) => ({ listing: c.listing! })), { ids: changing.map((c) => c.row.id) });
  changing.forEach((c, i) => {
    const open = unconfirmed(warnings[i]!, readConfirmations(c.row.plausibilityConfirmed));
    if (open.length && needsConfirmationWhen(c.listing!.status)) {
      c.car.problem = open[0]!.message;
      c.listing = null;
    }
  });
  cars.sort((a, b) => a.row.reference.localeCompare(b.row.reference));
  return cars;
}

export async function previewBulkEdit(dealerId: string, ids: string[], edit: BulkEdit): Promise<BulkEditPreview> {
  const cars = await plan(dealerId, ids, edit);
  const changing = cars.filter((c) => c.listing).length;
  return { cars: cars.map((c) => c.car).filter((c) => c.changes.length > 0 || c.problem), changing, unchanged: cars.filter((c) => !c.listing && !c.car.problem).length };
}

/** Writes the changes the preview showed (cars with a problem are left out), undoably. */
export async function applyBulkEdit(actorId: string, dealerId: string, ids: string[], edit: BulkEdit) {
  const cars = (await plan(dealerId, ids, edit)).filter((c) => c.listing);
  if (cars.length === 0) return { updated: 0, changeSetId: null };
  const changeSetId = await db.$transaction(async (tx) => {
    const before = await snapshots(tx, dealerId, cars.map((c) => c.row.id));
    for (const c of cars) {
      const soldAt = c.listing!.status === "sold" ? (c.row.soldAt ?? new Date()) : null;
      await tx.listing.update({ where: { id: c.row.id, dealerId }, data: { ...toRow(c.listing!), soldAt } });
    }
    const changeSetId = await saveChangeSet(tx, { dealerId, actorId, kind: "bulk", summary: { created: 0, updated: cars.length }, before });
    await recordAudit({ actorId, dealerId, action: "listing.bulk_edited", targetType: "ListingChangeSet", targetId: changeSetId, data: { count: cars.length, edit: JSON.parse(JSON.stringify(edit)) } }, tx);
    return changeSetId;
  }, { timeout: 120_000 });
  await notifyListingsChanged(dealerId, cars.map((c) => c.row.id));
  return { updated: cars.length, changeSetId };
}
