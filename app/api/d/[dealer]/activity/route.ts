/** The activity timeline as JSON, polled by the Activity views. */
import { currentUser } from "@/lib/auth/session";
import { activityQuerySchema, activityTimeline } from "@/lib/activity/timeline";
import { dealerAccessWith } from "@/lib/tenancy/dealers";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ dealer: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  const access = await dealerAccessWith(user, (await params).dealer, "activity.view");
  if (!access) return Response.json({ error: "Not found." }, { status: 404 });
  const query = activityQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await activityTimeline(access.dealer.id, query), { headers: { "cache-control": "no-store" } });
}
