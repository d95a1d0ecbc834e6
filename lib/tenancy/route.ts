/**
 * For JSON route handlers under /api/d/[dealer]/…: 401 when signed out, 404 when the user cannot
 * reach the dealer with this permission (the same answer as a dealer that does not exist).
 * The handler also gets the route's other params (e.g. `id` in /api/d/[dealer]/photos/[id]).
 */
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { msg } from "@/lib/i18n/message";
import { requestTranslator } from "@/lib/i18n/server";
import type { Permission } from "@/lib/auth/permissions";
import { dealerAccessWith, type DealerAccess } from "@/lib/tenancy/dealers";

type Context<P> = { params: Promise<P> };

export function dealerRoute<P extends { dealer: string } = { dealer: string }>(
  permission: Permission,
  handler: (request: Request, access: DealerAccess & { user: SessionUser }, params: P) => Promise<Response>,
) {
  return async (request: Request, { params }: Context<P>): Promise<Response> => {
    const user = await currentUser();
    if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
    // A NUL character cannot reach PostgreSQL (it would fail the query): refused as a bad request.
    if ([...new URL(request.url).searchParams.values()].some((v) => v.includes("\u0000"))) {
      return Response.json({ error: (await requestTranslator()).text(msg("validation.unstorableText")) }, { status: 400 });
    }
    const resolved = await params;
    // Nothing we store has a NUL in its id: such a path names nothing (and would fail the query).
    if (Object.values(resolved).some((v) => typeof v === "string" && v.includes("\u0000"))) return Response.json({ error: "Not found." }, { status: 404 });
    const access = await dealerAccessWith(user, resolved.dealer, permission);
    if (!access) return Response.json({ error: "Not found." }, { status: 404 });
    return handler(request, { ...access, user }, resolved);
  };
}
