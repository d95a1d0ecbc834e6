/**
 * Removal holds waiting for a person (issue #11 item 8, #15): which runs wait, the cars each one
 * names, and who may confirm them — for the overview, the navigation and the Syncs page.
 * Scoped by dealer.
 */
import { db } from "@/lib/db";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { HeldCar } from "./runs";

export interface OpenHold {
  runId: string;
  connectionId: string;
  connectionName: string;
  marketplaceLabel: string;
  cars: HeldCar[];
}

export async function openHolds(dealerId: string): Promise<OpenHold[]> {
  const runs = await db.syncRun.findMany({
    where: { dealerId, status: "NEEDS_CONFIRMATION" }, orderBy: { queuedAt: "asc" },
    select: { id: true, connectionId: true, heldRemovals: true, connection: { select: { name: true, marketplace: true } } },
  });
  return runs.map((r) => ({
    runId: r.id, connectionId: r.connectionId, connectionName: r.connection.name,
    marketplaceLabel: isMarketplaceId(r.connection.marketplace) ? descriptorOf(r.connection.marketplace).label : r.connection.marketplace,
    cars: Array.isArray(r.heldRemovals) ? (r.heldRemovals as unknown as HeldCar[]) : [],
  }));
}

/** How many removals wait, for the navigation's badge (one count query). */
export async function heldRemovalCount(dealerId: string): Promise<number> {
  const { _sum } = await db.syncRun.aggregate({ where: { dealerId, status: "NEEDS_CONFIRMATION" }, _sum: { pendingRemovals: true } });
  return _sum.pendingRemovals ?? 0;
}

/** The names of the dealer's administrators: the people staff are told to ask. */
export async function confirmersOf(dealerId: string): Promise<string[]> {
  const admins = await db.membership.findMany({ where: { dealerId, role: "ADMIN" }, select: { user: { select: { name: true, email: true } } }, orderBy: { user: { name: "asc" } } });
  return admins.map((m) => m.user.name || m.user.email);
}
