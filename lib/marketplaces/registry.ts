/**
 * The adapters by marketplace, and the call context built from a stored connection. The only
 * place outside the sync engine that knows which adapter serves which marketplace.
 */
import type { ConnectionContext, MarketplaceAdapter, MarketplaceId, MarketplaceIdentity } from "@/lib/marketplaces/types";
import { createOkasieAdapter, okasieAdapter } from "@/lib/marketplaces/okasie";
import { blocketAdapter, createBlocketAdapter } from "@/lib/marketplaces/blocket/adapter";
import { budgetKeyFor } from "@/lib/marketplaces/pacer";
import { env } from "@/lib/env";

export const MARKETPLACES = {
  OKASIE: { label: "Okasie", country: "BE", productionUrl: "https://www.okasie.be/api/external/v1", sandboxUrl: () => env().SANDBOX_OKASIE_URL },
  BLOCKET: { label: "Blocket/Bytbil", country: "SE", productionUrl: "https://api.blocket.se/pro-import-api", sandboxUrl: () => env().SANDBOX_BLOCKET_URL },
} as const satisfies Record<MarketplaceId, unknown>;

export function adapterFor(marketplace: MarketplaceId): MarketplaceAdapter {
  return marketplace === "OKASIE" ? okasieAdapter : blocketAdapter;
}

/** Adapters for an interactive check: one quick retry, so a dead host answers within seconds. */
const quickCheck = {
  OKASIE: createOkasieAdapter({ client: { retries: 1, timeoutMs: 8_000, minBackoffMs: 200, maxBackoffMs: 1_000 } }),
  BLOCKET: createBlocketAdapter({ retries: 1, timeoutMs: 8_000, minBackoffMs: 200, maxBackoffMs: 1_000 }),
};
export const checkAdapterFor = (marketplace: MarketplaceId): MarketplaceAdapter => quickCheck[marketplace];

export interface StoredIdentity {
  marketplace: MarketplaceId;
  dealerProfileId?: string | null;
  dealerLocationCode?: string | null;
  dealerCode?: string | null;
  tokenScope?: string | null;
}

export function identityOf(c: StoredIdentity): MarketplaceIdentity {
  if (c.marketplace === "OKASIE") return { marketplace: "OKASIE", dealerProfileId: c.dealerProfileId ?? null, dealerLocationCode: c.dealerLocationCode ?? null };
  return { marketplace: "BLOCKET", dealerCode: c.dealerCode ?? "", tokenScope: c.tokenScope === "dealer_group" ? "dealer_group" : "dealer_code" };
}

/** The context for one call. The token is only ever held here, for the duration of that call. */
export function contextFor(c: StoredIdentity & { baseUrl: string }, token: string, signal?: AbortSignal): ConnectionContext {
  return { baseUrl: c.baseUrl, token, identity: identityOf(c), budgetKey: budgetKeyFor(c.marketplace.toLowerCase(), token), signal };
}
