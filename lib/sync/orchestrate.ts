/**
 * One run, start to end, once its lock is held (engine.ts): read what the marketplace holds
 * (remote.ts), decide whether removals wait for an admin (guard.ts), run the chunk pipeline
 * (pipeline.ts), and end the run with its status and a message.
 */
import { msg } from "@/lib/i18n/message";
import type { Connection, SyncRun } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { descriptorOf, identityOf } from "@/lib/marketplaces/registry";
import type { AttemptInfo, MarketplaceAdapter } from "@/lib/marketplaces/types";
import { adapterFor } from "./adapters";
import { enrolledListingsWhere } from "@/lib/publications/enrolment";
import { connectionContext } from "./context";
import { FenceKeeper } from "./fence";
import { confirmedSet, departures, evaluateGuard, removalLimit, type Departure, type GuardDecision } from "./guard";
import { ChunkPipeline, RequestCounter } from "./pipeline";
import { readRemote } from "./remote";
import { finish, recordHealth } from "./run-state";

export interface EngineOptions {
  /** The adapter a run uses (default: the registry's runtime with the shared budget). */
  adapterFor?: (marketplace: string, onAttempt: (info: AttemptInfo) => void) => MarketplaceAdapter;
}

export interface ExecuteOutcome {
  result: "done" | "busy" | "skipped";
  /** Writes the marketplace only queued: their final state must be polled. */
  needsPoll?: boolean;
  connectionId?: string;
  dealerId?: string;
}

export async function orchestrate(run: SyncRun, connection: Connection, options: EngineOptions): Promise<ExecuteOutcome> {
  const descriptor = descriptorOf(connection.marketplace);
  const counter = new RequestCounter();
  const adapter = options.adapterFor
    ? options.adapterFor(connection.marketplace, counter.onAttempt)
    : adapterFor(connection.marketplace, { onAttempt: counter.onAttempt });
  const ctx = connectionContext(connection);
  const identity = identityOf(connection);

  const read = await readRemote(connection, run.trigger, descriptor, adapter, ctx);
  if (read.remoteOnly) await db.syncRun.update({ where: { id: run.id }, data: { remoteOnly: read.remoteOnly as never } });

  // A new connection of a marketplace that takes over ads made in its back office by licence plate
  // (capability adminMigration) sends nothing until the dealer has migrated or said there is nothing
  // to migrate: a car sent earlier could become a second ad beside one made by hand (lib/migration).
  if (descriptor.capabilities.adminMigration && connection.migrationState !== null
    && (await db.connection.findUnique({ where: { id: connection.id }, select: { migrationState: true } }))?.migrationState === "PENDING") {
    await db.connection.update({ where: { id: connection.id, dealerId: connection.dealerId }, data: { lastSyncedAt: new Date() } });
    if (read.reads > 0) await recordHealth(connection, "ok", msg("syncs.messages.healthWorking"));
    await finish(run, "SUCCEEDED", msg("migration.held", { marketplace: descriptor.name, backOffice: descriptor.capabilities.adminMigration.backOffice }));
    return { result: "done", needsPoll: false, connectionId: connection.id, dealerId: connection.dealerId };
  }

  const total = await db.listing.count({ where: { dealerId: run.dealerId, ...enrolledListingsWhere(connection) } });
  const guard = await evaluateGuard(run, connection);
  await db.syncRun.update({ where: { id: run.id }, data: { total, pendingRemovals: guard.hold ? guard.removals : 0, heldRemovals: guard.held as never } });

  const fence = new FenceKeeper(connection, read.fenced);
  const gate = removalGate(run, connection, guard);
  const cancelled = await new ChunkPipeline({ run, connection, descriptor, adapter, ctx, identity, counter, guard, fence, removalGate: gate }).runAll();
  await fence.finish();
  const held = guard.hold ? guard.held : gate.lateHold();
  if (!guard.hold && held.length) {
    await db.syncRun.update({ where: { id: run.id }, data: { pendingRemovals: held.length, heldRemovals: held as never } });
  }

  const totals = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
  const successes = totals.created + totals.updated + totals.removed;
  const needsPoll = descriptor.capabilities.asyncWrites
    && (await db.publication.count({ where: { dealerId: run.dealerId, connectionId: connection.id, state: "ACCEPTED" } })) > 0;
  await db.connection.update({
    where: { id: connection.id, dealerId: connection.dealerId },
    data: { lastSyncedAt: new Date(), ...(run.trigger === "RECONCILE" ? { lastReconciledAt: new Date() } : {}) },
  });
  // The marketplace accepted our calls: the token works.
  if (successes > 0 || read.reached) await recordHealth(connection, "ok", msg("syncs.messages.healthWorking"));

  if (cancelled) {
    await finish(run, "CANCELLED", msg("syncs.messages.cancelledAfter", { done: totals.done, total: totals.total }));
  } else if (held.length) {
    await finish(run, "NEEDS_CONFIRMATION", guard.message ?? msg("syncs.messages.guardDuringRun", { removals: held.length, live: guard.live }));
  } else {
    const status = totals.failed === 0 ? "SUCCEEDED" : successes > 0 || totals.unchanged > 0 ? "PARTIAL" : "FAILED";
    await finish(run, status, msg("syncs.messages.finished", {
      created: totals.created, updated: totals.updated, removed: totals.removed, unchanged: totals.unchanged, failed: totals.failed,
      deferred: guard.deferredMessage ? guard.removals : 0, remoteOnly: read.remoteOnly?.length ?? 0,
    }));
  }
  return { result: "done", needsPoll, connectionId: connection.id, dealerId: connection.dealerId };
}

/**
 * The guard once more before each chunk that takes ads down: what this run already took down plus
 * what would still go (cars sold while the run goes included) must stay within the limit, or be
 * confirmed. Past it, nothing more goes down and the run ends waiting for a confirmation that
 * names every car.
 */
function removalGate(run: SyncRun, connection: Connection, guard: GuardDecision) {
  const confirmed = confirmedSet(run);
  const limit = removalLimit(connection, guard.live);
  let removedUnconfirmed = 0;
  let late: Departure[] = [];
  return {
    async allowed(listingIds: string[]): Promise<Set<string>> {
      const fresh = (await departures(connection)).departures.filter((d) => !confirmed?.has(d.listingId));
      if (late.length === 0 && removedUnconfirmed + fresh.length <= limit) return new Set(listingIds);
      late = fresh;
      return new Set(listingIds.filter((id) => confirmed?.has(id)));
    },
    removed(count: number) {
      // Confirmed cars do not count against the limit; counting all removals errs on the safe side.
      removedUnconfirmed += confirmed ? 0 : count;
    },
    lateHold: () => (guard.deferredMessage ? [] : late),
  };
}
