/**
 * The sync engine: executes one SyncRun. This module is the run's lifecycle — claim it, hold its
 * connection's lock, keep a heartbeat, and record a failure — and the entry point for the worker.
 *
 *   engine.ts       lifecycle and lock        orchestrate.ts  read → guard → pipeline → end
 *   pipeline.ts     streamed plan + chunks    outcomes.ts     marketplace answers → rows
 *   plan.ts         per-listing decision      remote.ts       first-sync matching, drift, reconcile
 *   store.ts        set-based SQL writes      poll.ts         status polling of queued writes
 */
import { isMessage, msg } from "@/lib/i18n/message";
import { MarketplaceHttpError } from "@/lib/marketplaces/http";
import { db } from "@/lib/db";
import { descriptorOf } from "@/lib/marketplaces/registry";
import { tryLockConnection } from "./lock";
import { orchestrate, type EngineOptions, type ExecuteOutcome } from "./orchestrate";
import { finish, recordHealth } from "./run-state";

export type { EngineOptions, ExecuteOutcome } from "./orchestrate";
export { CHUNK } from "./pipeline";
export type RunResult = ExecuteOutcome["result"];

const HEARTBEAT_MS = 10_000;

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
      await finish(run, "FAILED", msg(connection ? "syncs.messages.connectionDisabled" : "syncs.messages.connectionGone"));
      return { result: "done" };
    }
    const heartbeat = setInterval(() => {
      void db.syncRun.updateMany({ where: { id: runId, status: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch(() => {});
    }, HEARTBEAT_MS);
    try {
      return await orchestrate(run, connection, options);
    } catch (err) {
      const message = err instanceof Error ? err.message : "Unexpected failure";
      console.warn(`[sync] run ${runId} failed: ${message}`);
      if (err instanceof MarketplaceHttpError && err.status === 401) {
        await recordHealth(connection, "unauthorized", msg("syncs.messages.tokenRejected"));
      }
      // Our own reasons are catalog messages and speak for themselves; anything else is quoted.
      await finish(run, "FAILED", isMessage(message) ? message : msg("syncs.messages.stopped", { detail: String(message).slice(0, 500) }));
      const needsPoll = descriptorOfOrNull(connection.marketplace)?.capabilities.asyncWrites ?? false;
      return { result: "done", connectionId: connection.id, dealerId: connection.dealerId, needsPoll };
    } finally {
      clearInterval(heartbeat);
    }
  } finally {
    await lock.release();
  }
}

/** A connection of a marketplace no longer registered fails its run; it does not crash the worker. */
function descriptorOfOrNull(id: string) {
  try {
    return descriptorOf(id);
  } catch {
    return null;
  }
}
