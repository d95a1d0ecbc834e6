/**
 * A promotion is settled by the marketplace's own action log, as the status poll mirrors it into
 * AdLog (capability logMirroring): the first finished line of its action (`PromotionTerms.logAction`,
 * Blocket: bump / boost) on the same ad, written after it was asked for and not already settling an
 * earlier promotion, makes it DONE (with how long it lasts) or FAILED (with the marketplace's message;
 * a failed promotion costs nothing). Reads the database only — no marketplace call.
 *
 * The marketplace's clock may be a little behind ours: a line up to SKEW_MS before the request counts.
 */
import { db } from "@/lib/db";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { PaidPromotion } from "@/lib/marketplaces/types";

const SKEW_MS = 2 * 60_000;
const OPEN = ["SENT", "ACCEPTED"];

export async function settlePromotions(dealerId: string, scope: { listingIds?: string[] } = {}): Promise<number> {
  const open = await db.promotion.findMany({
    where: { dealerId, state: { in: OPEN }, ...(scope.listingIds ? { listingId: { in: scope.listingIds } } : {}) },
    orderBy: { requestedAt: "asc" },
    take: 1000,
  });
  if (open.length === 0) return 0;
  const connections = new Map((await db.connection.findMany({ where: { dealerId, id: { in: [...new Set(open.map((p) => p.connectionId))] } }, select: { id: true, marketplace: true } })).map((c) => [c.id, c.marketplace]));
  const earliest = new Date(Math.min(...open.map((p) => p.requestedAt.getTime())) - SKEW_MS);
  const lines = await db.adLog.findMany({
    where: { dealerId, connectionId: { in: [...connections.keys()] }, reference: { in: [...new Set(open.map((p) => p.reference))] }, at: { gte: earliest }, state: { in: ["done", "error"] } },
    orderBy: { at: "asc" },
  });
  if (lines.length === 0) return 0;
  const claimed = new Set((await db.promotion.findMany({ where: { dealerId, remoteLogKey: { in: lines.map((l) => l.remoteKey) } }, select: { remoteLogKey: true } })).map((p) => p.remoteLogKey));

  let settled = 0;
  for (const p of open) {
    const marketplace = connections.get(p.connectionId);
    if (!marketplace || !isMarketplaceId(marketplace)) continue;
    const terms = descriptorOf(marketplace).promotions?.[p.kind as PaidPromotion];
    if (!terms) continue;
    const line = lines.find((l) => l.connectionId === p.connectionId && l.reference === p.reference && l.action === terms.logAction
      && !claimed.has(l.remoteKey) && l.at.getTime() >= p.requestedAt.getTime() - SKEW_MS);
    if (!line) continue;
    claimed.add(line.remoteKey);
    const done = line.state === "done";
    const { count } = await db.promotion.updateMany({
      where: { id: p.id, dealerId, state: { in: OPEN } },
      data: {
        state: done ? "DONE" : "FAILED", finishedAt: line.at, remoteLogKey: line.remoteKey,
        activeUntil: done && terms.durationHours ? new Date(line.at.getTime() + terms.durationHours * 3_600_000) : null,
        ...(done ? { code: null, message: null } : { code: `${terms.logAction}_error`, message: line.message }),
      },
    });
    settled += count;
  }
  return settled;
}
