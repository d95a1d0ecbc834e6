/**
 * The client tolerates every documented variant the simulator does not serve: the older nested
 * `GET /locations` revision, bulk error items with the code nested under `error`, and unknown
 * extra fields. Answers are canned Responses, as the real Okasie would send them.
 */
import { describe, expect, it } from "vitest";
import { OkasieClient } from "@/lib/marketplaces/okasie/client";
import { createOkasieAdapter } from "@/lib/marketplaces/okasie/adapter";
import { createMemoryBudget } from "@/lib/marketplaces/pacer";
import { car } from "./listings";

const answer = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("documentation variants", () => {
  it("flattens the older nested locations revision and derives parentId from nesting", async () => {
    const client = new OkasieClient({
      baseUrl: "https://okasie.test/api/external/v1", token: "t",
      fetchImpl: answer({ data: [{ id: "p1", locationCode: "DEX-HQ", companyName: "DEX", stats: { activeListings: 1 }, children: [{ id: "c1", locationCode: "DEX-GENT", companyName: "DEX Gent", children: [] }] }], meta: { total: 2, partner: { id: "x" } } }),
    });
    const locations = await client.locations();
    expect(locations.map((l) => [l.id, l.parentId, l.locationCode])).toEqual([["p1", null, "DEX-HQ"], ["c1", "p1", "DEX-GENT"]]);
  });

  it("reads bulk error items with code/message nested under error, and extra fields", async () => {
    const adapter = createOkasieAdapter({
      budget: createMemoryBudget([{ points: 100, durationSec: 1 }]),
      client: {
        fetchImpl: answer({
          data: {
            successCount: 1, errorCount: 1, surprise: true,
            results: [{ index: 0, externalReference: "A", listingId: "id-a", status: "active", created: true, extra: 1 }],
            errors: [{ index: 1, error: { code: "VALIDATION_FAILED", message: "Payload validation failed", issues: [{ path: ["location", "city"], message: "Required", code: "invalid_type" }] } }],
          },
        }),
      },
    });
    const out = await adapter.push([{ listing: car("A") }, { listing: car("B") }], {
      baseUrl: "https://okasie.test/api/external/v1", token: "t", budgetKey: "k", identity: { marketplace: "OKASIE", dealerLocationCode: "DEX-GENT" },
    });
    expect(out[0]).toMatchObject({ reference: "A", result: "live", remoteId: "id-a" });
    expect(out[1]).toMatchObject({ reference: "B", result: "rejected", code: "VALIDATION_FAILED" });
    expect(out[1].issues).toEqual([{ field: "city", severity: "error", code: "invalid_type", message: "Required" }]);
  });

  it("reports a 2xx of unexpected shape instead of trusting it", async () => {
    const client = new OkasieClient({ baseUrl: "https://okasie.test/api/external/v1", token: "t", fetchImpl: answer({ items: [] }) });
    await expect(client.listPage({ page: 1 })).rejects.toMatchObject({ kind: "malformed" });
  });
});
