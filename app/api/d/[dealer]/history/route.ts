/** A car's history or the dealer's Activity, one entry per change, as JSON (lib/history/timeline.ts). */
import { history, historyQuerySchema } from "@/lib/history/timeline";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute("activity.view", async (request, { dealer }) => {
  const query = historyQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await history(dealer.id, query), { headers: { "cache-control": "no-store" } });
});
