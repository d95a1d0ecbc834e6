/**
 * `npm run worker`: the pg-boss sync worker (lib/sync/worker.ts) on DATABASE_URL. Stops cleanly on
 * SIGINT/SIGTERM; a SIGKILL loses nothing (see docs/decisions/sync-engine.md, crash safety).
 */
import { closeSyncPool, startWorker } from "@/lib/sync/worker";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const worker = await startWorker();
// Says whether sandbox connections are synced here (SANDBOX_CONNECTIONS; off by default in production).
console.log(`[worker] started (pid ${process.pid}; sandbox connections ${env().SANDBOX_CONNECTIONS ? "on" : "off"})`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing current jobs…`);
  await worker.stop();
  await closeSyncPool();
  await db.$disconnect().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
