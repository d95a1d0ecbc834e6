/**
 * The mass-removal guard: a sync that would take down more than `removalGuardRatio` of the
 * connection's live ads (and more than `removalGuardMinimum`, so a small dealer selling two cars
 * is not stopped) removes nothing until an ADMIN confirms. Creates and updates still go out.
 */
import { msg } from "@/lib/i18n/message";
import type { Connection, SyncRun } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { REMOVAL_SENT } from "./hash";

export interface GuardDecision {
  /** This run stops at NEEDS_CONFIRMATION. */
  hold: boolean;
  removalsAllowed: boolean;
  removals: number;
  live: number;
  message: string | null;
  /** Removals skipped because an earlier run already waits for confirmation. */
  deferredMessage: string | null;
}

export async function countRemovals(connection: Connection, now = new Date()): Promise<{ removals: number; live: number }> {
  const cutoff = new Date(now.getTime() - connection.soldGraceMinutes * 60_000).toISOString();
  const [row] = await db.$queryRaw<{ removals: bigint; live: bigint }[]>`
    SELECT
      count(*) FILTER (WHERE ((l.status = 'SOLD' AND COALESCE(l."soldAt", l."updatedAt") <= ${cutoff}::timestamp(3)) OR p.enabled = false)
                         AND p."rejectedHash" IS DISTINCT FROM ${REMOVAL_SENT}) AS removals,
      count(*) FILTER (WHERE p.state IN ('LIVE', 'ACCEPTED', 'QUEUED')) AS live
    FROM "Publication" p JOIN "Listing" l ON l."dealerId" = p."dealerId" AND l.id = p."listingId"
    WHERE p."dealerId" = ${connection.dealerId} AND p."connectionId" = ${connection.id}
      AND p.state <> 'REMOVED' AND p."sentHash" IS DISTINCT FROM ${REMOVAL_SENT}
      AND (p."sentHash" IS NOT NULL OR p."remoteId" IS NOT NULL)`;
  return { removals: Number(row?.removals ?? 0), live: Number(row?.live ?? 0) };
}

export async function evaluateGuard(run: SyncRun, connection: Connection): Promise<GuardDecision> {
  const { removals, live } = await countRemovals(connection);
  const open: GuardDecision = { hold: false, removalsAllowed: true, removals, live, message: null, deferredMessage: null };
  if (run.removalsConfirmedAt || removals === 0) return open;
  const limit = Math.max(connection.removalGuardMinimum, Math.floor(connection.removalGuardRatio * live));
  if (removals <= limit) return open;
  const waiting = await db.syncRun.findFirst({ where: { dealerId: run.dealerId, connectionId: connection.id, status: "NEEDS_CONFIRMATION", id: { not: run.id } }, select: { id: true } });
  if (waiting) {
    return { ...open, removalsAllowed: false, deferredMessage: msg("syncs.messages.deferred", { count: removals }) };
  }
  const pct = live > 0 ? Math.round((removals / live) * 100) : 100;
  return {
    ...open, hold: true, removalsAllowed: false,
    message: msg("syncs.messages.guard", { removals, live, pct, limit: Math.round(connection.removalGuardRatio * 100) }),
  };
}
