/** Connections and recent sync runs, polled by the Syncs page while a run is in progress. */
import { currentUser } from "@/lib/auth/session";
import { syncsOverview } from "@/lib/sync/overview";
import { dealerAccessWith } from "@/lib/tenancy/dealers";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ dealer: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  const access = await dealerAccessWith(user, (await params).dealer, "syncs.view");
  if (!access) return Response.json({ error: "Not found." }, { status: 404 });
  return Response.json(await syncsOverview(access.dealer.id), { headers: { "cache-control": "no-store" } });
}
