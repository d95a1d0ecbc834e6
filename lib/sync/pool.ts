/** A small node-postgres pool for what Prisma cannot do: session advisory locks, rate budgets. */
import pg from "pg";
import { env } from "@/lib/env";

const globalForPool = globalThis as unknown as { syncPool?: pg.Pool };

export function syncPool(): pg.Pool {
  if (!globalForPool.syncPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 8 });
    pool.on("error", () => {}); // an idle client dropping must not crash the worker
    globalForPool.syncPool = pool;
  }
  return globalForPool.syncPool;
}

export async function closeSyncPool() {
  const pool = globalForPool.syncPool;
  globalForPool.syncPool = undefined;
  await pool?.end().catch(() => {});
}
