/**
 * One timeline per dealer (or per car): what our syncs did to each ad — with the marketplace's
 * code, message and warnings — merged with the action logs of marketplaces that keep one
 * (capability logMirroring; AdLog). Newest first, paged by time. Every query filters by dealerId.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { syncOutcomeWord, type OutcomeWord } from "@/lib/publications/shown-state";
import { stateCapabilitiesOf } from "@/lib/publications/state-capabilities";

export const activityQuerySchema = z.object({
  listingId: z.string().max(40).optional().catch(undefined),
  marketplace: z.string().refine(isMarketplaceId).optional().catch(undefined),
  action: z.string().regex(/^[a-z_]{1,30}$/).optional().catch(undefined),
  state: z.enum(["ok", "failed", "skipped", "processing", "done", "error"]).optional().catch(undefined),
  /** Hours back from now. */
  period: z.coerce.number().int().min(1).max(24 * 90).optional().catch(undefined),
  /** ISO time: entries strictly older than this (the next page). */
  before: z.iso.datetime().optional().catch(undefined),
  take: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;

export interface Warning { field?: string; severity?: string; code?: string; message?: string }

export interface ActivityEntry {
  id: string;
  at: string;
  source: "sync" | "marketplace-log";
  marketplace: string;
  /** The marketplace's name as a badge shows it. */
  marketplaceLabel: string;
  connectionName: string;
  listingId: string | null;
  reference: string;
  /** The car's cover image (its first), for a thumbnail; null when the car has none or is gone. */
  cover: string | null;
  action: string;
  /** sync: ok | failed | skipped; a marketplace's log: processing | done | error. */
  state: string;
  code: string | null;
  message: string | null;
  warnings: Warning[];
  /** Our sync's write in the marketplace's terms (catalog `publication.outcome.*`); null: the generic word for `state`. */
  outcome: OutcomeWord | null;
}

const SYNC_STATES = new Set(["ok", "failed", "skipped"]);
const LOG_STATES = new Set(["processing", "done", "error"]);

const labelOf = (marketplace: string) => (isMarketplaceId(marketplace) ? descriptorOf(marketplace).label : marketplace);
const mirrorsLogs = (marketplace: string) => isMarketplaceId(marketplace) && descriptorOf(marketplace).capabilities.logMirroring;

export interface ActivityPage {
  entries: ActivityEntry[];
  nextBefore: string | null;
  /** The marketplaces this dealer is connected to, for the filter. */
  marketplaces: { id: string; label: string }[];
}

export async function activityTimeline(dealerId: string, q: ActivityQuery): Promise<ActivityPage> {
  const time = {
    ...(q.before ? { lt: new Date(q.before) } : {}),
    ...(q.period ? { gte: new Date(Date.now() - q.period * 3600_000) } : {}),
  };
  const connections = await db.connection.findMany({ where: { dealerId }, select: { id: true, name: true, marketplace: true } });
  const byId = new Map(connections.map((c) => [c.id, c]));
  const chosen = connections.filter((c) => !q.marketplace || c.marketplace === q.marketplace);
  const connectionIds = chosen.map((c) => c.id);
  const logConnectionIds = chosen.filter((c) => mirrorsLogs(c.marketplace)).map((c) => c.id);
  const wantSync = !q.state || SYNC_STATES.has(q.state);
  const wantLogs = (!q.state || LOG_STATES.has(q.state)) && logConnectionIds.length > 0;

  const [items, logs] = await Promise.all([
    wantSync
      ? db.syncItem.findMany({
          where: {
            dealerId, createdAt: time, syncRun: { connectionId: { in: connectionIds } },
            ...(q.listingId ? { listingId: q.listingId } : {}), ...(q.action ? { action: q.action } : {}), ...(q.state ? { outcome: q.state } : {}),
          },
          orderBy: { createdAt: "desc" }, take: q.take,
          select: { id: true, createdAt: true, listingId: true, reference: true, action: true, outcome: true, code: true, message: true, warnings: true, syncRun: { select: { connectionId: true } } },
        })
      : [],
    wantLogs
      ? db.adLog.findMany({
          where: {
            dealerId, at: time, connectionId: { in: logConnectionIds },
            ...(q.listingId ? { listingId: q.listingId } : {}), ...(q.action ? { action: q.action } : {}), ...(q.state ? { state: q.state } : {}),
          },
          orderBy: { at: "desc" }, take: q.take,
          select: { id: true, at: true, listingId: true, reference: true, action: true, state: true, message: true, connectionId: true },
        })
      : [],
  ]);

  const entries: ActivityEntry[] = [
    ...items.map((i) => {
      const c = byId.get(i.syncRun.connectionId)!;
      return {
        id: `s-${i.id}`, at: i.createdAt.toISOString(), source: "sync" as const, marketplace: c.marketplace, marketplaceLabel: labelOf(c.marketplace), connectionName: c.name,
        listingId: i.listingId, reference: i.reference, cover: null as string | null, action: i.action, state: i.outcome, code: i.code, message: i.message,
        warnings: Array.isArray(i.warnings) ? (i.warnings as Warning[]) : [],
        outcome: syncOutcomeWord(i.action, i.outcome, stateCapabilitiesOf(c.marketplace)),
      };
    }),
    ...logs.map((l) => {
      const c = byId.get(l.connectionId)!;
      return {
        id: `l-${l.id}`, at: l.at.toISOString(), source: "marketplace-log" as const, marketplace: c.marketplace, marketplaceLabel: labelOf(c.marketplace), connectionName: c.name,
        listingId: l.listingId, reference: l.reference, cover: null as string | null, action: l.action, state: l.state, code: null, message: l.message, warnings: [], outcome: null,
      };
    }),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, q.take);

  // Each car's cover, so the dealer recognises the car at a glance (one query for the page).
  const listingIds = [...new Set(entries.map((e) => e.listingId).filter((id): id is string => id !== null))];
  const covers = new Map(
    (listingIds.length ? await db.listing.findMany({ where: { dealerId, id: { in: listingIds } }, select: { id: true, images: true } }) : [])
      .map((l) => [l.id, l.images[0] ?? null]),
  );
  for (const e of entries) e.cover = e.listingId ? covers.get(e.listingId) ?? null : null;

  const marketplaces = [...new Set(connections.map((c) => c.marketplace))].map((id) => ({ id, label: labelOf(id) }));
  return { entries, nextBefore: entries.length === q.take ? entries[entries.length - 1].at : null, marketplaces };
}
