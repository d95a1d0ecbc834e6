/**
 * The read phase of a run: what the marketplace holds now.
 * - First sync of a connection (remoteMatchedAt null): every existing ad is matched to the local
 *   listing with the same reference (so the push that follows updates it, never duplicates it);
 *   where the marketplace can import existing ads (capability importExisting), ads with no local
 *   listing are listed on the run for import.
 * - Incremental reads (capability incrementalReads): what changed since the stored cursor; an ad
 *   changed on the marketplace after our last write gets `driftDetectedAt`.
 * - Reconcile: a full read; drifted ads and ads the marketplace lost are sent again.
 */
import type { Connection, Prisma, SyncTrigger } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { ConnectionContext, MarketplaceAdapter, MarketplaceDescriptor, RemoteAd } from "@/lib/marketplaces/types";
import { chunk } from "@/lib/util/chunk";
import { REMOVAL_SENT } from "./hash";
import type { RemoteOnlyAd } from "./runs";
import { stateFromRemote } from "./states";

/** Our own write also moves the remote updatedAt; only a later change is someone else's. */
const DRIFT_TOLERANCE_MS = 5_000;
const BATCH = 500;
const REMOTE_ONLY_CAP = 5_000;

export interface ReadResult {
  reads: number;
  remoteOnly: RemoteOnlyAd[] | null;
}

export async function readRemote(connection: Connection, trigger: SyncTrigger, descriptor: MarketplaceDescriptor, adapter: MarketplaceAdapter, ctx: ConnectionContext): Promise<ReadResult> {
  const first = connection.remoteMatchedAt === null;
  const full = trigger === "RECONCILE";
  if (!first && !full && !descriptor.capabilities.incrementalReads) return { reads: 0, remoteOnly: null };
  // Only offer what can be imported: ads of a marketplace without the capability are matched, not offered.
  const offerImport = first && descriptor.capabilities.importExisting;

  // Page by page where the adapter can, so memory stays flat however many ads the account has;
  // only the references are kept (for the reconcile's "missing on the marketplace" check).
  const remoteOnly: RemoteOnlyAd[] = [];
  const seen = new Set<string>();
  let cursor = connection.remoteCursor;
  let reads = 0;
  for await (const ads of remoteAdPages(adapter, ctx, { first, full, since: connection.remoteCursor })) {
    reads += ads.length;
    for (const ad of ads) {
      if (ad.reference) seen.add(ad.reference);
      if (ad.updatedAt && (!cursor || Date.parse(ad.updatedAt) > Date.parse(cursor))) cursor = ad.updatedAt;
    }
    await applyRemote(connection, ads, { full, offerImport }, remoteOnly);
  }
  if (full && !first) await resendMissing(connection, [...seen]);

  await db.connection.update({
    where: { id: connection.id, dealerId: connection.dealerId },
    data: { remoteCursor: cursor, ...(first ? { remoteMatchedAt: new Date() } : {}) },
  });
  return { reads, remoteOnly: offerImport ? remoteOnly : null };
}

async function* remoteAdPages(adapter: MarketplaceAdapter, ctx: ConnectionContext, o: { first: boolean; full: boolean; since: string | null }): AsyncGenerator<RemoteAd[]> {
  const since = o.first || o.full ? null : o.since;
  if (adapter.remotePages) yield* adapter.remotePages({ since }, ctx);
  else yield await adapter.remoteState({ since }, ctx);
}

/** Matches one batch of remote ads to local listings; ads only the marketplace has go to `remoteOnly`. */
async function applyRemote(connection: Connection, ads: RemoteAd[], { full, offerImport }: { full: boolean; offerImport: boolean }, remoteOnly: RemoteOnlyAd[]): Promise<void> {
  const { dealerId, id: connectionId } = connection;
  const byRef = new Map<string, RemoteAd>();
  for (const ad of ads) if (ad.reference) byRef.set(ad.reference, ad);
  const refs = [...byRef.keys()];
  const now = new Date();

  for (const slice of chunk(refs, BATCH)) {
    const listings = await db.listing.findMany({
      where: { dealerId, reference: { in: slice } },
      select: { id: true, reference: true, publications: { where: { connectionId }, select: { id: true, sentAt: true, sentHash: true, driftDetectedAt: true, remoteId: true, state: true } } },
    });
    const local = new Map(listings.map((l) => [l.reference, l]));
    const ops: Prisma.PrismaPromise<unknown>[] = [];
    for (const reference of slice) {
      const ad = byRef.get(reference)!;
      const listing = local.get(reference);
      if (!listing) {
        if (offerImport && ad.status !== "sold" && ad.status !== "removed" && remoteOnly.length < REMOTE_ONLY_CAP) {
          remoteOnly.push({ reference, remoteId: ad.remoteId, title: ad.title ?? null, status: ad.status });
        }
        continue;
      }
      const remoteUpdatedAt = ad.updatedAt ? new Date(ad.updatedAt) : null;
      const common = { remoteId: ad.remoteId, remoteStatus: ad.status, remoteUpdatedAt, ...(ad.remoteIds ? { remoteIds: ad.remoteIds as Prisma.InputJsonValue } : {}) };
      const pub = listing.publications[0];
      if (!pub) {
        // Matched by reference: the next push replaces it (Okasie upsert / Blocket PUT), never a second ad.
        ops.push(db.publication.create({ data: { dealerId, connectionId, listingId: listing.id, state: stateFromRemote(ad.status), ...common } }));
        continue;
      }
      const drifted = !!(pub.sentAt && remoteUpdatedAt && pub.sentHash !== REMOVAL_SENT && remoteUpdatedAt.getTime() > pub.sentAt.getTime() + DRIFT_TOLERANCE_MS);
      const hidden = contradicts(pub, ad);
      ops.push(db.publication.update({
        where: { id: pub.id, dealerId },
        data: {
          ...common,
          // Live here, hidden there: say so, and send our version again in this very run.
          ...(hidden ? { state: stateFromRemote(ad.status), sentHash: null, driftDetectedAt: pub.driftDetectedAt ?? now } : {}),
          ...(drifted && !pub.driftDetectedAt ? { driftDetectedAt: now } : {}),
          // Reconcile: put our version back over a change made on the marketplace.
          ...(full && (drifted || pub.driftDetectedAt) && pub.sentHash !== REMOVAL_SENT ? { sentHash: null } : {}),
        },
      }));
    }
    if (ops.length) await db.$transaction(ops);
  }
}

/**
 * What the marketplace holds contradicts what we believe we sent: we put the ad online (LIVE) and
 * the marketplace has it hidden as a draft. Any read (incremental too) corrects the state and
 * clears the baseline, so the run that read it sends our version again.
 */
function contradicts(pub: { state: string; sentHash: string | null }, ad: RemoteAd): boolean {
  return pub.state === "LIVE" && ad.status === "draft" && pub.sentHash !== null && pub.sentHash !== REMOVAL_SENT;
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
