/**
 * How many cars show each state on each of a dealer's connections: the publications grouped by
 * the facts `shownState` reads (one query), each group then named by `shownState` itself, so the
 * overview's counts say what the badges say. Cars with no publication row are not counted.
 */
import "server-only";
import { db } from "@/lib/db";
import { PREFLIGHT_CODE, shownState, type ShownState, type StateCapabilities } from "./shown-state";
import { stateCapabilitiesOf } from "./state-capabilities";

interface Group {
  connection_id: string; marketplace: string; state: string; enabled: boolean; sent: boolean; remote_status: string | null; preflight: boolean; listing_status: string; count: bigint;
}

export type ShownCounts = Map<string, Partial<Record<ShownState | "blocked", number>>>;

export async function shownStateCounts(dealerId: string): Promise<ShownCounts> {
  const groups = await db.$queryRaw<Group[]>`
    SELECT p."connectionId" AS connection_id, c.marketplace, p.state::text AS state, p.enabled,
      (p."sentAt" IS NOT NULL OR p."remoteId" IS NOT NULL) AS sent, p."remoteStatus" AS remote_status,
      (p."lastErrorCode" IS NOT DISTINCT FROM ${PREFLIGHT_CODE}) AS preflight, l.status::text AS listing_status, count(*) AS count
    FROM "Publication" p
    JOIN "Listing" l ON l."dealerId" = p."dealerId" AND l.id = p."listingId"
    JOIN "Connection" c ON c."dealerId" = p."dealerId" AND c.id = p."connectionId"
    WHERE p."dealerId" = ${dealerId}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
  const counts: ShownCounts = new Map();
  const caps = new Map<string, StateCapabilities>();
  for (const g of groups) {
    const c = caps.get(g.marketplace) ?? stateCapabilitiesOf(g.marketplace);
    caps.set(g.marketplace, c);
    const shown = shownState({ state: g.state, enabled: g.enabled, sentAt: g.sent ? new Date(0) : null, remoteId: null, remoteStatus: g.remote_status, lastErrorCode: g.preflight ? PREFLIGHT_CODE : null }, g.listing_status, c);
    const row = counts.get(g.connection_id) ?? {};
    row[shown.state] = (row[shown.state] ?? 0) + Number(g.count);
    if (shown.blocked) row.blocked = (row.blocked ?? 0) + Number(g.count);
    counts.set(g.connection_id, row);
  }
  return counts;
}
