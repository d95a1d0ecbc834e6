/**
 * The pg-boss instance of this process, started on first use. The web process only sends; the
 * worker (lib/sync/worker.ts) also works the queues. Queues are created idempotently at start.
 */
import { PgBoss, type Queue } from "pg-boss";
import { env } from "@/lib/env";
import { QUEUES } from "./jobs";

/** Where pg-boss lives: DATABASE_URL, schema SYNC_BOSS_SCHEMA (default "pgboss"). */
export function bossConnection() {
  return { connectionString: env().DATABASE_URL, schema: env().SYNC_BOSS_SCHEMA };
}

const globalForBoss = globalThis as unknown as { syncBoss?: Promise<PgBoss> };

async function start(): Promise<PgBoss> {
  const boss = new PgBoss({ ...bossConnection(), max: 4, schedule: false, supervise: false, migrate: true });
  boss.on("error", (err) => console.warn(`[sync-queue] ${(err as Error)?.message ?? err}`));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** Creates the queues that do not exist yet (default: the sync queues; job modules pass their own). */
export async function ensureQueues(boss: PgBoss, queues: Queue[] = QUEUES) {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const q of queues) if (!existing.has(q.name)) await boss.createQueue(q.name, q).catch((err) => {
    // Another process may have created it a moment ago.
    if (!/exists/i.test(String((err as Error)?.message))) throw err;
  });
}

/** The send-side instance (lazily started, one per process; kept across hot reloads). */
export function queue(): Promise<PgBoss> {
  globalForBoss.syncBoss ??= start().catch((err) => {
    globalForBoss.syncBoss = undefined;
    throw err;
  });
  return globalForBoss.syncBoss;
}

/** The worker installs its own started instance so this process needs no second one. */
export function installQueue(boss: PgBoss | null) {
  globalForBoss.syncBoss = boss ? Promise.resolve(boss) : undefined;
}

/** Stops the send-side instance (tests, scripts). */
export async function stopQueue() {
  const p = globalForBoss.syncBoss;
  globalForBoss.syncBoss = undefined;
  if (p) await (await p).stop({ graceful: false }).catch(() => {});
}
