/**
 * Pre-flight: each marketplace's own rules for one listing, per connection of the dealer, with no
 * network call. Pure, so the editor runs it live in the browser and the server runs the same code:
 * the rules come from each marketplace's client-safe descriptor (the registry's client half).
 */
import type { ChannelOverrides, Listing } from "@/lib/listings/schema";
import type { MarketplaceIdentity, Problem } from "@/lib/marketplaces/types";
import { descriptorOf } from "@/lib/marketplaces/registry";

export interface PreflightTarget {
  connectionId: string;
  name: string;
  identity: MarketplaceIdentity;
}

export interface PreflightResult extends PreflightTarget {
  problems: Problem[];
  ok: boolean;
}

export function preflight(listing: Listing, targets: PreflightTarget[], overrides: Record<string, ChannelOverrides | undefined> = {}): PreflightResult[] {
  return targets.map((t) => {
    const input = { listing, overrides: overrides[t.connectionId] ?? null };
    const problems = descriptorOf(t.identity.marketplace).preflight(input, t.identity);
    return { ...t, problems, ok: !problems.some((p) => p.severity === "error") };
  });
}
