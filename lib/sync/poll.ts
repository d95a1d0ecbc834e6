/**
 * Blocket's writes are asynchronous: after a push, every ACCEPTED publication of the connection
 * is polled with remoteState (source_id__in, 100 per call: ⌈N/100⌉ calls per round) until it
 * reaches its final state — LIVE, hidden (NOT_PUBLISHED), REMOVED or ERROR with Blocket's message.
 * Then the action logs of the settled ads are mirrored into AdLog.
 */
import { createHash } from "node:crypto";
import type { Connection } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { adLogOf, type WireAd } from "@/lib/marketplaces/blocket/wire";
import { describeExternalMessage } from "@/lib/marketplaces/blocket/errors";
import type { ConnectionContext, MarketplaceAdapter, RemoteAd } from "@/lib/marketplaces/types";
import { adapterForRun } from "./adapters";
import { connectionContext } from "./context";
import { keep } from "./engine";
import { REMOVAL_SENT } from "./hash";
import { pubSelect } from "./plan";
import { syncPool } from "./pool";
import { insertLogLines, writePublications, type LogLineWrite, type PublicationWrite } from "./store";
import { stateFromRemote } from "./states";

const PAGE = 1_000;
/** Blocket returns at most this many log lines per ad in a list; more means the log must be paged. */
const EMBEDDED_LOG_LIMIT = 100;

export interface PollResult { checked: number; settled: number; pending: number; logLines: number; requests: number }

export async function pollConnection(dealerId: string, connectionId: string, adapterOverride?: MarketplaceAdapter): Promise<PollResult> {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId } });
  const result: PollResult = { checked: 0, settled: 0, pending: 0, logLines: 0, requests: 0 };
  if (!connection || !connection.enabled) return result;
  const adapter = adapterOverride ?? adapterForRun(connection.marketplace, () => void (result.requests += 1));
  const ctx = connectionContext(connection);
  let cursor: string | undefined;
  for (;;) {
    const pubs = await db.publication.findMany({
      where: { dealerId, connectionId, state: "ACCEPTED", ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { ...pubSelect, listingId: true, logsMirroredAt: true, listing: { select: { reference: true, status: true } } },
    });
    if (pubs.length === 0) break;
    cursor = pubs[pubs.length - 1].id;
    const ads = await adapter.remoteState({ references: pubs.map((p) => p.listing.reference) }, ctx);
    const byRef = new Map(ads.filter((a) => a.reference).map((a) => [a.reference!, a]));
    const writes: PublicationWrite[] = [];
    const settled: { pub: (typeof pubs)[number]; ad: RemoteAd }[] = [];
    for (const pub of pubs) {
      result.checked += 1;
      const ad = byRef.get(pub.listing.reference);
      const base = keep(pub.listingId, pub);
      if (!ad) {
        // Deleted and gone, or a create Blocket lost: removal done / send again on the next sync.
        writes.push(pub.sentHash === REMOVAL_SENT
          ? { ...base, state: "REMOVED", remoteStatus: "removed" }
          : { ...base, state: "ERROR", sentHash: null, lastErrorCode: "MISSING_REMOTE", lastErrorMessage: "Blocket has no ad with this reference; it will be sent again on the next sync." });
        result.settled += 1;
        continue;
      }
      const remote = { remoteId: ad.remoteId, remoteIds: ad.remoteIds ?? base.remoteIds, remoteStatus: ad.status, remoteUpdatedAt: ad.updatedAt ? new Date(ad.updatedAt) : base.remoteUpdatedAt };
      if (ad.status === "processing") {
        result.pending += 1;
        writes.push({ ...base, ...remote });
        continue;
      }
      result.settled += 1;
      settled.push({ pub, ad });
      const state = stateFromRemote(ad.status);
      if (state === "ERROR") {
        // The write reached Blocket but one of its actions failed: show Blocket's message; do not
        // send the same payload again until the listing changes.
        writes.push({ ...base, ...remote, state, rejectedHash: pub.sentHash, lastErrorCode: ad.error?.code ?? "blocket_error", lastErrorMessage: ad.error?.message ?? "Blocket reported an error." });
      } else {
        writes.push({ ...base, ...remote, state, lastErrorCode: ad.error ? ad.error.code ?? "blocket_error" : null, lastErrorMessage: ad.error?.message ?? null });
      }
    }
    const logTimes = await mirrorLogs(connection, settled, adapter, ctx);
    result.logLines += logTimes.inserted;
    for (const w of writes) {
      const at = logTimes.newest.get(w.listingId);
      if (at) w.logsMirroredAt = at;
    }
    await writePublications(syncPool(), dealerId, connectionId, writes);
  }
  return result;
}

export function logKey(e: { request_id?: string | null; action: string; state: string; created: string }) {
  return createHash("sha256").update(`${e.request_id ?? ""}|${e.action}|${e.state}|${e.created}`).digest("hex").slice(0, 32);
}

/** Mirrors the complete action log of each settled ad (embedded when short, paged otherwise). */
async function mirrorLogs(connection: Connection, settled: { pub: { listingId: string; logsMirroredAt: Date | null; listing: { reference: string } }; ad: RemoteAd }[], adapter: MarketplaceAdapter, ctx: ConnectionContext) {
  const lines: LogLineWrite[] = [];
  const newest = new Map<string, Date>();
  const note = (listingId: string, at: Date) => {
    const n = newest.get(listingId);
    if (!n || at > n) newest.set(listingId, at);
  };
  for (const { pub, ad } of settled) {
    const embedded = ad.raw ? adLogOf(ad.raw as WireAd) : [];
    const reference = pub.listing.reference;
    if (embedded.length < EMBEDDED_LOG_LIMIT || !adapter.logs) {
      for (const e of embedded) {
        const at = new Date(e.created);
        lines.push({ listingId: pub.listingId, reference, remoteId: ad.remoteId, remoteKey: logKey(e), requestId: e.request_id ?? null, action: e.action, state: e.state, message: describeExternalMessage(e.external_message), at });
        note(pub.listingId, at);
      }
      continue;
    }
    // Possibly truncated: page the ad's log from where the mirror stopped.
    const entries = await adapter.logs(reference, pub.logsMirroredAt ? pub.logsMirroredAt.toISOString() : null, ctx).catch(() => []);
    for (const e of entries) {
      const at = new Date(e.at);
      lines.push({ listingId: pub.listingId, reference, remoteId: e.remoteId, remoteKey: e.remoteLogId ?? logKey({ request_id: e.requestId, action: e.action, state: e.state, created: e.at }), requestId: e.requestId, action: e.action, state: e.state, message: e.message, at });
      note(pub.listingId, at);
    }
  }
  const inserted = await insertLogLines(connection.dealerId, connection.id, lines);
  return { inserted, newest };
}
