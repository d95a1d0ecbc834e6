/**
 * Okasie, the server-only half: the adapter built from what the server injects (the shared rate
 * budget, a logger, settings). No database, no environment: the registry passes them in.
 */
import "server-only";
import type { MarketplaceRuntime } from "../types";
import { createOkasieAdapter, OKASIE_WINDOWS } from "./adapter";
import { okasie } from "./descriptor";

export const okasieRuntime: MarketplaceRuntime = {
  descriptor: okasie,
  rateWindows: OKASIE_WINDOWS,
  createAdapter: ({ budget, log, settings, onAttempt }) =>
    createOkasieAdapter({
      budget,
      log,
      client: {
        timeoutMs: settings.timeoutMs,
        retries: settings.retries,
        minBackoffMs: settings.minBackoffMs,
        maxBackoffMs: settings.maxBackoffMs,
        maxResponseBytes: settings.maxResponseBytes,
        maxPages: settings.maxPages,
        onAttempt,
      },
    }),
};
