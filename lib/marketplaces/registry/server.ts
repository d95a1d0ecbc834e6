/**
 * The marketplace registry, server-only half: each marketplace's runtime and the settings it gets
 * from the environment (lib/env.ts). See ./index.ts for the client-safe half.
 */
import "server-only";
import { env } from "@/lib/env";
import { blocketRuntime } from "@/lib/marketplaces/blocket/runtime";
import { okasieRuntime } from "@/lib/marketplaces/okasie/runtime";
import type { MarketplaceRuntime, RateWindow } from "../types";
import { descriptorOf, registerDescriptor } from "./index";

/** What the deployment configures per marketplace. */
export interface MarketplaceSettings {
  /** The local simulator's base URL (sandbox connections only). */
  sandboxUrl: string;
  /** Rate windows replacing the documented ones (tests and benchmarks); unset = documented. */
  rateWindows?: RateWindow[];
  /** Parallel requests inside one adapter call, for adapters that fan out. */
  concurrency?: number;
}

interface Registered {
  runtime: MarketplaceRuntime;
  settings: () => MarketplaceSettings;
}

const runtimes = new Map<string, Registered>();
const add = (runtime: MarketplaceRuntime, settings: () => MarketplaceSettings) => runtimes.set(runtime.descriptor.id, { runtime, settings });

add(okasieRuntime, () => ({ sandboxUrl: env().SANDBOX_OKASIE_URL, rateWindows: env().SYNC_OKASIE_WINDOWS }));
add(blocketRuntime, () => ({ sandboxUrl: env().SANDBOX_BLOCKET_URL, rateWindows: env().SYNC_BLOCKET_WINDOWS, concurrency: env().SYNC_BLOCKET_CONCURRENCY }));

function registered(id: string): Registered {
  descriptorOf(id); // an unknown id fails the same way on both halves
  const r = runtimes.get(id);
  if (!r) throw new Error(`Marketplace ${id} has a descriptor but no runtime in lib/marketplaces/registry/server.ts.`);
  return r;
}

export function runtimeOf(id: string): MarketplaceRuntime {
  return registered(id).runtime;
}

export function settingsOf(id: string): MarketplaceSettings {
  return registered(id).settings();
}

/**
 * Test tree only: registers a whole marketplace module (both halves) at run time, the way its
 * lines in the two registry files would. Refused outside NODE_ENV=test.
 */
export function registerMarketplace(runtime: MarketplaceRuntime, settings: () => MarketplaceSettings): void {
  if (env().NODE_ENV !== "test") throw new Error("registerMarketplace is for tests only.");
  registerDescriptor(runtime.descriptor);
  add(runtime, settings);
}
