/**
 * The read phase of a run: what the marketplace holds now.
 * - First sync of a connection (remoteMatchedAt null): every existing ad is matched to the local
 *   listing with the same reference (so the push that follows updates it, never duplicates it);
 *   where the marketplace can import existing ads (capability importExisting), ads with no local
 *   listing are listed on the run for import.
 * - Incremental reads (capability incrementalReads): what changed since the stored cursor; an ad
 *   changed on the marketplace after our last write gets `driftDetectedAt`. Where the adapter can
 *   count (fence.ts), our own writes since the cursor are counted instead of read again.
 * - Reconcile: a full read; drifted ads and ads the marketplace lost are sent again.
 */
import { randomUUID } from "node:crypto";
import type { Connection, SyncTrigger } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { ConnectionContext, MarketplaceAdapter, MarketplaceDescriptor, RemoteAd, SinceQuery } from "@/lib/marketplaces/types";
import { chunk } from "@/lib/util/chunk";
import { canFence, identityKey, knownChanges, saveFence, storedFence, TAIL_CAP, type RemoteFence } from "./fence";
import { REMOVAL_SENT } from "./hash";
import { syncPool } from "./pool";
import type { RemoteOnlyAd } from "./runs";
import { stateFromRemote } from "./states";

/** Our own write also moves the remote updatedAt; only a later change is someone else's. */
const DRIFT_TOLERANCE_MS = 5_000;
const BATCH = 500;
const REMOTE_ONLY_CAP = 5_000;

export interface ReadResult {
  /** Ads read. */
  reads: number;
  /** The marketplace answered (even if nothing had changed). */
  reached: boolean;
  remoteOnly: RemoteOnlyAd[] | null;
  /** Whether the run keeps a fence while it writes (fence.ts). */
  fenced: boolean;
}

export async function readRemote(connection: Connection, trigger: SyncTrigger, descriptor: MarketplaceDescriptor, adapter: MarketplaceAdapter, ctx: ConnectionContext): Promise<ReadResult> {
  const first = connection.remoteMatchedAt === null;
  const full = trigger === "RECONCILE";
  if (!first && !full && !descriptor.capabilities.incrementalReads) return { reads: 0, reached: false, remoteOnly: null, fenced: false };
  // Only offer what can be imported: ads of a marketplace without the capability are matched, not offered.
  const offerImport = first && descriptor.capabilities.importExisting;
  const fencing = descriptor.capabilities.incrementalReads && canFence(adapter);

  if (fencing && !first && !full) {
    const fence = storedFence(connection);
    const checked = fence ? await readWithFence(connection, fence, adapter, ctx) : null;
    if (checked) return { reads: checked.reads, reached: true, remoteOnly: null, fenced: true };
  }

  // Page by page where the adapter can, so memory stays flat however many ads the account has;
  // only the references are kept (for the reconcile's "missing on the marketplace" check) and the
  // ids of the ads of the last overlap (the new fence's tail).
  const startedAt = new Date();
  const remoteOnly: RemoteOnlyAd[] = [];
  const seen = new Set<string>();
  const tail = new TailTracker(adapter.readOverlapMs ?? 0);
  let cursor = connection.remoteCursor;
  let reads = 0;
  for await (const ads of remoteAdPages(adapter, ctx, { since: first || full ? null : connection.remoteCursor })) {
    reads += ads.length;
    const matched = await applyRemote(connection, ads, { full, offerImport }, remoteOnly);
    for (const ad of ads) {
      if (ad.reference) seen.add(ad.reference);
      if (ad.updatedAt && (!cursor || Date.parse(ad.updatedAt) > Date.parse(cursor))) cursor = ad.updatedAt;
      if (!matched.has(ad.remoteId)) tail.add(ad);
    }
  }
  if (full && !first) await resendMissing(connection, [...seen]);

  const fence: RemoteFence | null = fencing && tail.size() <= TAIL_CAP
    ? { v: 1, identity: identityKey(connection), base: cursor ? new Date(Date.parse(cursor) - (adapter.readOverlapMs ?? 0)).toISOString() : null, at: startedAt.toISOString(), from: startedAt.toISOString(), tail: tail.ids(cursor) }
    : null;
  await db.connection.update({
    where: { id: connection.id, dealerId: connection.dealerId },
    data: { remoteCursor: cursor, remoteFence: fence ?? (null as never), ...(first ? { remoteMatchedAt: new Date() } : {}) },
  });
  return { reads, reached: true, remoteOnly: offerImport ? remoteOnly : null, fenced: fence !== null };
}

/**
 * The incremental read behind a fence: what changed since `at`, then one count. Returns null when
 * the count shows changes we do not know (the caller then reads in full).
 */
async function readWithFence(connection: Connection, fence: RemoteFence, adapter: MarketplaceAdapter, ctx: ConnectionContext): Promise<{ reads: number } | null> {
  const overlap = adapter.readOverlapMs ?? 0;
  const read = new Set<string>();
  const unmatched = new Set(fence.tail);
  let newest = Date.parse(fence.at);
  for await (const ads of remoteAdPages(adapter, ctx, { since: fence.at, exact: true })) {
    const matched = await applyRemote(connection, ads, { full: false, offerImport: false }, []);
    for (const ad of ads) {
      read.add(ad.remoteId);
      if (!matched.has(ad.remoteId)) unmatched.add(ad.remoteId);
      if (ad.updatedAt) newest = Math.max(newest, Date.parse(ad.updatedAt) - overlap);
    }
  }
  const total = await adapter.remoteCount!({ since: fence.base, exact: true }, ctx);
  const known = await knownChanges(connection, fence, [...read]);
  const tail = [...unmatched];
  if (total !== known + read.size || tail.length > TAIL_CAP) return null;
  await saveFence(connection, { ...fence, tail, at: new Date(Math.max(Date.parse(fence.at), newest)).toISOString() });
  return { reads: read.size };
}

/**
 * Ids of the ads with no local listing seen at or after (newest − overlap): a later read since the
 * new cursor returns them again, and no publication remembers them (fence.ts `tail`).
 */
class TailTracker {
  private readonly byId = new Map<string, number>();
  private newest = Number.NEGATIVE_INFINITY;
  constructor(private readonly overlapMs: number) {}

  add(ad: RemoteAd) {
    // An ad without a time would come back with every read: keep it.
    const at = ad.updatedAt ? Date.parse(ad.updatedAt) : Number.POSITIVE_INFINITY;
    if (Number.isFinite(at)) this.newest = Math.max(this.newest, at);
    this.byId.set(ad.remoteId, at);
    // Keep memory to the overlap: anything older than the newest minus the overlap cannot be in it.
    if (this.byId.size > 2 * TAIL_CAP) this.prune(this.newest - this.overlapMs);
  }

  size() {
    this.prune(this.newest - this.overlapMs);
    return this.byId.size;
  }

  ids(cursor: string | null): string[] {
    this.prune(cursor ? Date.parse(cursor) - this.overlapMs : Number.NEGATIVE_INFINITY);
    return [...this.byId.keys()];
  }

  private prune(before: number) {
    for (const [id, at] of this.byId) if (at < before) this.byId.delete(id);
  }
}

async function* remoteAdPages(adapter: MarketplaceAdapter, ctx: ConnectionContext, query: SinceQuery): AsyncGenerator<RemoteAd[]> {
  if (adapter.remotePages) yield* adapter.remotePages(query, ctx);
  else yield await adapter.remoteState(query, ctx);
}

interface LocalMatch {
  listing_id: string;
  reference: string;
  pub_id: string | null;
  sent_at: Date | null;
  sent_hash: string | null;
  drift_at: Date | null;
  remote_id: string | null;
  remote_status: string | null;
  remote_updated_at: Date | null;
  remote_ids: unknown;
  state: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Matches one batch of remote ads to local listings, in set-based statements (one read, one insert,
 * one update per 500 ads; publications whose remote values did not change are not written). Ads only
 * the marketplace has go to `remoteOnly`. Returns the remote ids of the ads that matched a listing.
 */
async function applyRemote(connection: Connection, ads: RemoteAd[], { full, offerImport }: { full: boolean; offerImport: boolean }, remoteOnly: RemoteOnlyAd[]): Promise<Set<string>> {
  const { dealerId, id: connectionId } = connection;
  const byRef = new Map<string, RemoteAd>();
  for (const ad of ads) if (ad.reference) byRef.set(ad.reference, ad);
  const now = new Date();
  const matchedIds = new Set<string>();

  for (const slice of chunk([...byRef.keys()], BATCH)) {
    const { rows } = await syncPool().query<LocalMatch>(
      `SELECT l.id AS listing_id, l.reference, p.id AS pub_id, p."sentAt" AT TIME ZONE 'UTC' AS sent_at, p."sentHash" AS sent_hash,
         p."driftDetectedAt" AT TIME ZONE 'UTC' AS drift_at, p."remoteId" AS remote_id, p."remoteStatus" AS remote_status,
         p."remoteUpdatedAt" AT TIME ZONE 'UTC' AS remote_updated_at, p."remoteIds" AS remote_ids, p.state::text AS state
       FROM "Listing" l
       LEFT JOIN "Publication" p ON p."dealerId" = l."dealerId" AND p."listingId" = l.id AND p."connectionId" = $2
       WHERE l."dealerId" = $1 AND l.reference = ANY($3::text[])`,
      [dealerId, connectionId, slice],
    );
    const local = new Map(rows.map((r) => [r.reference, r]));
    const creates: { listingId: string; ad: RemoteAd }[] = [];
    const updates: { listingId: string; ad: RemoteAd; driftAt: Date | null; resend: boolean; state: string | null }[] = [];
    for (const reference of slice) {
      const ad = byRef.get(reference)!;
      const match = local.get(reference);
      if (!match) {
        if (offerImport && ad.status !== "sold" && ad.status !== "removed" && remoteOnly.length < REMOTE_ONLY_CAP) {
          remoteOnly.push({ reference, remoteId: ad.remoteId, title: ad.title ?? null, status: ad.status });
        }
        continue;
      }
      matchedIds.add(ad.remoteId);
      // Matched by reference: the next push replaces it (Okasie upsert / Blocket PUT), never a second ad.
      if (!match.pub_id) { creates.push({ listingId: match.listing_id, ad }); continue; }
      const remoteUpdatedAt = ad.updatedAt ? new Date(ad.updatedAt) : null;
      const drifted = !!(match.sent_at && remoteUpdatedAt && match.sent_hash !== REMOVAL_SENT && remoteUpdatedAt.getTime() > match.sent_at.getTime() + DRIFT_TOLERANCE_MS);
      // Live here, hidden there (a draft on the marketplace): say so, and send our version again in this very run.
      const hidden = contradicts(match, ad);
      const driftAt = (drifted || hidden) && !match.drift_at ? now : match.drift_at;
      // Reconcile: put our version back over a change made on the marketplace.
      const resend = hidden || (full && (drifted || match.drift_at !== null) && match.sent_hash !== REMOVAL_SENT && match.sent_hash !== null);
      const same = match.remote_id === ad.remoteId && match.remote_status === ad.status
        && (match.remote_updated_at?.getTime() ?? null) === (remoteUpdatedAt?.getTime() ?? null)
        && (!ad.remoteIds || JSON.stringify(match.remote_ids) === JSON.stringify(ad.remoteIds))
        && (driftAt?.getTime() ?? null) === (match.drift_at?.getTime() ?? null) && !resend;
      if (!same) updates.push({ listingId: match.listing_id, ad, driftAt, resend, state: hidden ? stateFromRemote(ad.status) : null });
    }
    if (creates.length === 0 && updates.length === 0) continue;
    const client = await syncPool().connect();
    try {
      await client.query("BEGIN");
      if (creates.length) {
        await client.query(
          `INSERT INTO "Publication" (id, "dealerId", "listingId", "connectionId", state, "remoteId", "remoteStatus", "remoteUpdatedAt", "remoteIds", "createdAt", "updatedAt")
           SELECT v.id, $1, v.listing_id, $2, v.state::"PublicationState", v.remote_id, v.remote_status, v.remote_updated_at::timestamp(3), v.remote_ids::jsonb, $3::timestamp(3), $3::timestamp(3)
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS v(id, listing_id, state, remote_id, remote_status, remote_updated_at, remote_ids)
           ON CONFLICT ("dealerId", "listingId", "connectionId") DO NOTHING`,
          [
            dealerId, connectionId, now.toISOString(), creates.map(() => `r${randomUUID().replace(/-/g, "").slice(0, 24)}`), creates.map((c) => c.listingId),
            creates.map((c) => stateFromRemote(c.ad.status)), creates.map((c) => c.ad.remoteId), creates.map((c) => c.ad.status),
            creates.map((c) => c.ad.updatedAt ? new Date(c.ad.updatedAt).toISOString() : null), creates.map((c) => (c.ad.remoteIds ? JSON.stringify(c.ad.remoteIds) : null)),
          ],
        );
      }
      if (updates.length) {
        await client.query(
          `UPDATE "Publication" p SET "remoteId" = v.remote_id, "remoteStatus" = v.remote_status, "remoteUpdatedAt" = v.remote_updated_at::timestamp(3),
             "remoteIds" = COALESCE(v.remote_ids::jsonb, p."remoteIds"), "driftDetectedAt" = v.drift_at::timestamp(3),
             "sentHash" = CASE WHEN v.resend THEN NULL ELSE p."sentHash" END, "updatedAt" = $3::timestamp(3),
             state = COALESCE(v.state::"PublicationState", p.state)
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[]) AS v(listing_id, remote_id, remote_status, remote_updated_at, remote_ids, drift_at, resend, state)
           WHERE p."dealerId" = $1 AND p."connectionId" = $2 AND p."listingId" = v.listing_id`,
          [
            dealerId, connectionId, now.toISOString(), updates.map((u) => u.listingId), updates.map((u) => u.ad.remoteId), updates.map((u) => u.ad.status),
            updates.map((u) => (u.ad.updatedAt ? new Date(u.ad.updatedAt).toISOString() : null)), updates.map((u) => (u.ad.remoteIds ? JSON.stringify(u.ad.remoteIds) : null)),
            updates.map((u) => iso(u.driftAt)), updates.map((u) => u.resend), updates.map((u) => u.state),
          ],
        );
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
  return matchedIds;
}

/** Reconcile: ads we believe are out there but the marketplace no longer has are sent again. */
async function resendMissing(connection: Connection, refs: string[]) {
  const { dealerId, id: connectionId } = connection;
  await db.$executeRaw`
      UPDATE "Publication" p SET "sentHash" = NULL, "lastErrorCode" = 'MISSING_REMOTE',
        "lastErrorMessage" = 'The marketplace no longer has this ad; it will be sent again.'
      FROM "Listing" l
      WHERE p."dealerId" = ${dealerId} AND p."connectionId" = ${connectionId} AND l."dealerId" = p."dealerId" AND l.id = p."listingId"
        AND p.state IN ('LIVE', 'ACCEPTED') AND p."sentHash" IS NOT NULL AND p."sentHash" <> ${REMOVAL_SENT}
        AND NOT (l.reference = ANY(${refs}::text[]))`;
}

/**
 * What the marketplace holds contradicts what we believe we sent: we put the ad online (LIVE) and
 * the marketplace has it hidden as a draft. Any read (incremental too) corrects the state and
 * clears the baseline, so the run that read it sends our version again.
 */
function contradicts(match: { state: string | null; sent_hash: string | null }, ad: RemoteAd): boolean {
  return match.state === "LIVE" && ad.status === "draft" && match.sent_hash !== null && match.sent_hash !== REMOVAL_SENT;
}
