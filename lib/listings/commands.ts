/**
 * Dealer-scoped listing writes. The caller (the action chain) has checked the permission; every
 * write filters by dealerId, is audited, and tells the sync engine what changed.
 */
import type { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { FieldConflict, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Listing, ListingStatus } from "@/lib/listings/schema";
import { plateProblemFor, type overridesInputSchema } from "@/lib/listings/commands-schema";
export * from "@/lib/listings/commands-schema";
import { fromRow, searchTextOf, STATUS_TO_DB, toRow } from "@/lib/listings/store";
import { allocateReference } from "@/lib/listings/reference-numbers";
import { notifyListingsChanged } from "@/lib/listings/events";
import { saveChangeSet, snapshots } from "@/lib/listings/changesets";
import { snapshotChanges } from "@/lib/history/changes";
import { liveAds } from "@/lib/publications/live";
import { stillOnMarketplaceMessage } from "@/lib/publications/messages";
import { msg } from "@/lib/i18n/message";
import { confirmationsFor, needsConfirmationWhen, readConfirmations, unconfirmed, type PlausibilityWarning } from "@/lib/listings/plausibility";
import { warningsWithStock } from "@/lib/listings/plausibility-stock";
import { errorSummary, logFor } from "@/lib/log";
import { deleteCarPhotos } from "@/lib/photos/service";

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

async function dealerConnectionIds(tx: Prisma.TransactionClient, dealerId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await tx.connection.findMany({ where: { dealerId, id: { in: ids }, archivedAt: null }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

async function saveChannels(tx: Prisma.TransactionClient, dealerId: string, listingId: string, channels: z.output<typeof overridesInputSchema>) {
  const known = await dealerConnectionIds(tx, dealerId, Object.keys(channels));
  for (const [connectionId, c] of Object.entries(channels)) {
    if (!known.has(connectionId)) throw new NotFoundError(); // another dealer's connection
    const data = { enabled: c.enabled, overrideTitle: c.title ?? null, overrideDescription: c.description ?? null, overridePrice: c.price ?? null };
    await tx.publication.upsert({
      where: { dealerId_listingId_connectionId: { dealerId, listingId, connectionId } },
      create: { dealerId, listingId, connectionId, ...data },
      update: data,
    });
  }
}

export interface SaveResult {
  /** Absent when nothing was saved because warnings need the dealer's confirmation first. */
  id?: string;
  reference: string;
  /** Every plausibility warning of the car as saved (or as it would have been). */
  warnings: PlausibilityWarning[];
  /** The warnings still to confirm: when not empty, nothing was saved. */
  needsConfirmation: PlausibilityWarning[];
}

/**
 * Creates or updates one listing with its per-marketplace settings, in one transaction. A car
 * offered for sale (active, reserved) with an unconfirmed plausibility warning is not saved: the
 * dealer confirms the values (`confirm`, the warnings' fingerprints) and saves again.
 */
export async function saveListing(actorId: string, dealerId: string, input: { id?: string; listing: Listing; channels: z.output<typeof overridesInputSchema>; confirm?: string[]; autoReference?: string | null }, options: { country?: string } = {}): Promise<SaveResult> {
  const plateProblem = plateProblemFor(options.country ?? "", input.listing.registrationNumber);
  if (plateProblem) throw new FieldConflict("listing.registrationNumber", plateProblem);
  const row = toRow(input.listing);
  const stored = input.id ? readConfirmations((await db.listing.findFirst({ where: { id: input.id, dealerId }, select: { plausibilityConfirmed: true } }))?.plausibilityConfirmed) : {};
  const [warnings] = await warningsWithStock(dealerId, [{ listing: input.listing }], { ids: input.id ? [input.id] : [] });
  const open = unconfirmed(warnings!, stored, input.confirm);
  if (open.length > 0 && needsConfirmationWhen(input.listing.status)) return { reference: row.reference, warnings: warnings!, needsConfirmation: open };
  const plausibilityConfirmed = confirmationsFor(warnings!, stored, input.confirm);
  try {
    const saved = await db.$transaction(async (tx) => {
      if (input.id) {
        const before = await tx.listing.findFirst({ where: { id: input.id, dealerId }, select: { id: true, reference: true, referenceLockedAt: true, status: true, soldAt: true } });
        if (!before) throw new NotFoundError();
        if (before.referenceLockedAt && before.reference !== row.reference) {
          throw new FieldConflict("listing.reference", msg("listings.errors.referenceLocked"));
        }
        const soldAt = row.status === "SOLD" ? (before.soldAt ?? new Date()) : null;
        const was = (await snapshots(tx, dealerId, [before.id])).get(before.id) ?? null;
        const updated = await tx.listing.update({ where: { id: before.id }, data: { ...row, soldAt, plausibilityConfirmed }, select: { id: true, reference: true } });
        await saveChannels(tx, dealerId, updated.id, input.channels);
        // What the save changed, field by field: the car's history reads it (lib/history).
        const changes = snapshotChanges(was, (await snapshots(tx, dealerId, [updated.id])).get(updated.id) ?? null);
        await recordAudit({ actorId, dealerId, action: "listing.updated", targetType: "Listing", targetId: updated.id, data: { reference: updated.reference, status: input.listing.status, changes: changes as unknown as Prisma.InputJsonValue, ...(input.confirm?.length ? { confirmed: input.confirm } : {}) } }, tx);
        return updated;
      }
      if (input.autoReference && row.reference === input.autoReference) {
        // Still the proposal: the next free number now, so concurrent creates never share one.
        row.reference = await allocateReference(tx, dealerId);
        row.searchText = searchTextOf({ ...input.listing, reference: row.reference });
      }
      const created = await tx.listing.create({ data: { ...row, dealerId, plausibilityConfirmed }, select: { id: true, reference: true } });
      await saveChannels(tx, dealerId, created.id, input.channels);
      const changes = snapshotChanges(null, (await snapshots(tx, dealerId, [created.id])).get(created.id) ?? null);
      await recordAudit({ actorId, dealerId, action: "listing.created", targetType: "Listing", targetId: created.id, data: { reference: created.reference, changes: changes as unknown as Prisma.InputJsonValue, ...(input.confirm?.length ? { confirmed: input.confirm } : {}) } }, tx);
      return created;
    });
    await notifyListingsChanged(dealerId, [saved.id]);
    return { ...saved, warnings: warnings!, needsConfirmation: [] };
  } catch (e) {
    if (isUniqueViolation(e)) throw new FieldConflict("listing.reference", msg("listings.errors.referenceTaken"));
    throw e;
  }
}

export async function setListingStatus(actorId: string, dealerId: string, listingId: string, status: ListingStatus) {
  await setStatuses(actorId, dealerId, [listingId], status);
}

/**
 * Cars put up for sale from the grid must not carry an unconfirmed plausibility warning either:
 * those are named, and the dealer opens each to confirm its values.
 */
async function assertPlausibleForSale(dealerId: string, ids: string[]) {
  const rows = await db.listing.findMany({ where: { id: { in: ids }, dealerId } });
  const listings = rows.flatMap((r) => {
    try {
      return [{ row: r, listing: { ...fromRow(r), status: "active" as const } }];
    } catch {
      return []; // a row older than today's rules: the editor shows what to fix
    }
  });
  const warnings = await warningsWithStock(dealerId, listings, { ids });
  const flagged = listings.filter((l, i) => unconfirmed(warnings[i]!, readConfirmations(l.row.plausibilityConfirmed)).length > 0).map((l) => l.row.reference);
  if (flagged.length > 0) {
    throw new FieldConflict("ids", msg("listings.errors.confirmFirst", { count: flagged.length, references: flagged.slice(0, 5).join(", ") + (flagged.length > 5 ? "…" : "") }));
  }
}

/**
 * Sets the status of several cars. A bulk change (`undoable`) keeps each car's previous values, so
 * it can be undone (lib/listings/changesets.ts); returns that change's id.
 */
export async function setStatuses(actorId: string, dealerId: string, ids: string[], status: ListingStatus, undoable = false): Promise<string | null> {
  if (needsConfirmationWhen(status)) await assertPlausibleForSale(dealerId, ids);
  const changeSetId = await db.$transaction(async (tx) => {
    const found = await tx.listing.findMany({ where: { id: { in: ids }, dealerId }, select: { id: true, status: true } });
    if (found.length !== new Set(ids).size) throw new NotFoundError();
    const changing = found.filter((l) => l.status !== STATUS_TO_DB[status]).map((l) => l.id);
    const before = undoable ? await snapshots(tx, dealerId, changing) : new Map();
    // Keep the first sold time: the marketplaces' grace period counts from it.
    await tx.listing.updateMany({ where: { id: { in: ids }, dealerId, status: { not: STATUS_TO_DB[status] } }, data: { status: STATUS_TO_DB[status], soldAt: status === "sold" ? new Date() : null } });
    const changeSetId = undoable ? await saveChangeSet(tx, { dealerId, actorId, kind: "bulk", summary: { created: 0, updated: changing.length, status }, before }) : null;
    await recordAudit({ actorId, dealerId, action: "listing.status_changed", targetType: "Listing", targetId: ids.length === 1 ? ids[0] : null, data: ids.length === 1 ? { status, ...(changeSetId ? { changeSetId } : { changes: found.filter((l) => changing.includes(l.id)).map((l) => ({ field: "status", kind: "status", before: l.status.toLowerCase(), after: status })) }) } : { status, count: ids.length, ids, ...(changeSetId ? { changeSetId } : {}) } }, tx);
    return changeSetId;
  });
  await notifyListingsChanged(dealerId, ids);
  return changeSetId;
}

/** Turns one marketplace on or off for the selected cars; undoable like a bulk status change. */
export async function setChannelEnabled(actorId: string, dealerId: string, ids: string[], connectionId: string, enabled: boolean): Promise<string | null> {
  const changeSetId = await db.$transaction(async (tx) => {
    if (!(await dealerConnectionIds(tx, dealerId, [connectionId])).has(connectionId)) throw new NotFoundError();
    const found = await tx.listing.findMany({ where: { id: { in: ids }, dealerId }, select: { id: true, publications: { where: { connectionId }, select: { enabled: true } } } });
    if (found.length !== new Set(ids).size) throw new NotFoundError();
    const switches = new Map(found.filter((l) => (l.publications[0]?.enabled ?? true) !== enabled).map((l) => [l.id, [{ connectionId, before: l.publications[0]?.enabled ?? null, after: enabled }]]));
    for (const { id } of found) {
      await tx.publication.upsert({
        where: { dealerId_listingId_connectionId: { dealerId, listingId: id, connectionId } },
        create: { dealerId, listingId: id, connectionId, enabled },
        update: { enabled },
      });
    }
    const changeSetId = await saveChangeSet(tx, { dealerId, actorId, kind: "bulk", summary: { created: 0, updated: switches.size, connectionId, enabled }, before: new Map(), publications: switches });
    await recordAudit({ actorId, dealerId, action: enabled ? "listing.channel_enabled" : "listing.channel_disabled", targetType: "Connection", targetId: connectionId, data: { count: ids.length, ids, ...(changeSetId ? { changeSetId } : {}) } }, tx);
    return changeSetId;
  });
  await notifyListingsChanged(dealerId, ids);
  return changeSetId;
}

/**
 * Deletes cars from the inventory. A car with an ad still out there on a marketplace — live,
 * queued, accepted, hidden, or in ERROR after it was published — is not deleted: its ad would be
 * orphaned there. Mark it sold (or turn the marketplace off for it) so the sync removes the ad
 * first. The sync history and Blocket's action log keep their rows (by reference) after deletion.
 */
export async function deleteListings(actorId: string, dealerId: string, ids: string[]) {
  const deleted = await db.$transaction(async (tx) => {
    const found = await tx.listing.findMany({ where: { id: { in: ids }, dealerId }, select: { id: true, reference: true, images: true } });
    if (found.length !== new Set(ids).size) throw new NotFoundError();
    const live = await liveAds(tx, { dealerId, listingId: { in: ids } });
    if (live.count > 0) throw new FieldConflict("ids", stillOnMarketplaceMessage(live.sample.map((a) => `${a.reference} (${a.connection})`), live.count));
    await tx.listing.deleteMany({ where: { id: { in: ids }, dealerId } });
    await recordAudit({ actorId, dealerId, action: "listing.deleted", targetType: "Listing", targetId: ids.length === 1 ? ids[0] : null, data: { references: found.map((l) => l.reference) } }, tx);
    return found;
  });
  // The cars and their ads are gone: their photos go too, unless another car shows them. After the
  // commit, so a failed deletion keeps every photo; a failure here leaves them to the hourly clean-up.
  try {
    await deleteCarPhotos(dealerId, deleted.flatMap((l) => l.images));
  } catch (err) {
    logFor("photos").error({ dealerId, error: errorSummary(err) }, "photos of deleted cars not removed; the hourly clean-up will");
  }
}
