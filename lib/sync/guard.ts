/**
 * The mass-removal guard: a sync that would take more than `removalGuardRatio` of the
 * connection's live ads off the marketplace (and more than `removalGuardMinimum`, so a small dealer
 * selling two cars is not stopped) takes none of them down until an ADMIN confirms. Creates and
 * updates still go out.
 *
 * "Off the marketplace" is every way an ad leaves it (issue #11 item 8): a car sold past its grace
 * period, a marketplace turned off for the car, and a live car moved back to draft (sent as
 * Okasie `draft` / Blocket `visible: false`). The guard names each of those cars; an admin's
 * confirmation covers exactly the cars named (`SyncRun.confirmedRemovals`), and a run re-checks
 * before every chunk that takes ads down, so cars sold while it runs cannot slip through.
 */
import { msg } from "@/lib/i18n/message";
import type { Connection, SyncRun } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { REMOVAL_SENT } from "./hash";

/** Why an ad leaves the marketplace. */
export type DepartureReason = "sold" | "disabled" | "draft";

/** One ad the next sync would take off the marketplace. */
export interface Departure {
  listingId: string;
  reference: string;
  title: string;
  reason: DepartureReason;
}

export interface GuardDecision {
  /** This run stops at NEEDS_CONFIRMATION. */
  hold: boolean;
  /** Whether this listing's ad may be taken down by this run. */
  mayTakeDown: (listingId: string) => boolean;
  removals: number;
  live: number;
  /** The cars held back (when `hold`), named. */
  held: Departure[];
  message: string | null;
  /** Removals skipped because an earlier run already waits for confirmation. */
  deferredMessage: string | null;
}

/**
 * Every ad of the connection the next sync would take off the marketplace, and how many are live.
 * One statement; names are capped by `limit` (the count is not).
 */
export async function departures(connection: Pick<Connection, "id" | "dealerId" | "soldGraceMinutes">, now = new Date(), limit = 5_000): Promise<{ departures: Departure[]; count: number; live: number }> {
  const cutoff = new Date(now.getTime() - connection.soldGraceMinutes * 60_000).toISOString();
  const rows = await db.$queryRaw<{ listingId: string | null; reference: string | null; title: string | null; reason: DepartureReason | null; count: bigint; live: bigint }[]>`
    WITH pubs AS (
      SELECT p."listingId", l.reference, l.title, p.state,
        CASE
          WHEN p.enabled = false AND p."rejectedHash" IS DISTINCT FROM ${REMOVAL_SENT} THEN 'disabled'
          WHEN l.status = 'SOLD' AND COALESCE(l."soldAt", l."updatedAt") <= ${cutoff}::timestamp(3) AND p."rejectedHash" IS DISTINCT FROM ${REMOVAL_SENT} THEN 'sold'
          WHEN l.status = 'DRAFT' AND p.enabled AND p.state IN ('LIVE', 'ACCEPTED', 'QUEUED') AND p."remoteStatus" IS DISTINCT FROM 'draft' THEN 'draft'
        END AS reason
      FROM "Publication" p JOIN "Listing" l ON l."dealerId" = p."dealerId" AND l.id = p."listingId"
      WHERE p."dealerId" = ${connection.dealerId} AND p."connectionId" = ${connection.id}
        AND p.state <> 'REMOVED' AND p."sentHash" IS DISTINCT FROM ${REMOVAL_SENT}
        AND (p."sentHash" IS NOT NULL OR p."remoteId" IS NOT NULL)
    ), totals AS (
      SELECT count(*) FILTER (WHERE reason IS NOT NULL) AS count, count(*) FILTER (WHERE state IN ('LIVE', 'ACCEPTED', 'QUEUED')) AS live FROM pubs
    ), named AS (
      SELECT "listingId", reference, title, reason FROM pubs WHERE reason IS NOT NULL ORDER BY reference LIMIT ${limit}
    )
    SELECT n."listingId", n.reference, n.title, n.reason, t.count, t.live FROM totals t LEFT JOIN named n ON true`;
  const first = rows[0];
  return {
    departures: rows.filter((r) => r.listingId).map((r) => ({ listingId: r.listingId!, reference: r.reference!, title: r.title ?? "", reason: r.reason! })),
    count: Number(first?.count ?? 0),
    live: Number(first?.live ?? 0),
  };
}

/** The most a sync may take down without a confirmation. */
export function removalLimit(connection: Pick<Connection, "removalGuardMinimum" | "removalGuardRatio">, live: number): number {
  return Math.max(connection.removalGuardMinimum, Math.floor(connection.removalGuardRatio * live));
}

/** The listing ids an admin confirmed for this run (exactly the cars they were shown), or null. */
export function confirmedSet(run: Pick<SyncRun, "removalsConfirmedAt" | "confirmedRemovals">): Set<string> | null {
  if (!run.removalsConfirmedAt) return null;
  return new Set(Array.isArray(run.confirmedRemovals) ? (run.confirmedRemovals as string[]) : []);
}

export async function evaluateGuard(run: SyncRun, connection: Connection): Promise<GuardDecision> {
  const { departures: named, count, live } = await departures(connection);
  const confirmed = confirmedSet(run);
  // A confirmed run takes down the confirmed cars; any other departure is weighed on its own.
  const others = confirmed ? named.filter((d) => !confirmed.has(d.listingId)) : named;
  const otherCount = confirmed ? count - (named.length - others.length) : count;
  const open: GuardDecision = { hold: false, mayTakeDown: () => true, removals: count, live, held: [], message: null, deferredMessage: null };
  if (otherCount === 0) return open;
  const limit = removalLimit(connection, live);
  // Without a confirmation, within the limit: free. With one, others are free only if they alone are within it.
  if (otherCount <= limit) return open;
  const waiting = await db.syncRun.findFirst({ where: { dealerId: run.dealerId, connectionId: connection.id, status: "NEEDS_CONFIRMATION", id: { not: run.id } }, select: { id: true } });
  if (waiting || confirmed) {
    return { ...open, removals: otherCount, mayTakeDown: (id) => !!confirmed?.has(id), deferredMessage: msg("syncs.messages.deferred", { count: otherCount }) };
  }
  const pct = live > 0 ? Math.round((count / live) * 100) : 100;
  return {
    ...open, hold: true, held: named, mayTakeDown: () => false,
    message: msg("syncs.messages.guard", { removals: count, live, pct, limit: Math.round(connection.removalGuardRatio * 100) }),
  };
}

/** Kept for callers that only need the numbers (alerts, metrics). */
export async function countRemovals(connection: Connection, now = new Date()): Promise<{ removals: number; live: number }> {
  const { count, live } = await departures(connection, now, 0);
  return { removals: count, live };
}
