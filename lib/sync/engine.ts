/**
 * Executes one SyncRun: read what the marketplace holds (remote.ts), then stream the dealer's
 * listings from the database in pages (cursor by id, never all at once), decide per listing
 * (plan.ts), and send changed ones in chunks of 100 with at most a couple of chunks in flight.
 * Each chunk's outcome is committed atomically (publications + SyncItems + counters), so
 * progress is visible while the run goes and a crash loses at most the chunk in flight — which
 * the resumed run sends again, idempotently by reference.
 */
import { MarketplaceHttpError } from "@/lib/marketplaces/http";
import type { Connection, SyncRun } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { identityOf } from "@/lib/marketplaces/registry";
import type { ConnectionContext, MarketplaceAdapter, MarketplaceIdentity, PushOutcome } from "@/lib/marketplaces/types";
import { adapterForRun, type AttemptInfo } from "./adapters";
import { connectionContext } from "./context";
import { evaluateGuard, type GuardDecision } from "./guard";
import { REMOVAL_SENT } from "./hash";
import { planListing, pubSelect, type PlannedPush, type PlannedRemoval, type PubRow } from "./plan";
import { readRemote } from "./remote";
import { stateAfterPush } from "./states";
import { commitChunk, ensurePublications, markSending, type CounterDelta, type ItemWrite, type PublicationWrite } from "./store";
import { tryLockConnection } from "./lock";

export const CHUNK = 100;
const PAGE = Number(process.env.SYNC_PAGE_SIZE ?? 500);
const HEARTBEAT_MS = 10_000;

export type RunResult = "done" | "busy" | "skipped";

export interface EngineOptions {
  adapterFor?: (marketplace: Connection["marketplace"], onAttempt: (info: AttemptInfo) => void) => MarketplaceAdapter;
}

export interface ExecuteOutcome {
  result: RunResult;
  /** Blocket writes were accepted: their final state must be polled. */
  needsPoll?: boolean;
  connectionId?: string;
  dealerId?: string;
}

const REMOTE_STATUS_SENT = { active: "live", reserved: "pending", draft: "draft", sold: "sold" } as const;

export async function executeRun(runId: string, options: EngineOptions = {}): Promise<ExecuteOutcome> {
  const head = await db.syncRun.findUnique({ where: { id: runId }, select: { connectionId: true, dealerId: true, status: true } });
  if (!head || (head.status !== "QUEUED" && head.status !== "RUNNING")) return { result: "skipped" };
  const lock = await tryLockConnection(head.connectionId);
  if (!lock) return { result: "busy" };
  try {
    // Holding the connection's lock proves no live process executes a RUNNING run: resume it.
    const now = new Date();
    const claimed = await db.syncRun.updateMany({
      where: { id: runId, dealerId: head.dealerId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "RUNNING", heartbeatAt: now, done: 0 },
    });
    if (claimed.count === 0) return { result: "skipped" };
    let run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    if (!run.startedAt) run = await db.syncRun.update({ where: { id: runId }, data: { startedAt: now } });
    const connection = await db.connection.findFirst({ where: { id: run.connectionId, dealerId: run.dealerId } });
    if (!connection || !connection.enabled) {
      await finish(run, "FAILED", connection ? "The connection is disabled." : "The connection no longer exists.");
      return { result: "done" };
    }
    const heartbeat = setInterval(() => {
      void db.syncRun.updateMany({ where: { id: runId, status: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch(() => {});
    }, HEARTBEAT_MS);
    try {
      return await execute(run, connection, options);
    } catch (err) {
      const message = err instanceof Error ? err.message : "Unexpected failure";
      console.warn(`[sync] run ${runId} failed: ${message}`);
      if (err instanceof MarketplaceHttpError && err.status === 401) {
        await recordHealth(connection, "unauthorized", "The marketplace rejected the token during a sync: it is invalid or has been rotated.");
      }
      await finish(run, "FAILED", `The sync stopped: ${message.slice(0, 500)}. Nothing that was sent is lost; the next sync continues.`);
      return { result: "done", connectionId: connection.id, dealerId: connection.dealerId, needsPoll: connection.marketplace === "BLOCKET" };
    } finally {
      clearInterval(heartbeat);
    }
  } finally {
    await lock.release();
  }
}

/** What a sync learnt about the connection shows as its health on every dealer page. */
async function recordHealth(connection: Pick<Connection, "id" | "dealerId">, status: "ok" | "unauthorized", message: string) {
  await db.connection.updateMany({ where: { id: connection.id, dealerId: connection.dealerId }, data: { lastCheckStatus: status, lastCheckMessage: message, lastCheckedAt: new Date() } });
}

async function finish(run: Pick<SyncRun, "id" | "dealerId">, status: SyncRun["status"], message: string | null, extra: Partial<SyncRun> = {}) {
  await db.syncRun.updateMany({
    where: { id: run.id, dealerId: run.dealerId },
    data: { status, message, finishedAt: status === "NEEDS_CONFIRMATION" ? null : new Date(), heartbeatAt: new Date(), ...extra } as never,
  });
}

class RequestCounter {
  total = 0;
  private flushed = 0;
  readonly onAttempt = () => void (this.total += 1);
  take() {
    const d = this.total - this.flushed;
    this.flushed = this.total;
    return d;
  }
}

async function execute(run: SyncRun, connection: Connection, options: EngineOptions): Promise<ExecuteOutcome> {
  const counter = new RequestCounter();
  const adapter = (options.adapterFor ?? adapterForRun)(connection.marketplace, counter.onAttempt);
  const ctx = connectionContext(connection);
  const identity = identityOf(connection);
  const base = { connectionId: connection.id, dealerId: connection.dealerId };

  const read = await readRemote(connection, run.trigger, adapter, ctx);
  if (read.remoteOnly) await db.syncRun.update({ where: { id: run.id }, data: { remoteOnly: read.remoteOnly as never } });

  const total = await db.listing.count({ where: { dealerId: run.dealerId } });
  const guard = await evaluateGuard(run, connection);
  await db.syncRun.update({ where: { id: run.id }, data: { total, pendingRemovals: guard.hold ? guard.removals : 0 } });

  const pusher = new ChunkPipeline(run, connection, adapter, ctx, identity, counter, guard);
  const cancelled = await pusher.runAll();

  const totals = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
  const successes = totals.created + totals.updated + totals.removed;
  const needsPoll = connection.marketplace === "BLOCKET" && (await db.publication.count({ where: { dealerId: run.dealerId, connectionId: connection.id, state: "ACCEPTED" } })) > 0;
  await db.connection.update({
    where: { id: connection.id, dealerId: connection.dealerId },
    data: { lastSyncedAt: new Date(), ...(run.trigger === "RECONCILE" ? { lastReconciledAt: new Date() } : {}) },
  });
  // The marketplace accepted our calls: the token works.
  if (successes > 0 || read.reads > 0) await recordHealth(connection, "ok", "Working: the last sync reached the marketplace.");

  if (cancelled) {
    await finish(run, "CANCELLED", `Cancelled after ${totals.done} of ${totals.total} listings; what was sent stays.`);
  } else if (guard.hold) {
    await finish(run, "NEEDS_CONFIRMATION", guard.message);
  } else {
    const status = totals.failed === 0 ? "SUCCEEDED" : successes > 0 || totals.unchanged > 0 ? "PARTIAL" : "FAILED";
    const parts = [
      `${totals.created} created, ${totals.updated} updated, ${totals.removed} removed, ${totals.unchanged} unchanged, ${totals.failed} failed.`,
      guard.deferredMessage,
      read.remoteOnly?.length ? `${read.remoteOnly.length} ad(s) exist only on the marketplace and can be imported.` : null,
    ].filter(Boolean);
    await finish(run, status, parts.join(" "));
  }
  return { result: "done", needsPoll, ...base };
}

interface Buffered {
  pushes: PlannedPush[];
  removals: PlannedRemoval[];
  /** Listings scanned since the last dispatch (they count towards done when it commits). */
  scanned: number;
  unchanged: number;
  items: ItemWrite[];
  pubs: PublicationWrite[];
  failed: number;
}

const emptyBuffer = (): Buffered => ({ pushes: [], removals: [], scanned: 0, unchanged: 0, items: [], pubs: [], failed: 0 });

/** Streams listings, plans them, and sends chunks with bounded concurrency. */
class ChunkPipeline {
  private cancelled = false;
  private readonly inflight = new Set<Promise<void>>();
  private readonly concurrency: number;
  private firstError: unknown = null;

  constructor(
    private readonly run: SyncRun,
    private readonly connection: Connection,
    private readonly adapter: MarketplaceAdapter,
    private readonly ctx: ConnectionContext,
    private readonly identity: MarketplaceIdentity,
    private readonly counter: RequestCounter,
    private readonly guard: GuardDecision,
  ) {
    // Okasie: one bulk request per chunk, two chunks in flight keep the pacer busy while the
    // previous chunk is committed. Blocket: the adapter already runs requests in parallel.
    this.concurrency = connection.marketplace === "OKASIE" ? 2 : 1;
  }

  async runAll(): Promise<boolean> {
    const { dealerId } = this.run;
    const graceMs = this.connection.soldGraceMinutes * 60_000;
    let cursor: string | undefined;
    let buffer = emptyBuffer();
    for (;;) {
      if (this.cancelled || this.firstError) break;
      const rows = await db.listing.findMany({
        where: { dealerId, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: PAGE,
        include: { publications: { where: { connectionId: this.connection.id }, select: pubSelect } },
      });
      if (rows.length === 0) break;
      cursor = rows[rows.length - 1].id;
      const now = Date.now();
      for (const row of rows) {
        buffer.scanned += 1;
        const plan = planListing(row, (row.publications[0] ?? null) as PubRow | null, {
          adapter: this.adapter, identity: this.identity, trigger: this.run.trigger, now, graceMs,
          runStartedAt: this.run.startedAt, removalsAllowed: this.guard.removalsAllowed,
        });
        switch (plan.kind) {
          case "push": buffer.pushes.push(plan); break;
          case "remove": buffer.removals.push(plan); break;
          case "unchanged": if (plan.count) buffer.unchanged += 1; break;
          case "record":
            buffer.items.push(plan.item);
            if (plan.pub) buffer.pubs.push(plan.pub);
            if (plan.failed) buffer.failed += 1;
            if (plan.unchanged) buffer.unchanged += 1;
            break;
        }
        if (buffer.pushes.length >= CHUNK || buffer.removals.length >= CHUNK) {
          await this.dispatch(buffer);
          buffer = emptyBuffer();
          if (this.cancelled) break;
        }
      }
      // Keep the progress bar moving through long stretches of unchanged listings.
      if (buffer.pushes.length === 0 && buffer.removals.length === 0) {
        await this.dispatch(buffer);
        buffer = emptyBuffer();
      }
    }
    if (!this.cancelled && !this.firstError) await this.dispatch(buffer);
    await Promise.all(this.inflight);
    if (this.firstError) throw this.firstError;
    return this.cancelled;
  }

  private async dispatch(buffer: Buffered) {
    while (this.inflight.size >= this.concurrency) await Promise.race(this.inflight);
    if (this.firstError) return;
    const task = this.process(buffer)
      .catch((err) => { this.firstError ??= err; })
      .finally(() => this.inflight.delete(task));
    this.inflight.add(task);
  }

  private async process(b: Buffered) {
    const { dealerId, id: runId } = this.run;
    const connectionId = this.connection.id;
    const pubs = [...b.pubs];
    const items = [...b.items];
    const delta: Required<CounterDelta> = { done: b.scanned, created: 0, updated: 0, removed: 0, unchanged: b.unchanged, failed: b.failed, requests: 0 };

    const record = (w: { pub: PublicationWrite; item: Omit<ItemWrite, "durationMs">; ok: boolean }, durationMs: number) => {
      pubs.push(w.pub);
      items.push({ ...w.item, durationMs });
      return w.ok;
    };
    await this.send(b.pushes, () => this.adapter.push(b.pushes.map((p) => p.input), this.ctx), (p, o, ms) => {
      if (record(this.pushWrite(p, o), ms)) delta[p.isCreate ? "created" : "updated"] += 1;
      else delta.failed += 1;
    });
    await this.send(b.removals, () => this.adapter.remove(b.removals.map((r) => r.reference), this.ctx), (r, o, ms) => {
      if (record(this.removalWrite(r, o), ms)) delta.removed += 1;
      else delta.failed += 1;
    });
    await ensurePublications(dealerId, connectionId, b.pubs.map((p) => p.listingId));
    delta.requests = this.counter.take();
    const cancel = await commitChunk(dealerId, connectionId, runId, pubs, items, delta);
    if (cancel) this.cancelled = true;
  }

  /**
   * Sends one batch (pushes or removals): marks the publications as being sent, calls the
   * marketplace, and hands each plan its outcome (a missing one counts as lost) with its share
   * of the call's time.
   */
  private async send<P extends { listingId: string; reference: string }>(plans: P[], call: () => Promise<PushOutcome[]>, onOutcome: (plan: P, outcome: PushOutcome, durationMs: number) => void) {
    if (plans.length === 0) return;
    const { dealerId } = this.run;
    await markSending(dealerId, this.connection.id, plans.map((p) => p.listingId));
    const t0 = performance.now();
    const outcomes = await this.safely(call, plans.map((p) => p.reference));
    const perItemMs = (performance.now() - t0) / plans.length;
    const byRef = new Map(outcomes.map((o) => [o.reference, o]));
    for (const plan of plans) onOutcome(plan, byRef.get(plan.reference) ?? lost(plan.reference), perItemMs);
  }

  /** A call that throws (it should not: adapters report failures as outcomes) fails its chunk, retryably. */
  private async safely(call: () => Promise<PushOutcome[]>, references: string[]): Promise<PushOutcome[]> {
    try {
      return await call();
    } catch (err) {
      const message = err instanceof Error ? err.message : "Unexpected failure";
      return references.map((reference) => ({ reference, result: "rejected" as const, code: "UNEXPECTED", message, retryable: true }));
    }
  }

  private pushWrite(p: PlannedPush, o: PushOutcome): { pub: PublicationWrite; item: Omit<ItemWrite, "durationMs">; ok: boolean } {
    const old = p.pub;
    const now = new Date();
    const action = p.isCreate ? "create" : "update";
    const warnings = mergeProblems(p.warnings, o.warnings ?? []);
    if (o.result === "accepted" || o.result === "live") {
      return {
        ok: true,
        pub: {
          listingId: p.listingId,
          state: stateAfterPush(o.result, p.input.listing.status),
          remoteId: o.remoteId ?? old?.remoteId ?? null,
          remoteIds: o.remoteIds ?? old?.remoteIds ?? null,
          remoteStatus: o.result === "live" ? REMOTE_STATUS_SENT[p.input.listing.status] : "processing",
          remoteUpdatedAt: old?.remoteUpdatedAt ?? null,
          sentHash: p.hash, sentAt: now, rejectedHash: null,
          lastErrorCode: null, lastErrorMessage: null, warnings,
          // Our version is on the marketplace again.
          driftDetectedAt: null,
        },
        item: { listingId: p.listingId, reference: p.reference, action, outcome: "ok", code: null, message: o.message ?? null, warnings },
      };
    }
    const issues = (o.issues ?? []).map((i) => (i.field ? `${i.field}: ${i.message}` : i.message));
    const detail = [o.message, ...issues.filter((m) => m !== o.message)].filter(Boolean).join(" · ");
    return {
      ok: false,
      pub: {
        ...keep(p.listingId, old),
        state: "ERROR",
        // Refused for good: not sent again until the listing changes (or a manual sync).
        rejectedHash: o.retryable ? old?.rejectedHash ?? null : p.hash,
        lastErrorCode: o.code ?? "REJECTED",
        lastErrorMessage: o.retryable ? `${detail || "Temporary failure"} — it will be sent again on the next sync.` : detail || "Rejected by the marketplace.",
        warnings: mergeProblems(warnings, o.issues ?? []),
      },
      item: { listingId: p.listingId, reference: p.reference, action, outcome: "failed", code: o.code ?? "REJECTED", message: detail || null, warnings: mergeProblems(warnings, o.issues ?? []) },
    };
  }

  private removalWrite(r: PlannedRemoval, o: PushOutcome): { pub: PublicationWrite; item: Omit<ItemWrite, "durationMs">; ok: boolean } {
    const old = r.pub;
    const now = new Date();
    if (o.result === "accepted" || o.result === "live") {
      return {
        ok: true,
        pub: {
          ...keep(r.listingId, old),
          // Okasie marks sold at once; Blocket queues the delete and the poll confirms it.
          state: o.result === "live" ? "REMOVED" : "ACCEPTED",
          remoteStatus: o.result === "live" ? (this.connection.marketplace === "OKASIE" ? "sold" : "removed") : "deleting",
          sentHash: REMOVAL_SENT, sentAt: now, rejectedHash: null, lastErrorCode: null, lastErrorMessage: null,
          warnings: o.warnings ?? [],
        },
        item: { listingId: r.listingId, reference: r.reference, action: "remove", outcome: "ok", code: null, message: o.message ?? null, warnings: o.warnings ?? [] },
      };
    }
    return {
      ok: false,
      pub: {
        ...keep(r.listingId, old),
        state: "ERROR",
        rejectedHash: o.retryable ? old.rejectedHash : REMOVAL_SENT,
        lastErrorCode: o.code ?? "REJECTED",
        lastErrorMessage: `${o.message ?? "The removal failed"}${o.retryable ? " — it will be tried again on the next sync." : ""}`,
      },
      item: { listingId: r.listingId, reference: r.reference, action: "remove", outcome: "failed", code: o.code ?? "REJECTED", message: o.message ?? null, warnings: [] },
    };
  }
}

function lost(reference: string): PushOutcome {
  return { reference, result: "rejected", code: "NO_RESULT", message: "The marketplace did not report on this ad.", retryable: true };
}

/** The publication's current values, for a write that changes only some of them. */
export function keep(listingId: string, old: PubRow | null): PublicationWrite {
  return {
    listingId,
    state: old?.state ?? "NOT_PUBLISHED",
    remoteId: old?.remoteId ?? null,
    remoteIds: old?.remoteIds ?? null,
    remoteStatus: old?.remoteStatus ?? null,
    remoteUpdatedAt: old?.remoteUpdatedAt ?? null,
    sentHash: old?.sentHash ?? null,
    sentAt: old?.sentAt ?? null,
    rejectedHash: old?.rejectedHash ?? null,
    lastErrorCode: old?.lastErrorCode ?? null,
    lastErrorMessage: old?.lastErrorMessage ?? null,
    warnings: Array.isArray(old?.warnings) ? (old!.warnings as unknown[]) : [],
    driftDetectedAt: old?.driftDetectedAt ?? null,
  };
}

function mergeProblems(a: { field: string; code: string }[], b: { field: string; code: string }[]) {
  const seen = new Set<string>();
  return [...a, ...b].filter((p) => {
    const k = `${p.field}|${p.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
