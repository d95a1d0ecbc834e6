/** What the Syncs page shows: each connection with its latest runs. Scoped by dealer, no tokens. */
import { db } from "@/lib/db";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { listRuns, type RunView } from "@/lib/sync/service";
import { confirmersOf } from "@/lib/sync/holds";

/** How the Syncs page names a marketplace, and what it may offer for it (its capabilities). */
export interface MarketplaceView {
  id: string;
  name: string;
  label: string;
  tag: string;
  /** Ads only the marketplace has can be imported (the first sync's offer). */
  canImport: boolean;
  /** The back office whose ads a migration takes over (capability adminMigration), or null. */
  backOffice: string | null;
}

function marketplaceView(id: string): MarketplaceView {
  if (!isMarketplaceId(id)) return { id, name: id, label: id, tag: id.slice(0, 2), canImport: false, backOffice: null };
  const d = descriptorOf(id);
  return { id, name: d.name, label: d.label, tag: d.tag, canImport: d.capabilities.importExisting, backOffice: d.capabilities.adminMigration?.backOffice ?? null };
}

export interface SyncsOverview {
  /** Server time of this answer, so the page can compute rates without reading the clock in render. */
  now: string;
  connections: { id: string; name: string; marketplace: MarketplaceView; enabled: boolean; lastCheckStatus: string | null; lastSyncedAt: string | null; syncIntervalMinutes: number;
    /** Nothing is sent until an admin decides about the ads in the marketplace's back office. */ held: boolean; rehearsal: boolean }[];
  /** Who may confirm a removal hold (the dealer's administrators), named for staff. */
  confirmers: string[];
  runs: (Omit<RunView, "queuedAt" | "startedAt" | "finishedAt" | "removalsConfirmedAt"> & { queuedAt: string; startedAt: string | null; finishedAt: string | null })[];
}

export async function syncsOverview(dealerId: string): Promise<SyncsOverview> {
  const [connections, runs, confirmers] = await Promise.all([    db.connection.findMany({ where: { dealerId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, marketplace: true, enabled: true, lastCheckStatus: true, lastSyncedAt: true, syncIntervalMinutes: true, migrationState: true, rehearsal: true } }),
    listRuns(dealerId, { take: 30 }),
    confirmersOf(dealerId),
  ]);
  return {
    now: new Date().toISOString(),
    confirmers,
    connections: connections.map(({ migrationState, ...c }) => {
      const marketplace = marketplaceView(c.marketplace);
      return { ...c, marketplace, lastSyncedAt: c.lastSyncedAt?.toISOString() ?? null, held: marketplace.backOffice !== null && migrationState === "PENDING" };
    }),
    runs: runs.map(({ removalsConfirmedAt: _, ...r }) => ({ ...r, queuedAt: r.queuedAt.toISOString(), startedAt: r.startedAt?.toISOString() ?? null, finishedAt: r.finishedAt?.toISOString() ?? null })),
  };
}
