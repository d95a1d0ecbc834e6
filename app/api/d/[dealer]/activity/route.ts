/** The activity timeline as JSON, polled by the Activity views. */
import { activityQuerySchema, activityTimeline } from "@/lib/activity/timeline";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute("activity.view", async (request, { dealer }) => {
  const query = activityQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await activityTimeline(dealer.id, query), { headers: { "cache-control": "no-store" } });
});
