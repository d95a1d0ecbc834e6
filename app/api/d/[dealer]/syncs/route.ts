/** Connections and recent sync runs, polled by the Syncs page while a run is in progress. */
import { syncsOverview } from "@/lib/sync/overview";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute("syncs.view", async (_request, { dealer }) =>
  Response.json(await syncsOverview(dealer.id), { headers: { "cache-control": "no-store" } }),
);
