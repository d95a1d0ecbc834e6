/**
 * Marketplaces with asynchronous writes (capability asyncWrites, e.g. Blocket) only queue what we
 * send: after a push, every ACCEPTED publication of the connection is polled until it reaches its
 * final state — LIVE, hidden (NOT_PUBLISHED), REMOVED or ERROR with the marketplace's message.
 * Most rounds ask only what changed since the last (status-poll.ts); a sweep by reference
 * (remoteState, the adapter batches it: Blocket 100 per call) runs first and every SWEEP_MS.
 * Where the marketplace keeps an action log (capability logMirroring), the logs of the settled
 * ads are then mirrored into AdLog.
 */
import { msg } from "@/lib/i18n/message";
import type { Connection } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { descriptorOf } from "@/lib/marketplaces/registry";
import type { ConnectionContext, MarketplaceAdapter, RemoteAd } from "@/lib/marketplaces/types";
import { adapterFor } from "./adapters";
import { connectionContext } from "./context";
import { REMOVAL_SENT } from "./hash";
import { keep } from "./outcomes";
import { pubSelect } from "./plan";
import { syncPool } from "./pool";
import { insertLogLines, writePublications, type LogLineWrite, type PublicationWrite } from "./store";
import { stateFromRemote } from "./states";
import { advance, changedSince, NO_CURSOR, sweepDue, type PollCursor } from "./status-poll";

const PAGE = 1_000;

export interface PollResult {
  checked: number; settled: number; pending: number; logLines: number; requests: number;
  /** Where the next round starts (status-poll.ts). */
  cursor: PollCursor;
}

export async function pollConnection(dealerId: string, connectionId: string, adapterOverride?: MarketplaceAdapter, from: PollCursor = NO_CURSOR): Promise<PollResult> {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId } });
  const result: PollResult = { checked: 0, settled: 0, pending: 0, logLines: 0, requests: 0, cursor: from };
  if (!connection || !connection.enabled) return result;
  const adapter = adapterOverride ?? adapterFor(connection.marketplace, { onAttempt: () => void (result.requests += 1) });
  const mirrorsLogs = descriptorOf(connection.marketplace).capabilities.logMirroring;
  const ctx = connectionContext(connection);
  // A sweep asks for every pending ad by reference; otherwise one read of what changed.
  const startedAt = Date.now();
  const sweep = sweepDue(from, startedAt);
  const changed = sweep ? null : await changedSince(adapter, ctx, from);
  let sweptSince = from.since;
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
    let byRef: Map<string, RemoteAd>;
    if (changed) {
      byRef = changed.byRef;
    } else {
      const ads = await adapter.remoteState({ references: pubs.map((p) => p.listing.reference) }, ctx);
      byRef = new Map(ads.filter((a) => a.reference).map((a) => [a.reference!, a]));
      sweptSince = advance(sweptSince, ads);
    }
    const writes: PublicationWrite[] = [];
    const settled: { pub: (typeof pubs)[number]; ad: RemoteAd }[] = [];
    for (const pub of pubs) {
      result.checked += 1;
      const ad = byRef.get(pub.listing.reference);
      const base = keep(pub.listingId, pub);
      // Not among what changed: still pending (only a sweep may conclude it is missing).
      if (!ad && changed) {
        result.pending += 1;
        continue;
      }
      if (!ad) {
        // Deleted and gone, or a create the marketplace lost: removal done / send again on the next sync.
        writes.push(pub.sentHash === REMOVAL_SENT
          ? { ...base, state: "REMOVED", remoteStatus: "removed" }
          : { ...base, state: "ERROR", sentHash: null, lastErrorCode: "MISSING_REMOTE", lastErrorMessage: msg("syncs.messages.missingRemote") });
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
        // The write reached the marketplace but one of its actions failed: show its message; do not
        // send the same payload again until the listing changes.
        writes.push({ ...base, ...remote, state, rejectedHash: pub.sentHash, lastErrorCode: ad.error?.code ?? "REMOTE_ERROR", lastErrorMessage: ad.error?.message ?? msg("syncs.messages.remoteError") });
      } else {
        writes.push({ ...base, ...remote, state, lastErrorCode: ad.error ? ad.error.code ?? "REMOTE_ERROR" : null, lastErrorMessage: ad.error?.message ?? null });
      }
    }
    const logTimes = mirrorsLogs ? await mirrorLogs(connection, settled, adapter, ctx) : { inserted: 0, newest: new Map<string, Date>() };
    result.logLines += logTimes.inserted;
    for (const w of writes) {
      const at = logTimes.newest.get(w.listingId);
      if (at) w.logsMirroredAt = at;
    }
    await writePublications(syncPool(), dealerId, connectionId, writes);
  }
  // After a sweep, what changes from now on has a later `updated` than anything it saw.
  result.cursor = changed ? changed.cursor : { since: sweptSince, sweptAt: startedAt };
  return result;
}

/** Mirrors the complete action log of each settled ad (as it came with the ad, or paged when cut short). */
async function mirrorLogs(connection: Connection, settled: { pub: { listingId: string; logsMirroredAt: Date | null; listing: { reference: string } }; ad: RemoteAd }[], adapter: MarketplaceAdapter, ctx: ConnectionContext) {
  const lines: LogLineWrite[] = [];
  const newest = new Map<string, Date>();
  for (const { pub, ad } of settled) {
    const reference = pub.listing.reference;
    const complete = ad.logComplete !== false || !adapter.logs;
    // Possibly cut short: page the ad's log from where the mirror stopped.
    const entries = complete ? ad.log ?? [] : await adapter.logs!(reference, pub.logsMirroredAt ? pub.logsMirroredAt.toISOString() : null, ctx).catch(() => []);
    for (const e of entries) {
      const at = new Date(e.at);
      lines.push({ listingId: pub.listingId, reference, remoteId: e.remoteId, remoteKey: e.remoteLogId, requestId: e.requestId, action: e.action, state: e.state, message: e.message, at });
      const n = newest.get(pub.listingId);
      if (!n || at > n) newest.set(pub.listingId, at);
    }
  }
  const inserted = await insertLogLines(connection.dealerId, connection.id, lines);
  return { inserted, newest };
}
