/** The listings grid as JSON, for TanStack Query on the client. Same query as the page. */
import { currentUser } from "@/lib/auth/session";
import { parseGridQuery, queryListingsGrid } from "@/lib/listings/grid";
import { dealerAccessWith } from "@/lib/tenancy/dealers";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ dealer: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  const access = await dealerAccessWith(user, (await params).dealer, "listings.view");
  if (!access) return Response.json({ error: "Not found." }, { status: 404 });
  const result = await queryListingsGrid(access.dealer.id, parseGridQuery(new URL(request.url).searchParams));
  return Response.json(result, { headers: { "cache-control": "no-store" } });
}
