/**
 * Pre-flight: each marketplace's own rules for one listing, per connection of the dealer, with no
 * network call. Pure, so the editor runs it live in the browser and the server runs the same code.
 */
import type { ChannelOverrides, Listing } from "@/lib/listings/schema";
import type { MarketplaceIdentity, Problem } from "@/lib/marketplaces/types";
import { okasieProblems } from "@/lib/marketplaces/okasie/rules";
import { blocketPreflight } from "@/lib/marketplaces/blocket/rules";

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
    const problems = t.identity.marketplace === "OKASIE" ? okasieProblems(input, t.identity) : blocketPreflight(input, t.identity);
    return { ...t, problems, ok: !problems.some((p) => p.severity === "error") };
  });
}
