/**
 * Blocket, the server-only half: the adapter built from what the server injects (the shared rate
 * budget, a logger, settings). No database, no environment: the registry passes them in.
 */
import "server-only";
import type { MarketplaceRuntime } from "../types";
import { BLOCKET_WINDOWS, createBlocketAdapter } from "./adapter";
import { blocket } from "./descriptor";

export const blocketRuntime: MarketplaceRuntime = {
  descriptor: blocket,
  rateWindows: BLOCKET_WINDOWS,
  createAdapter: ({ budget, log, settings, onAttempt }) =>
    createBlocketAdapter({
      budget,
      log,
      onAttempt,
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      minBackoffMs: settings.minBackoffMs,
      maxBackoffMs: settings.maxBackoffMs,
      maxResponseBytes: settings.maxResponseBytes,
      maxPages: settings.maxPages,
    }),
};
