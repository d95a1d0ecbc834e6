/**
 * The sync service the web UI calls. Authorization happens in the caller's action chain, but every
 * function takes the dealer id and scopes every query by it: another dealer's id behaves exactly
 * like an id that does not exist (NotFoundError, nothing changed).
 */
import { msg } from "@/lib/i18n/message";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { ActionError, NotFoundError } from "@/lib/errors";
import { env } from "@/lib/env";
import { JOBS } from "./jobs";
import { queue } from "./queue";
import { OPEN_STATUSES, runSelect, toRunView, type RunView } from "./runs";
import { importRemoteListings, type ImportResult } from "./import";
import type { HeldCar } from "./runs";

export type { RunView, RemoteOnlyAd } from "./runs";
export type { ImportResult } from "./import";

export type SyncTriggerInput = "MANUAL" | "SAVE" | "SCHEDULE" | "RECONCILE" | "POLL";

async function enqueueRun(runId: string, dealerId: string) {
  const boss = await queue();
  await boss.send(JOBS.run, { runId, dealerId }, { singletonKey: runId });
}

/**
 * Queues a sync of one connection. If a run of that connection is already queued or running, that
 * run is returned instead of starting a second one.
 */
export async function requestSync(input: { dealerId: string; connectionId: string; trigger: SyncTriggerInput; startedById?: string | null }): Promise<{ runId: string }> {
  const { dealerId, connectionId, trigger } = input;
  const result = await db.$transaction(async (tx) => {
    // Two requests for one connection at the same instant must not both create a run.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(23901, hashtext(${connectionId}))::text AS locked`;
    const connection = await tx.connection.findFirst({ where: { id: connectionId, dealerId }, select: { id: true, enabled: true } });
    if (!connection) throw new NotFoundError("Connection not found.");
    if (!connection.enabled) throw new ActionError(msg("syncs.messages.disabled"));
    const open = await tx.syncRun.findFirst({ where: { dealerId, connectionId, status: { in: [...OPEN_STATUSES] } }, orderBy: { queuedAt: "asc" }, select: { id: true } });
    if (open) return { runId: open.id, created: false };
    const run = await tx.syncRun.create({ data: { dealerId, connectionId, trigger, startedById: input.startedById ?? null, status: "QUEUED" }, select: { id: true } });
    return { runId: run.id, created: true };
  });
  // A lost send is not fatal: the worker's recovery sweep starts QUEUED runs nobody picked up.
  if (result.created) await enqueueRun(result.runId, dealerId).catch((err) => console.warn(`[sync] could not enqueue run ${result.runId}: ${(err as Error).message}`));
  return { runId: result.runId };
}

/**
 * Asks a run to stop. A queued (or confirmation-waiting) run is cancelled at once; a running one
 * stops between two chunks, keeping what it already did.
 */
export async function cancelSync(dealerId: string, runId: string): Promise<void> {
  const run = await db.syncRun.findFirst({ where: { id: runId, dealerId }, select: { status: true } });
  if (!run) throw new NotFoundError("Sync run not found.");
  await db.syncRun.updateMany({
    where: { id: runId, dealerId, status: { in: ["QUEUED", "NEEDS_CONFIRMATION"] } },
    data: { status: "CANCELLED", cancelRequested: true, finishedAt: new Date(), message: msg("syncs.messages.cancelledBeforeStart") },
  });
  await db.syncRun.updateMany({ where: { id: runId, dealerId, status: "RUNNING" }, data: { cancelRequested: true } });
}

/**
 * The dealer's ADMIN confirms the removals the mass-removal guard held back. The confirmation is
 * bound to the cars the admin was shown (`shownListingIds` must be exactly the run's named cars,
 * else nothing happens and they are asked to look again). The held run ends with what it did; a
 * new run takes down exactly those cars and no others beyond the guard's limit.
 */
export async function confirmRemovals(dealerId: string, runId: string, actorId: string, shownListingIds: string[]): Promise<{ runId: string }> {
  const run = await db.syncRun.findFirst({ where: { id: runId, dealerId }, select: { status: true, connectionId: true, heldRemovals: true, failed: true } });
  if (!run) throw new NotFoundError("Sync run not found.");
  if (run.status !== "NEEDS_CONFIRMATION") throw new ActionError(msg("syncs.messages.notWaiting"));
  const actor = await db.user.findUnique({ where: { id: actorId }, select: { isPlatformAdmin: true, memberships: { where: { dealerId }, select: { role: true } } } });
  if (!actor || !(actor.isPlatformAdmin || actor.memberships[0]?.role === "ADMIN")) throw new ActionError(msg("syncs.messages.adminOnly"));
  const held = heldOf(run.heldRemovals);
  const heldIds = new Set(held.map((d) => d.listingId));
  const shown = new Set(shownListingIds);
  if (shown.size !== heldIds.size || [...shown].some((id) => !heldIds.has(id))) throw new ActionError(msg("syncs.messages.holdChanged"));
  const confirmed = await db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.syncRun.updateMany({
      where: { id: runId, dealerId, status: "NEEDS_CONFIRMATION" },
      data: {
        status: run.failed > 0 ? "PARTIAL" : "SUCCEEDED", finishedAt: now,
        removalsConfirmedAt: now, removalsConfirmedById: actorId,
        message: msg("syncs.messages.removalsConfirmed", { count: held.length }),
      },
    });
    if (count !== 1) return null;
    const next = await tx.syncRun.create({
      data: { dealerId, connectionId: run.connectionId, trigger: "MANUAL", startedById: actorId, status: "QUEUED", removalsConfirmedAt: now, removalsConfirmedById: actorId, confirmedRemovals: [...heldIds] },
      select: { id: true },
    });
    await recordAudit({
      actorId, dealerId, action: "sync.removals_confirmed", targetType: "SyncRun", targetId: runId,
      data: { connectionId: run.connectionId, removals: held.length, references: held.map((d) => d.reference).slice(0, 200), followUpRunId: next.id },
    }, tx);
    return next.id;
  });
  if (!confirmed) throw new ActionError(msg("syncs.messages.notWaiting"));
  await enqueueRun(confirmed, dealerId).catch((err) => console.warn(`[sync] could not enqueue run ${confirmed}: ${(err as Error).message}`));
  return { runId: confirmed };
}

/** The named cars a held run waits for (SyncRun.heldRemovals). */
export function heldOf(value: unknown): HeldCar[] {
  return Array.isArray(value) ? (value as HeldCar[]) : [];
}

export async function getRun(dealerId: string, runId: string): Promise<RunView> {
  const row = await db.syncRun.findFirst({ where: { id: runId, dealerId }, select: runSelect });
  if (!row) throw new NotFoundError("Sync run not found.");
  return toRunView(row);
}

export async function listRuns(dealerId: string, options: { connectionId?: string; take?: number } = {}): Promise<RunView[]> {
  const rows = await db.syncRun.findMany({
    where: { dealerId, ...(options.connectionId ? { connectionId: options.connectionId } : {}) },
    orderBy: { queuedAt: "desc" },
    take: Math.min(Math.max(options.take ?? 50, 1), 500),
    select: runSelect,
  });
  return rows.map(toRunView);
}

/**
 * Listings were saved, marked sold or bulk-edited: a push follows a few seconds later on every
 * enabled connection of the dealer (one push for a burst of saves). The engine works out what
 * changed by hash, so the ids only say that something did.
 */
export async function onListingsChanged(dealerId: string, listingIds: string[]): Promise<void> {
  if (listingIds.length === 0) return;
  const owned = await db.listing.count({ where: { dealerId, id: { in: listingIds.slice(0, 1000) } } });
  if (owned === 0) return;
  const connections = await db.connection.findMany({ where: { dealerId, enabled: true }, select: { id: true } });
  if (connections.length === 0) return;
  const boss = await queue();
  for (const c of connections) {
    // One push for a burst of saves: the job waits SYNC_DEBOUNCE_SECONDS for more.
    await boss.sendDebounced(JOBS.listingsChanged, { dealerId, connectionId: c.id }, null, env().SYNC_DEBOUNCE_SECONDS, c.id);
  }
}

/** Creates local listings from ads that exist only on the marketplace (first sync's offer). */
export async function importRemoteOnly(dealerId: string, connectionId: string, references: string[], actorId: string | null = null): Promise<ImportResult> {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId } });
  if (!connection) throw new NotFoundError("Connection not found.");
  return importRemoteListings(connection, references, actorId);
}
