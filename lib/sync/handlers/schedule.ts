/**
 * sync-tick (every minute): starts the incremental syncs that are due (Connection.syncIntervalMinutes
 * since lastSyncedAt) and restarts polling where writes a marketplace only queued wait without a poll.
 * sync-reconcile (daily): a full reconcile of every enabled connection.
 */
import type { Job, PgBoss } from "pg-boss";
import { db } from "@/lib/db";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { requestSync } from "../service";
import { schedulePoll } from "./poll";

export function handleTick(boss: PgBoss) {
  return async (_jobs: Job<unknown>[]) => {
    const now = Date.now();
    const connections = await db.connection.findMany({ where: { enabled: true }, select: { id: true, dealerId: true, marketplace: true, syncIntervalMinutes: true, lastSyncedAt: true } });
    for (const c of connections) {
      const due = !c.lastSyncedAt || now - c.lastSyncedAt.getTime() >= Math.max(1, c.syncIntervalMinutes) * 60_000;
      if (due) await requestSync({ dealerId: c.dealerId, connectionId: c.id, trigger: "SCHEDULE" }).catch((err) => console.warn(`[sync] schedule ${c.id}: ${(err as Error).message}`));
      if (isMarketplaceId(c.marketplace) && descriptorOf(c.marketplace).capabilities.asyncWrites) {
        const accepted = await db.publication.count({ where: { dealerId: c.dealerId, connectionId: c.id, state: "ACCEPTED" } });
        if (accepted > 0) await schedulePoll(boss, c.dealerId, c.id, 3).catch(() => {});
      }
    }
  };
}

export function handleReconcile() {
  return async (_jobs: Job<unknown>[]) => {
    const connections = await db.connection.findMany({ where: { enabled: true }, select: { id: true, dealerId: true } });
    for (const c of connections) {
      await requestSync({ dealerId: c.dealerId, connectionId: c.id, trigger: "RECONCILE" }).catch((err) => console.warn(`[sync] reconcile ${c.id}: ${(err as Error).message}`));
    }
  };
}
