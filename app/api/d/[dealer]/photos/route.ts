/**
 * The dealer's photos (docs/decisions/photos.md).
 * POST: one photo per request, the file's bytes as the body → 201 (new) or 200 (already there)
 *       with the photo, or an error code. GET: the dealer's photos (?ids=a,b for some) and limits.
 */
import { ACCEPTED_FORMATS } from "@/lib/photos/sniff";
import { crossSiteResponse, isCrossSite, photoErrorResponse } from "@/lib/photos/http";
import { listPhotos, uploadPhoto } from "@/lib/photos/service";
import { photoSettings } from "@/lib/photos/settings";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const POST = dealerRoute("listings.edit", async (request, { dealer, user }) => {
  if (isCrossSite(request)) return crossSiteResponse();
  try {
    const { photo, created } = await uploadPhoto(dealer.id, user.id, request);
    return Response.json(photo, { status: created ? 201 : 200, headers: { "cache-control": "no-store" } });
  } catch (e) {
    return photoErrorResponse(e);
  }
});

export const GET = dealerRoute("listings.view", async (request, { dealer }) => {
  const ids = new URL(request.url).searchParams.get("ids");
  const photos = await listPhotos(dealer.id, { ids: ids ? ids.split(",").filter(Boolean).slice(0, 200) : undefined });
  return Response.json(
    { photos, limits: { maxUploadBytes: photoSettings().maxUploadBytes, acceptedFormats: ACCEPTED_FORMATS } },
    { headers: { "cache-control": "no-store" } },
  );
});
