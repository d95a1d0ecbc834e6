/** The listings grid as JSON, for TanStack Query on the client. Same query as the page. */
import { parseGridQuery, queryListingsGrid } from "@/lib/listings/grid";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute("listings.view", async (request, { dealer }) =>
  Response.json(await queryListingsGrid(dealer.id, parseGridQuery(new URL(request.url).searchParams)), { headers: { "cache-control": "no-store" } }),
);
