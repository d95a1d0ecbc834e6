/**
 * Deleting a connection archives it instead of removing the row: its publications, sync runs and
 * per-ad history stay (the activity timeline still names it), while the connection is switched
 * off, its token destroyed, and it disappears from every list and schedule. Refused while any of
 * its ads is out there on the marketplace (they would be orphaned: no connection left to take
 * them down) or while a sync of it is executing.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "@/lib/errors";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { liveAds } from "@/lib/publications/live";
import { CONNECTION_SYNC_RUNNING, connectionStillPublishingMessage } from "@/lib/publications/messages";

/**
 * The sync engine's per-connection executor lock (lib/sync/lock.ts: pg_try_advisory_lock(0x5eed,
 * hashtext(connectionId))). Taken here for the transaction, so no run can start executing
 * while the connection is archived; tests/security/deletion.test.ts holds the engine's own lock
 * to prove the two stay the same key.
 */
const SYNC_ENGINE_LOCK = 0x5eed;

export async function archiveConnection(tx: Prisma.TransactionClient, connection: { id: string; dealerId: string; marketplace: string }) {
  const [{ ok }] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SYNC_ENGINE_LOCK}::int, hashtext(${connection.id})) AS ok`;
  if (!ok) throw new ActionError(CONNECTION_SYNC_RUNNING);
  const running = await tx.syncRun.count({ where: { dealerId: connection.dealerId, connectionId: connection.id, status: "RUNNING" } });
  if (running > 0) throw new ActionError(CONNECTION_SYNC_RUNNING);
  const live = await liveAds(tx, { dealerId: connection.dealerId, connectionId: connection.id });
  const label = isMarketplaceId(connection.marketplace) ? descriptorOf(connection.marketplace).label : connection.marketplace;
  if (live.count > 0) throw new ActionError(connectionStillPublishingMessage(label, live.sample.map((a) => a.reference), live.count));
  const now = new Date();
  // Runs that never started would only fail later ("the connection is disabled").
  await tx.syncRun.updateMany({
    where: { dealerId: connection.dealerId, connectionId: connection.id, status: { in: ["QUEUED", "NEEDS_CONFIRMATION"] } },
    data: { status: "CANCELLED", finishedAt: now, message: "The connection was deleted." },
  });
  await tx.connection.update({
    where: { id: connection.id },
    data: { archivedAt: now, enabled: false, tokenCiphertext: "", tokenKeyId: "", remoteCursor: null },
  });
}
