/**
 * Adapters as the server uses them: each marketplace's runtime (from the registry) built with the
 * shared PostgreSQL rate budget, a logger, and the settings of lib/env.ts. Built per run so each
 * run counts its own requests. Budgets are shared by every process that uses the same token.
 */
import "server-only";
import { env } from "@/lib/env";
import { createPostgresBudget, type PacedBudget } from "@/lib/marketplaces/pacer";
import { runtimeOf, settingsOf } from "@/lib/marketplaces/registry/server";
import type { AttemptInfo, MarketplaceAdapter, RuntimeSettings } from "@/lib/marketplaces/types";
import { syncPool } from "./pool";
import { logFor } from "@/lib/log";
import { recordMarketplaceAttempt } from "@/lib/metrics/requests";

export type { AttemptInfo };

const budgets = new Map<string, PacedBudget>();

/** One budget per marketplace and process, its counters in PostgreSQL. */
function budgetFor(marketplace: string): PacedBudget {
  let b = budgets.get(marketplace);
  if (!b) {
    const override = settingsOf(marketplace).rateWindows;
    // Overridden windows get their own keys, so they never share counters with the real limits.
    const prefix = `${marketplace.toLowerCase()}${override ? `-${override.map((w) => `${w.points}_${w.durationSec}`).join("_")}` : ""}`;
    b = createPostgresBudget(syncPool(), override ?? runtimeOf(marketplace).rateWindows, { keyPrefix: prefix });
    budgets.set(marketplace, b);
  }
  return b;
}

export interface AdapterOptions {
  onAttempt?: (info: AttemptInfo) => void;
  /** Interactive checks: one quick retry, so a dead host answers within seconds. */
  quick?: boolean;
}

export function adapterFor(marketplace: string, options: AdapterOptions = {}): MarketplaceAdapter {
  const e = env();
  const tuning: Partial<RuntimeSettings> = options.quick
    ? { retries: 1, timeoutMs: 8_000, minBackoffMs: 200, maxBackoffMs: 1_000 }
    : { timeoutMs: e.SYNC_HTTP_TIMEOUT_MS, retries: e.SYNC_HTTP_RETRIES, minBackoffMs: e.SYNC_HTTP_MIN_BACKOFF_MS, maxBackoffMs: e.SYNC_HTTP_MAX_BACKOFF_MS };
  // The runtime's lines are already free of secrets; the logger scrubs them once more.
  const log = logFor("marketplace", { marketplace: marketplace.toLowerCase() });
  return runtimeOf(marketplace).createAdapter({
    budget: budgetFor(marketplace),
    log: (line) => log.warn(line),
    settings: {
      ...tuning,
      maxResponseBytes: e.MARKETPLACE_MAX_RESPONSE_BYTES,
      maxPages: e.MARKETPLACE_MAX_PAGES,
      concurrency: settingsOf(marketplace).concurrency,
    },
    // Every attempt also feeds the operator metrics (requests and 429s per marketplace, lib/metrics).
    onAttempt: (info) => {
      recordMarketplaceAttempt(marketplace, info.status);
      options.onAttempt?.(info);
    },
  });
}
