/** One photo of the dealer: GET it, DELETE it (refused with in_use while a listing shows it). */
import { crossSiteResponse, isCrossSite, photoErrorResponse } from "@/lib/photos/http";
import { deletePhoto, getPhoto } from "@/lib/photos/service";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

type Params = { dealer: string; id: string };

export const GET = dealerRoute<Params>("listings.view", async (_request, { dealer }, { id }) => {
  try {
    return Response.json(await getPhoto(dealer.id, id), { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return photoErrorResponse(e);
  }
});

export const DELETE = dealerRoute<Params>("listings.edit", async (request, { dealer }, { id }) => {
  if (isCrossSite(request)) return crossSiteResponse();
  try {
    await deletePhoto(dealer.id, id);
    return new Response(null, { status: 204 });
  } catch (e) {
    return photoErrorResponse(e);
  }
});
