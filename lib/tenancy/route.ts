/**
 * For JSON route handlers under /api/d/[dealer]/…: 401 when signed out, 404 when the user cannot
 * reach the dealer with this permission (the same answer as a dealer that does not exist).
 */
import { currentUser } from "@/lib/auth/session";
import { msg } from "@/lib/i18n/message";
import { requestTranslator } from "@/lib/i18n/server";
import type { Permission } from "@/lib/auth/permissions";
import { dealerAccessWith, type DealerAccess } from "@/lib/tenancy/dealers";

type Context = { params: Promise<{ dealer: string }> };

export function dealerRoute(permission: Permission, handler: (request: Request, access: DealerAccess) => Promise<Response>) {
  return async (request: Request, { params }: Context): Promise<Response> => {
    const user = await currentUser();
    if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
    // A NUL character cannot reach PostgreSQL (it would fail the query): refused as a bad request.
    if ([...new URL(request.url).searchParams.values()].some((v) => v.includes("\u0000"))) {
      return Response.json({ error: (await requestTranslator()).text(msg("validation.unstorableText")) }, { status: 400 });
    }
    const access = await dealerAccessWith(user, (await params).dealer, permission);
    if (!access) return Response.json({ error: "Not found." }, { status: 404 });
    return handler(request, access);
  };
}
