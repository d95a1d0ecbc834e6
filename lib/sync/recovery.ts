/**
 * Crash recovery. A run left RUNNING by a dead worker (kill -9, OOM, host loss) is resumed as soon
 * as any worker sees that nobody holds its connection's advisory lock; a QUEUED run whose job was
 * lost (the web process died between creating it and enqueueing it) is started after a minute.
 * Resuming is safe: the engine re-plans from the database, and everything already sent has its
 * sentHash, so only what was not confirmed is sent again (idempotent by reference).
 */
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isConnectionBusy } from "./lock";

export async function orphanedRuns(now = Date.now()): Promise<{ id: string; dealerId: string; connectionId: string }[]> {
  const runs = await db.syncRun.findMany({
    where: { status: { in: ["RUNNING", "QUEUED"] } },
    select: { id: true, dealerId: true, connectionId: true, status: true, queuedAt: true },
    orderBy: { queuedAt: "asc" },
    take: 200,
  });
  const staleQueuedMs = env().SYNC_STALE_QUEUED_SECONDS * 1000;
  const out: { id: string; dealerId: string; connectionId: string }[] = [];
  const seen = new Set<string>();
  for (const r of runs) {
    if (seen.has(r.connectionId)) continue;
    if (r.status === "QUEUED" && now - r.queuedAt.getTime() < staleQueuedMs) continue;
    if (await isConnectionBusy(r.connectionId)) continue;
    seen.add(r.connectionId);
    out.push({ id: r.id, dealerId: r.dealerId, connectionId: r.connectionId });
  }
  return out;
}
