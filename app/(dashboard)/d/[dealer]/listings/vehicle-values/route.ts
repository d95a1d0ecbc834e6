/**
 * The editor's make and model lists (lib/vehicles/lookups.ts): `?list=brands`, or
 * `?list=models&brand=<id>`. Served from the database cache; the browser keeps them an hour.
 */
import { z } from "zod";
import { dealerRoute } from "@/lib/tenancy/route";
import { vehicleOptions } from "@/lib/vehicles/lookups";

export const dynamic = "force-dynamic";

const querySchema = z.discriminatedUnion("list", [
  z.object({ list: z.literal("brands") }),
  z.object({ list: z.literal("models"), brand: z.string().trim().min(1).max(100) }),
]);

export const GET = dealerRoute("listings.edit", async (request, access) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Ask for list=brands, or list=models with a brand." }, { status: 400 });
  const list = parsed.data.list === "brands" ? { kind: "brands" as const } : { kind: "models" as const, brand: parsed.data.brand };
  const options = await vehicleOptions(access.dealer.id, list);
  return Response.json(options, { headers: { "cache-control": "private, max-age=3600" } });
});
