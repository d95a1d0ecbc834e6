/** One car's paid promotions with their state and the marketplace's log lines, polled by the car page. */
import { listingPromotions } from "@/lib/promotions/service";
import { NotFoundError } from "@/lib/errors";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute<{ dealer: string; id: string }>("promotions.view", async (_request, { dealer }, { id }) => {
  try {
    return Response.json({ promotions: await listingPromotions(dealer.id, id) }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof NotFoundError) return Response.json({ error: "Not found." }, { status: 404 });
    throw err;
  }
});
