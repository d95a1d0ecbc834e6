/**
 * Undo for imports and bulk changes. Each one records, per car, the stored columns before and
 * after (and, for marketplace on/off, each publication's switch), in the same transaction as the
 * change. Undo puts the "before" back on every car still as the change left it; a car edited
 * since is left alone and named, so undo never throws away later work. The next sync then puts
 * the marketplaces back.
 */
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { ActionError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { msg } from "@/lib/i18n/message";
import { notifyListingsChanged } from "@/lib/listings/events";
import { outThere } from "@/lib/publications/live";
import { stableJson, UNDO_WINDOW_DAYS } from "@/lib/listings/merge";

/** How long an import or bulk change can be undone. */
export const UNDO_WINDOW_MS = UNDO_WINDOW_DAYS * 24 * 60 * 60 * 1000;

const SNAPSHOT_SELECT = {
  id: true, reference: true, status: true, title: true, make: true, model: true, year: true, mileage: true, price: true, currency: true,
  fuelType: true, registrationNumber: true, vin: true, postalCode: true, details: true, images: true, features: true, searchText: true,
  soldAt: true, plausibilityConfirmed: true,
} as const satisfies Prisma.ListingSelect;

type SnapshotRow = Prisma.ListingGetPayload<{ select: typeof SNAPSHOT_SELECT }>;

/** A car's stored columns as JSON (money as text, times as ISO strings). */
export type Snapshot = Omit<SnapshotRow, "id" | "price" | "soldAt"> & { price: string | null; soldAt: string | null };

export interface ChangeEntry {
  listingId: string;
  reference: string;
  /** Null when this change created the car. */
  before: Snapshot | null;
  after: Snapshot;
  /** Marketplace on/off per connection: before (null: no setting, which means on) and after. */
  publications?: { connectionId: string; before: boolean | null; after: boolean }[];
}

function snapshotOf(row: SnapshotRow): Snapshot {
  const { id: _id, price, soldAt, ...rest } = row;
  return { ...rest, price: price === null ? null : price.toString(), soldAt: soldAt ? soldAt.toISOString() : null };
}

const sameSnapshot = (a: Snapshot, b: Snapshot) => stableJson(a) === stableJson(b);

/** The stored columns of these cars now (the dealer's only). */
export async function snapshots(tx: Prisma.TransactionClient, dealerId: string, ids: string[]): Promise<Map<string, Snapshot>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.listing.findMany({ where: { dealerId, id: { in: ids } }, select: SNAPSHOT_SELECT });
  return new Map(rows.map((r) => [r.id, snapshotOf(r)]));
}

export interface ChangeSetInput {
  dealerId: string;
  actorId: string;
  kind: "import" | "bulk";
  summary: Prisma.InputJsonObject;
  /** Snapshots taken before the change, of the cars it updated. */
  before: Map<string, Snapshot>;
  /** Cars the change created. */
  createdIds?: string[];
  /** Marketplace switches before the change, per car id. */
  publications?: Map<string, { connectionId: string; before: boolean | null; after: boolean }[]>;
}

/** Records a change after it was written, inside its transaction. Returns its id (null when nothing changed). */
export async function saveChangeSet(tx: Prisma.TransactionClient, input: ChangeSetInput): Promise<string | null> {
  const created = new Set(input.createdIds ?? []);
  const ids = [...new Set([...input.before.keys(), ...created, ...(input.publications?.keys() ?? [])])];
  if (ids.length === 0) return null;
  const after = await snapshots(tx, input.dealerId, ids);
  const entries: ChangeEntry[] = ids.flatMap((id) => {
    const now = after.get(id);
    if (!now) return [];
    const before = created.has(id) ? null : (input.before.get(id) ?? now);
    return [{ listingId: id, reference: now.reference, before, after: now, ...(input.publications?.has(id) ? { publications: input.publications.get(id) } : {}) }];
  });
  const saved = await tx.listingChangeSet.create({
    data: { dealerId: input.dealerId, actorId: input.actorId, kind: input.kind, summary: input.summary, entries: entries as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  return saved.id;
}

const restoreData = (s: Snapshot) => ({ ...s, price: s.price, soldAt: s.soldAt ? new Date(s.soldAt) : null, details: s.details as Prisma.InputJsonValue, features: s.features as Prisma.InputJsonValue, plausibilityConfirmed: s.plausibilityConfirmed as Prisma.InputJsonValue });

export interface UndoResult {
  restored: number;
  deleted: number;
  /** Cars left as they are: edited since (or deleted), or a car this change created that is on a marketplace now. */
  skipped: { reference: string; reason: "editedSince" | "published" }[];
}

/** Puts back what an import or bulk change replaced. Audited; refused once undone or too old. */
export async function undoChangeSet(actorId: string, dealerId: string, changeSetId: string, now = new Date()): Promise<UndoResult> {
  const result: UndoResult = { restored: 0, deleted: 0, skipped: [] };
  const touched: string[] = [];
  await db.$transaction(async (tx) => {
    // Locks the change set, so two clicks on Undo cannot both run.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ListingChangeSet" WHERE id = ${changeSetId} AND "dealerId" = ${dealerId} FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError();
    const set = await tx.listingChangeSet.findUniqueOrThrow({ where: { id: changeSetId } });
    if (set.undoneAt) throw new ActionError(msg("changes.alreadyUndone"));
    if (now.getTime() - set.createdAt.getTime() > UNDO_WINDOW_MS) throw new ActionError(msg("changes.tooOld", { days: UNDO_WINDOW_MS / 86_400_000 }));
    const entries = set.entries as unknown as ChangeEntry[];
    const current = await snapshots(tx, dealerId, entries.map((e) => e.listingId));
    for (const entry of entries) {
      const now = current.get(entry.listingId);
      if (!now || !sameSnapshot(now, entry.after)) {
        result.skipped.push({ reference: entry.reference, reason: "editedSince" });
        continue;
      }
      if (entry.before === null) {
        const live = await tx.publication.count({ where: { AND: [{ dealerId, listingId: entry.listingId }, outThere] } });
        if (live > 0) {
          result.skipped.push({ reference: entry.reference, reason: "published" });
          continue;
        }
        await tx.listing.delete({ where: { id: entry.listingId, dealerId } });
        result.deleted += 1;
        continue;
      }
      if (!sameSnapshot(entry.before, entry.after)) await tx.listing.update({ where: { id: entry.listingId, dealerId }, data: restoreData(entry.before) });
      for (const p of entry.publications ?? []) {
        await tx.publication.updateMany({ where: { dealerId, listingId: entry.listingId, connectionId: p.connectionId }, data: { enabled: p.before ?? true } });
      }
      result.restored += 1;
      touched.push(entry.listingId);
    }
    await tx.listingChangeSet.update({ where: { id: set.id }, data: { undoneAt: now, undoneById: actorId } });
    await recordAudit({ actorId, dealerId, action: "listing.changes_undone", targetType: "ListingChangeSet", targetId: set.id, data: { kind: set.kind, restored: result.restored, deleted: result.deleted, skipped: result.skipped.map((s) => s.reference) } }, tx);
  }, { timeout: 120_000 });
  await notifyListingsChanged(dealerId, touched);
  return result;
}

export interface ChangeSetView {
  id: string;
  kind: string;
  summary: Record<string, unknown>;
  createdAt: string;
  undoneAt: string | null;
  actor: string | null;
  /** Still within the undo window and not undone. */
  undoable: boolean;
}

/** The dealer's recent imports and bulk changes, newest first. */
export async function recentChangeSets(dealerId: string, now = new Date(), take = 10): Promise<ChangeSetView[]> {
  const rows = await db.listingChangeSet.findMany({
    where: { dealerId, createdAt: { gte: new Date(now.getTime() - UNDO_WINDOW_MS) } },
    orderBy: { createdAt: "desc" }, take,
    select: { id: true, kind: true, summary: true, createdAt: true, undoneAt: true, actorId: true },
  });
  const actors = await db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.actorId ? [r.actorId] : [])) } }, select: { id: true, name: true, email: true } });
  const nameOf = new Map(actors.map((a) => [a.id, a.name || a.email]));
  return rows.map((r) => ({
    id: r.id, kind: r.kind, summary: r.summary as Record<string, unknown>, createdAt: r.createdAt.toISOString(), undoneAt: r.undoneAt?.toISOString() ?? null,
    actor: r.actorId ? (nameOf.get(r.actorId) ?? null) : null, undoable: r.undoneAt === null,
  }));
}

