/**
 * The marketplace registry, client-safe half: together with ./server.ts the only code that maps a
 * marketplace id to its module. A new marketplace is its folder plus one line here (its
 * descriptor) and one in ./server.ts (its runtime and settings).
 *
 * Everything else asks a descriptor — capabilities, currency, identity, texts — and never
 * compares a marketplace's name.
 */
import { blocket } from "@/lib/marketplaces/blocket/descriptor";
import { okasie } from "@/lib/marketplaces/okasie/descriptor";
import type { AccountFields, MarketplaceDescriptor, MarketplaceIdentity } from "../types";

const descriptors = new Map<string, MarketplaceDescriptor>();
for (const d of [okasie, blocket]) descriptors.set(d.id, d);

export class UnknownMarketplaceError extends Error {
  constructor(id: string) {
    super(`Unknown marketplace "${id}": it is not in the registry (lib/marketplaces/registry).`);
    this.name = "UnknownMarketplaceError";
  }
}

/** Every registered marketplace id, in registration order. */
export function marketplaceIds(): string[] {
  return [...descriptors.keys()];
}

export function isMarketplaceId(id: unknown): boolean {
  return typeof id === "string" && descriptors.has(id);
}

export function descriptorOf(id: string): MarketplaceDescriptor {
  const d = descriptors.get(id);
  if (!d) throw new UnknownMarketplaceError(id);
  return d;
}

export function marketplaceDescriptors(): MarketplaceDescriptor[] {
  return [...descriptors.values()];
}

/** The identity a stored connection publishes as (its marketplace's reading of the account columns). */
export function identityOf(connection: { marketplace: string } & AccountFields): MarketplaceIdentity {
  return descriptorOf(connection.marketplace).identity.fromStored(connection);
}

/**
 * Adds a descriptor at run time. Only `registerMarketplace` (./server.ts) calls it, and only in
 * tests: a module of the test tree registers a fake marketplace through it.
 */
export function registerDescriptor(descriptor: MarketplaceDescriptor): void {
  if (descriptors.has(descriptor.id) && descriptors.get(descriptor.id) !== descriptor) throw new Error(`Marketplace ${descriptor.id} is already registered.`);
  descriptors.set(descriptor.id, descriptor);
}
