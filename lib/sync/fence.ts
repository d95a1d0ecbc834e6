/**
 * Incremental reads that do not re-read our own writes (issue #17).
 *
 * An incremental read asks the marketplace for every ad changed since the cursor (Okasie:
 * `updatedSince`, okasie.md §2.1, §4.1 [DOC]). Our own writes change ads too, so after a sync that
 * wrote 10,000 ads the next read would page through all 10,000 again. The fence records what we
 * already know changed since the cursor, so the next read can count instead of re-reading:
 *
 *   base   the `since` of a full incremental read (cursor minus the adapter's overlap; null: all ads)
 *   from   our own successful writes committed since this instant are known (their SyncItems)
 *   at     changes at or after this instant are read again, in full
 *   tail   remote ids of ads seen changed at or after `base` that no listing of ours matches
 *          (our own ads seen there are remembered by their publication's remoteUpdatedAt)
 *
 * A read with a fence: (1) read and apply every ad changed since `at` (normally none or a few);
 * (2) ask how many ads changed since `base` — one documented count (`pagination.totalItems` of a
 * one-item page); (3) count the ads we know of: our writes since `from`, our ads the marketplace
 * showed changed since `base`, and the tail, minus those just read. If the marketplace's count equals ours plus what we just read, every other ad that
 * changed since `base` is one of ours, as we left it: nothing else to read. Otherwise — someone
 * else changed an ad we did not know about, a write of ours did not land as we think, the clocks
 * disagree — the run falls back to the full incremental read and builds a new fence.
 *
 * The count only holds if each write we count really changed its ad on the marketplace. So a
 * write that may repeat content the marketplace already holds (a resend after a crash or a failed
 * attempt, the first write over a matched ad) drops the fence before it is sent, and a success that
 * changed nothing (`PushOutcome.noop`) drops it before it is recorded: the next read is a full one.
 *
 * What the fence cannot see: another party changing one of the ads we know of between our
 * knowledge of it and `at` (the seconds of our own write window). The daily reconcile, a full read,
 * finds such a change (drift) as before.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Connection } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { identityOf } from "@/lib/marketplaces/registry";
import type { MarketplaceAdapter, PushOutcome } from "@/lib/marketplaces/types";
import { stableJson } from "./hash";
import type { PubRow } from "./plan";
import { syncPool } from "./pool";

/** More known changes than this (ads changed by others since the cursor) and a full read is cheaper. */
export const TAIL_CAP = 2_000;

const fenceSchema = z.object({
  v: z.literal(1),
  identity: z.string(),
  base: z.string().nullable(),
  at: z.string(),
  from: z.string(),
  tail: z.array(z.string()),
});
export type RemoteFence = z.infer<typeof fenceSchema>;

/** Whether this marketplace's adapter can count what changed (and so keep a fence). */
export function canFence(adapter: MarketplaceAdapter): boolean {
  return typeof adapter.remoteCount === "function" && typeof adapter.readOverlapMs === "number";
}

/** The identity the fence was built under: another profile sees other ads, so the fence no longer holds. */
export function identityKey(connection: Connection): string {
  return createHash("sha256").update(stableJson({ m: connection.marketplace, i: identityOf(connection) })).digest("hex").slice(0, 16);
}

export function storedFence(connection: Connection): RemoteFence | null {
  const parsed = fenceSchema.safeParse(connection.remoteFence);
  return parsed.success && parsed.data.identity === identityKey(connection) ? parsed.data : null;
}

export async function saveFence(connection: Pick<Connection, "id" | "dealerId">, fence: RemoteFence | null): Promise<void> {
  await db.connection.update({ where: { id: connection.id, dealerId: connection.dealerId }, data: { remoteFence: fence ?? (null as never) } });
}

/**
 * How many distinct ads we know changed since `base`: our successful writes committed since `from`,
 * our ads whose last read showed them changed since `base`, and the tail — except the ads in
 * `exclude` (just read, counted apart).
 */
export async function knownChanges(connection: Pick<Connection, "id" | "dealerId">, fence: RemoteFence, exclude: string[]): Promise<number> {
  // Two single-table reads joined here: a plan that stays fast whatever PostgreSQL's statistics
  // say about rows written a moment ago.
  const pool = syncPool();
  const from = new Date(fence.from).toISOString();
  const { rows: runs } = await pool.query<{ id: string }>(
    `SELECT id FROM "SyncRun" WHERE "dealerId" = $1 AND "connectionId" = $2 AND ("finishedAt" IS NULL OR "finishedAt" >= $3::timestamp(3))`,
    [connection.dealerId, connection.id, from],
  );
  const { rows: items } = await pool.query<{ listing_id: string }>(
    `SELECT DISTINCT "listingId" AS listing_id FROM "SyncItem"
     WHERE "dealerId" = $1 AND "syncRunId" = ANY($2::text[]) AND "createdAt" >= $3::timestamp(3)
       AND outcome = 'ok' AND action IN ('create', 'update', 'remove') AND "listingId" IS NOT NULL`,
    [connection.dealerId, runs.map((r) => r.id), from],
  );
  const written = new Set(items.map((r) => r.listing_id));
  // remoteUpdatedAt is stored to the millisecond (rounded): only a value a full millisecond past
  // `base` surely is at or after it on the marketplace (a doubtful one is left out: the counts then
  // differ and the read is a full one, never the other way round).
  const { rows: pubs } = await pool.query<{ listing_id: string; remote_id: string; recent: boolean; seen: boolean }>(
    `SELECT "listingId" AS listing_id, "remoteId" AS remote_id, ("sentAt" >= $3::timestamp(3)) IS TRUE AS recent,
       ("remoteUpdatedAt" >= COALESCE($4::timestamp(3) + interval '1 millisecond', '-infinity'::timestamp)) IS TRUE AS seen
     FROM "Publication"
     WHERE "dealerId" = $1 AND "connectionId" = $2 AND "remoteId" IS NOT NULL
       AND ("sentAt" >= $3::timestamp(3) OR "remoteUpdatedAt" >= COALESCE($4::timestamp(3) + interval '1 millisecond', '-infinity'::timestamp))`,
    [connection.dealerId, connection.id, from, fence.base ? new Date(fence.base).toISOString() : null],
  );
  const known = new Set(fence.tail);
  for (const p of pubs) if (p.seen || (p.recent && written.has(p.listing_id))) known.add(p.remote_id);
  for (const id of exclude) known.delete(id);
  return known.size;
}

/**
 * Keeps a run's fence honest while it writes (pipeline.ts): dropped before a write that may not
 * change its ad, or when a success changed nothing; moved past the run's writes at its end.
 */
export class FenceKeeper {
  private active: boolean;
  private wrote = false;

  constructor(private readonly connection: Pick<Connection, "id" | "dealerId">, active: boolean) {
    this.active = active;
  }

  /** A write that may repeat what the marketplace already holds. */
  static mayRepeat(pub: PubRow | null, hash?: string): boolean {
    if (!pub) return false;
    return pub.state === "QUEUED" || pub.state === "ERROR" || (pub.sentHash === null && pub.remoteId !== null) || (hash !== undefined && pub.sentHash === hash);
  }

  async beforeSend(plans: { pub: PubRow | null; hash?: string }[]): Promise<void> {
    if (this.active && plans.some((p) => FenceKeeper.mayRepeat(p.pub, p.hash))) await this.drop();
  }

  async afterOutcomes(outcomes: PushOutcome[]): Promise<void> {
    const ok = outcomes.filter((o) => o.result !== "rejected");
    if (ok.length > 0) this.wrote = true;
    if (this.active && ok.some((o) => o.noop)) await this.drop();
  }

  /** After the run's last chunk: what changed from now on is read again. */
  async finish(now = new Date()): Promise<void> {
    if (!this.active || !this.wrote) return;
    const row = await db.connection.findFirst({ where: { id: this.connection.id, dealerId: this.connection.dealerId }, select: { remoteFence: true } });
    const parsed = fenceSchema.safeParse(row?.remoteFence);
    if (!parsed.success) return;
    const at = new Date(Math.max(Date.parse(parsed.data.at), now.getTime())).toISOString();
    await saveFence(this.connection, { ...parsed.data, at });
  }

  private async drop() {
    this.active = false;
    await saveFence(this.connection, null);
  }
}
