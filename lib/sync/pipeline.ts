/**
 * The chunk pipeline of one run: stream the dealer's listings from the database in pages (cursor
 * by id, never all at once), plan each one (plan.ts), and send the changed ones in chunks of 100
 * with at most `adapter.chunksInFlight` chunks in flight (p-map pulls the next chunk only when a
 * slot is free, so memory stays at one page plus the chunks in flight). Each chunk's outcome is
 * committed atomically (publications + SyncItems + counters), so progress shows while the run
 * goes and a crash loses at most the chunks in flight — which the resumed run sends again,
 * idempotently by reference.
 */
import pMap from "p-map";
import { msg } from "@/lib/i18n/message";
import type { Connection, SyncRun } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { publishSettingsOf } from "@/lib/connections/publish-settings";
import type { ConnectionContext, MarketplaceAdapter, MarketplaceDescriptor, MarketplaceIdentity, PushOutcome } from "@/lib/marketplaces/types";
import type { FenceKeeper } from "./fence";
import { planKey } from "./fingerprint";
import type { GuardDecision } from "./guard";
import { listingPage } from "./listing-pages";
import { lost, pushWrite, removalWrite, type OutcomeWrite } from "./outcomes";
import { planListing, type PlannedPush, type PlannedRemoval } from "./plan";
import { freshenPlannerStatistics } from "./planner-statistics";
import { commitChunk, ensurePublications, markSending, type CounterDelta, type ItemWrite, type PublicationWrite, type SourceHashWrite } from "./store";

export const CHUNK = 100;
/** Unchanged listings planned between two progress commits (at most; also once a second). */
const PROGRESS_EVERY = 2_000;

/** Counts the run's HTTP attempts; each committed chunk takes what accumulated since the last. */
export class RequestCounter {
  total = 0;
  private flushed = 0;
  readonly onAttempt = () => void (this.total += 1);
  take() {
    const d = this.total - this.flushed;
    this.flushed = this.total;
    return d;
  }
}

interface Buffered {
  pushes: PlannedPush[];
  removals: PlannedRemoval[];
  /** Listings scanned since the last dispatch (they count towards done when it commits). */
  scanned: number;
  unchanged: number;
  items: ItemWrite[];
  pubs: PublicationWrite[];
  /** Fingerprints learnt for unchanged listings (fingerprint.ts). */
  sourceHashes: SourceHashWrite[];
  failed: number;
}

const emptyBuffer = (): Buffered => ({ pushes: [], removals: [], scanned: 0, unchanged: 0, items: [], pubs: [], sourceHashes: [], failed: 0 });

export interface PipelineParts {
  run: SyncRun;
  connection: Connection;
  descriptor: MarketplaceDescriptor;
  adapter: MarketplaceAdapter;
  ctx: ConnectionContext;
  identity: MarketplaceIdentity;
  counter: RequestCounter;
  guard: GuardDecision;
  /** Keeps the connection's read fence honest while this run writes (fence.ts). */
  fence: FenceKeeper;
  /**
   * Re-checks the guard just before a chunk takes ads down (cars sold while the run goes count
   * too); resolves to the listings that may still go and reports the ones it took down.
   */
  removalGate?: { allowed(listingIds: string[]): Promise<Set<string>>; removed(count: number): void };
}

export class ChunkPipeline {
  private cancelled = false;
  private firstError: unknown = null;

  constructor(private readonly p: PipelineParts) {}

  /** Runs the whole pipeline; resolves to whether the run was cancelled on the way. */
  async runAll(): Promise<boolean> {
    await pMap(this.chunks(), (b) => this.process(b).catch((err) => { this.firstError ??= err; }), { concurrency: Math.max(1, this.p.adapter.chunksInFlight ?? 1) });
    if (this.firstError) throw this.firstError;
    return this.cancelled;
  }

  /** Planned chunks, one at a time: a full chunk of pushes or removals, or the end of a page. */
  private async *chunks(): AsyncGenerator<Buffered> {
    const { run, connection, descriptor, identity, guard } = this.p;
    const pageSize = env().SYNC_PAGE_SIZE;
    const graceMs = connection.soldGraceMinutes * 60_000;
    const settings = publishSettingsOf(connection);
    // Manual and reconcile runs build every payload; the others recognise unchanged listings by fingerprint.
    const fingerprints = run.trigger !== "MANUAL" && run.trigger !== "RECONCILE";
    // The connection's publishing settings are part of every payload, so of the plan key too.
    const key = planKey(descriptor, identity, settings ? { settings } : {});
    const stop = () => this.cancelled || this.firstError !== null;
    let cursor: string | null = null;
    let buffer = emptyBuffer();
    let lastProgress = Date.now();
    try {
      while (!stop()) {
        await freshenPlannerStatistics();
        const rows = await listingPage(run.dealerId, connection, cursor, pageSize, fingerprints ? key : null);
        if (rows.length === 0) break;
        cursor = rows[rows.length - 1].id;
        const now = Date.now();
        for (const row of rows) {
          buffer.scanned += 1;
          const plan = planListing(row, {
            descriptor, identity, settings, trigger: run.trigger, now, graceMs, runStartedAt: run.startedAt, mayTakeDown: guard.mayTakeDown, planKey: key, fingerprints,
          });
          switch (plan.kind) {
            case "push": buffer.pushes.push(plan); break;
            case "remove": buffer.removals.push(plan); break;
            case "unchanged":
              if (plan.count) buffer.unchanged += 1;
              if (plan.sourceHash && plan.listingId && plan.sentHash) buffer.sourceHashes.push({ listingId: plan.listingId, sentHash: plan.sentHash, sourceHash: plan.sourceHash });
              break;
            case "record":
              buffer.items.push(plan.item);
              if (plan.pub) buffer.pubs.push(plan.pub);
              if (plan.failed) buffer.failed += 1;
              if (plan.unchanged) buffer.unchanged += 1;
              break;
          }
          if (buffer.pushes.length >= CHUNK || buffer.removals.length >= CHUNK) {
            yield buffer;
            buffer = emptyBuffer();
            if (stop()) return;
          }
        }
        // Keep the progress bar moving through long stretches of unchanged listings (one commit
        // per few thousand listings or per second, not per page: an unchanged page costs little).
        if (buffer.pushes.length === 0 && buffer.removals.length === 0 && (buffer.scanned >= PROGRESS_EVERY || Date.now() - lastProgress >= 1_000)) {
          lastProgress = Date.now();
          yield buffer;
          buffer = emptyBuffer();
        }
      }
      if (!stop()) yield buffer;
    } catch (err) {
      // Reading failed: stop planning; the chunks in flight still finish before the run fails.
      this.firstError ??= err;
    }
  }

  private async process(b: Buffered) {
    const { run, connection, descriptor, adapter, ctx, counter } = this.p;
    const pubs = [...b.pubs];
    const items = [...b.items];
    const delta: Required<CounterDelta> = { done: b.scanned, created: 0, updated: 0, removed: 0, unchanged: b.unchanged, failed: b.failed, requests: 0 };

    const record = (w: OutcomeWrite, durationMs: number) => {
      pubs.push(w.pub);
      items.push({ ...w.item, durationMs });
      return w.ok;
    };
    await this.p.fence.beforeSend([...b.pushes, ...b.removals]);
    await this.send(b.pushes, () => adapter.push(b.pushes.map((p) => p.input), ctx), (p, o, ms) => {
      if (record(pushWrite(p, o), ms)) delta[p.isCreate ? "created" : "updated"] += 1;
      else delta.failed += 1;
    });
    if (b.removals.length && this.p.removalGate) {
      const allowed = await this.p.removalGate.allowed(b.removals.map((r) => r.listingId));
      for (const r of b.removals.filter((x) => !allowed.has(x.listingId))) {
        items.push({ listingId: r.listingId, reference: r.reference, action: "skip", outcome: "skipped", code: "REMOVAL_HELD", message: msg("syncs.messages.removalHeld"), warnings: [], durationMs: null });
        delta.unchanged += 1;
      }
      b.removals = b.removals.filter((x) => allowed.has(x.listingId));
    }
    await this.send(b.removals, () => adapter.remove(b.removals.map((r) => r.reference), ctx), (r, o, ms) => {
      if (record(removalWrite(r, o, descriptor.capabilities.removal), ms)) delta.removed += 1;
      else delta.failed += 1;
    });
    await ensurePublications(run.dealerId, connection.id, b.pubs.map((p) => p.listingId));
    delta.requests = counter.take();
    const cancel = await commitChunk(run.dealerId, connection.id, run.id, pubs, items, delta, b.sourceHashes);
    this.p.removalGate?.removed(delta.removed);
    if (cancel) this.cancelled = true;
  }

  /**
   * Sends one batch (pushes or removals): marks the publications as being sent, calls the
   * marketplace, and hands each plan its outcome (a missing one counts as lost) with its share
   * of the call's time.
   */
  private async send<P extends { listingId: string; reference: string }>(plans: P[], call: () => Promise<PushOutcome[]>, onOutcome: (plan: P, outcome: PushOutcome, durationMs: number) => void) {
    if (plans.length === 0) return;
    await markSending(this.p.run.dealerId, this.p.connection.id, plans.map((p) => p.listingId));
    const t0 = performance.now();
    const outcomes = await safely(call, plans.map((p) => p.reference));
    await this.p.fence.afterOutcomes(outcomes);
    const perItemMs = (performance.now() - t0) / plans.length;
    const byRef = new Map(outcomes.map((o) => [o.reference, o]));
    for (const plan of plans) onOutcome(plan, byRef.get(plan.reference) ?? lost(plan.reference), perItemMs);
  }
}

/** A call that throws (it should not: adapters report failures as outcomes) fails its chunk, retryably. */
async function safely(call: () => Promise<PushOutcome[]>, references: string[]): Promise<PushOutcome[]> {
  try {
    return await call();
  } catch (err) {
    const message = err instanceof Error ? err.message : "Unexpected failure";
    return references.map((reference) => ({ reference, result: "rejected" as const, code: "UNEXPECTED", message, retryable: true }));
  }
}
