/**
 * The adapters the engine uses, built per run so each run can count its own requests. Rate
 * budgets live in PostgreSQL (pacer.ts) and are shared by every worker process. Client tuning
 * (timeouts, backoff) and the budgets' windows can be adjusted by environment for tests and
 * benchmarks; production uses the documented limits.
 */
import { createBlocketAdapter } from "@/lib/marketplaces/blocket/adapter";
import { createOkasieAdapter } from "@/lib/marketplaces/okasie/adapter";
import { createPostgresBudget, OKASIE_WINDOWS, type BudgetWindow, type PacedBudget } from "@/lib/marketplaces/pacer";
import type { MarketplaceAdapter, MarketplaceId } from "@/lib/marketplaces/types";
import { syncPool } from "./pool";
import { recordMarketplaceAttempt } from "@/lib/metrics/requests";

export interface AttemptInfo { method: string; path: string; status: number | null; attempt: number }

/** "120/60,5/1" → windows; empty → fallback. */
function windowsFromEnv(value: string | undefined, fallback: BudgetWindow[]): BudgetWindow[] {
  if (!value) return fallback;
  return value.split(",").map((w) => {
    const [points, duration] = w.split("/").map(Number);
    if (!(points > 0 && duration > 0)) throw new Error(`Bad rate window "${w}" (expected points/seconds)`);
    return { points, durationSec: duration };
  });
}

const num = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

/** Client tuning from the environment (tests shorten the backoff); undefined = the client default. */
function tuning() {
  return {
    timeoutMs: num("SYNC_HTTP_TIMEOUT_MS"),
    retries: num("SYNC_HTTP_RETRIES"),
    minBackoffMs: num("SYNC_HTTP_MIN_BACKOFF_MS"),
    maxBackoffMs: num("SYNC_HTTP_MAX_BACKOFF_MS"),
  };
}
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const budgets = new Map<MarketplaceId, PacedBudget>();
function budgetFor(marketplace: MarketplaceId): PacedBudget {
  let b = budgets.get(marketplace);
  if (!b) {
    // Overridden windows get their own keys, so they never share counters with the real limits.
    const override = marketplace === "OKASIE" ? process.env.SYNC_OKASIE_WINDOWS : process.env.SYNC_BLOCKET_WINDOWS;
    const prefix = `${marketplace.toLowerCase()}${override ? `-${override.replace(/[^0-9]+/g, "_")}` : ""}`;
    b = marketplace === "OKASIE"
      ? createPostgresBudget(syncPool(), windowsFromEnv(override, OKASIE_WINDOWS), { keyPrefix: prefix })
      : createPostgresBudget(syncPool(), windowsFromEnv(override, [{ points: 10, durationSec: 1 }]), { keyPrefix: prefix });
    budgets.set(marketplace, b);
  }
  return b;
}

export function adapterForRun(marketplace: MarketplaceId, countAttempt?: (info: AttemptInfo) => void): MarketplaceAdapter {
  const t = defined(tuning());
  // Every attempt also feeds the operator metrics (requests and 429s per marketplace, lib/metrics).
  const onAttempt = (info: AttemptInfo) => { recordMarketplaceAttempt(marketplace, info.status); countAttempt?.(info); };
  if (marketplace === "OKASIE") {
    return createOkasieAdapter({
      budget: () => budgetFor("OKASIE"),
      log: (line) => console.warn(`[okasie] ${line}`),
      client: { ...t, onAttempt },
    });
  }
  return createBlocketAdapter({
    ...t,
    budget: budgetFor("BLOCKET"),
    concurrency: num("SYNC_BLOCKET_CONCURRENCY") ?? 4,
    onAttempt,
  });
}
