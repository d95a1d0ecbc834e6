/**
 * Marketplace HTTP attempts, counted in the process that makes them (the worker) and added to
 * PostgreSQL every few seconds, so the metrics route — in any web process — sees the sum of every
 * worker. One upsert per (marketplace, status class) per flush; nothing per request hits the database.
 */
import { db } from "@/lib/db";
import { errorSummary, logFor } from "@/lib/log";

const FLUSH_MS = 5_000;
const pending = new Map<string, number>();
let timer: NodeJS.Timeout | undefined;

/** "2xx", "3xx", "4xx", "429", "5xx", or "network" (timeout, refused, reset). */
export function statusClass(status: number | null): string {
  if (status === null || status === 0) return "network";
  if (status === 429) return "429";
  return `${Math.floor(status / 100)}xx`;
}

/** Counts one attempt (called from the marketplace client's onAttempt hook). */
export function recordMarketplaceAttempt(marketplace: string, status: number | null) {
  const key = `${marketplace.toLowerCase()}\u0000${statusClass(status)}`;
  pending.set(key, (pending.get(key) ?? 0) + 1);
  timer ??= setInterval(() => void flushMarketplaceAttempts(), FLUSH_MS).unref();
}

/** Writes the counts gathered so far (also call before a clean exit). */
export async function flushMarketplaceAttempts(): Promise<void> {
  if (pending.size === 0) return;
  const batch = [...pending.entries()];
  pending.clear();
  try {
    for (const [key, count] of batch) {
      const [marketplace, status] = key.split("\u0000");
      await db.$executeRaw`
        INSERT INTO "MarketplaceRequestCount" (marketplace, status, count, "updatedAt")
        VALUES (${marketplace}, ${status}, ${count}, now())
        ON CONFLICT (marketplace, status) DO UPDATE SET count = "MarketplaceRequestCount".count + EXCLUDED.count, "updatedAt" = now()`;
    }
  } catch (err) {
    // Put them back: the next flush tries again.
    for (const [key, count] of batch) pending.set(key, (pending.get(key) ?? 0) + count);
    logFor("metrics").warn({ error: errorSummary(err) }, "could not store marketplace request counts");
  }
}
