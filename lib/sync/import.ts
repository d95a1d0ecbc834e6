/**
 * Import of ads that exist only on the marketplace (offered after the first sync): each becomes a
 * local listing under the same reference, with its Publication already matched, so the next sync
 * neither duplicates it nor rewrites it until the dealer edits it.
 */
import { msg } from "@/lib/i18n/message";
import type { Connection, Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { listingSchema } from "@/lib/listings/schema";
import { toRow } from "@/lib/listings/store";
import { descriptorOf, identityOf } from "@/lib/marketplaces/registry";
import { adapterFor } from "./adapters";
import { connectionContext } from "./context";
import { payloadHash } from "./hash";
import { stateFromRemote } from "./states";

export interface ImportResult {
  imported: string[];
  skipped: { reference: string; reason: string }[];
}

export async function importRemoteListings(connection: Connection, references: string[]): Promise<ImportResult> {
  const descriptor = descriptorOf(connection.marketplace);
  const adapter = adapterFor(connection.marketplace);
  const reverse = adapter.importExisting;
  if (!descriptor.capabilities.importExisting || !reverse) throw new ActionError(msg("syncs.messages.cannotImport", { marketplace: descriptor.name }));
  const wanted = [...new Set(references.map((r) => r.trim()).filter(Boolean))].slice(0, 5000);
  const result: ImportResult = { imported: [], skipped: [] };
  if (wanted.length === 0) return result;
  const remote = await adapter.remoteState({ references: wanted }, connectionContext(connection));
  const byRef = new Map(remote.filter((r) => r.reference).map((r) => [r.reference!, r]));
  const existing = new Set((await db.listing.findMany({ where: { dealerId: connection.dealerId, reference: { in: wanted } }, select: { reference: true } })).map((l) => l.reference));
  const identity = identityOf(connection);
  for (const reference of wanted) {
    const ad = byRef.get(reference);
    if (existing.has(reference)) { result.skipped.push({ reference, reason: msg("syncs.messages.skipExists") }); continue; }
    if (!ad) { result.skipped.push({ reference, reason: msg("syncs.messages.skipMissing", { marketplace: descriptor.name }) }); continue; }
    const parsed = listingSchema.safeParse(reverse.toListing(ad));
    if (!parsed.success) { result.skipped.push({ reference, reason: msg("syncs.messages.skipUnreadable", { field: String(parsed.error.issues[0]?.path.join(".") ?? "") }) }); continue; }
    const listing = parsed.data;
    const now = new Date();
    const baseline = descriptor.payload({ listing }, identity);
    await db.$transaction(async (tx) => {
      const row = await tx.listing.create({ data: { ...toRow(listing), dealerId: connection.dealerId, referenceLockedAt: now }, select: { id: true } });
      await tx.publication.create({
        data: {
          dealerId: connection.dealerId, listingId: row.id, connectionId: connection.id,
          state: stateFromRemote(ad.status, listing.status), remoteId: ad.remoteId, remoteStatus: ad.status,
          remoteUpdatedAt: ad.updatedAt ? new Date(ad.updatedAt) : null,
          // The ad as the marketplace holds it is the baseline: no write until the dealer changes something.
          sentHash: payloadHash(baseline), sentPayload: baseline as Prisma.InputJsonValue, sentAt: now,
          remoteIds: (ad.remoteIds ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
    });
    result.imported.push(reference);
  }
  return result;
}
