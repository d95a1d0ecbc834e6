/** JSON of a dealer's recent listings, for TanStack Query on the client. */
import { currentUser } from "@/lib/auth/session";
import { recentListings } from "@/lib/listings/queries";
import { dealerAccessWith } from "@/lib/tenancy/dealers";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ dealer: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  const access = await dealerAccessWith(user, (await params).dealer, "listings.view");
  if (!access) return Response.json({ error: "Not found." }, { status: 404 });
  return Response.json({ listings: await recentListings(access.dealer.id) });
}
