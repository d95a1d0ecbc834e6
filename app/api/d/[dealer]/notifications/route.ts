/**
 * The bell's JSON (issue #15 item 6), polled by the header: what needs the signed-in user now,
 * across the dealers they may see, the one in view first. 401 signed out, 404 for a dealer the
 * user cannot reach. Names, counts and links only: never a token or a marketplace's raw answer.
 */
import { inboxOf } from "@/lib/notifications/inbox";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute("dealer.view", async (_request, { dealer, user }) =>
  Response.json(await inboxOf(user, dealer.id), { headers: { "cache-control": "no-store" } }));
