/**
 * The dry-run plan of a connection's next sync, as JSON (issue #15): for the "Sync now" preview
 * and for integrators. Signed in, dealer-scoped (`syncs.view`); another dealer's connection, or
 * one that does not exist, is 404. `&hold=RUN`: the plan a waiting removal hold's confirmation
 * would run (that hold's cars may go offline). No marketplace is called.
 */
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { syncPlan } from "@/lib/sync/preview";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

// `hold`: a waiting removal hold's run — the plan of what its confirmation would do.
const query = z.object({ connection: z.string().min(1).max(40), hold: z.string().min(1).max(40).optional() });

export const GET = dealerRoute("syncs.view", async (request, { dealer }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Give the connection: ?connection=<id>.", field: "connection" }, { status: 400 });
  try {
    return Response.json(await syncPlan(dealer.id, parsed.data.connection, "MANUAL", { heldRunId: parsed.data.hold }), { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof NotFoundError) return Response.json({ error: "Not found." }, { status: 404 });
    throw err;
  }
});
