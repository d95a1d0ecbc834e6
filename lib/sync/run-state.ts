/** How a run ends, and what a sync learnt about its connection's health. */
import type { Connection, SyncRun } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

/** What a sync learnt about the connection shows as its health on every dealer page. */
export async function recordHealth(connection: Pick<Connection, "id" | "dealerId">, status: "ok" | "unauthorized", message: string) {
  await db.connection.updateMany({ where: { id: connection.id, dealerId: connection.dealerId }, data: { lastCheckStatus: status, lastCheckMessage: message, lastCheckedAt: new Date() } });
}

export async function finish(run: Pick<SyncRun, "id" | "dealerId">, status: SyncRun["status"], message: string | null) {
  await db.syncRun.updateMany({
    where: { id: run.id, dealerId: run.dealerId },
    data: { status, message, finishedAt: status === "NEEDS_CONFIRMATION" ? null : new Date(), heartbeatAt: new Date() },
  });
}
