/**
 * The guide's JavaScript (fixtures/okasie-guide.js, verbatim) against the simulator with the
 * documented rate limits on: each function does what the guide says it does.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain-JS fixture, transcribed verbatim from the docs
import * as guide from "./fixtures/okasie-guide.js";
import { startSim, validBody, SANDBOX_SECRET } from "./helpers";

const DOC_BASE = "https://www.okasie.be/api/external/v1";
let s: Awaited<ReturnType<typeof startSim>>;
let lastSync = "";
const processed: any[] = [];

beforeAll(async () => {
  s = await startSim();
  guide.useEnvironment({
    fetch: (url: string, init?: RequestInit) => fetch(String(url).replace(DOC_BASE, s.baseUrl), init),
    db: { getLastSyncTimestamp: async () => lastSync, setLastSyncTimestamp: async (v: string) => void (lastSync = v) },
    processListingChange: async (listing: unknown) => void processed.push(listing),
    sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)),
    chunkArray: <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size)),
  });
});
afterAll(async () => s.close());
beforeEach(async () => {
  await s.sim("/reset", {});
  processed.length = 0;
});

const inventory = (n: number, from = 0) => Array.from({ length: n }, (_, i) => validBody({ externalReference: `G-${from + i}`, price: 10_000 + i }));

describe("the incremental-sync guide's functions", () => {
  it("syncInventoryBatch pushes in chunks of 100 and adds up successes and errors", async () => {
    const items = [...inventory(149), validBody({ externalReference: "G-bad", price: null })];
    const result = await guide.syncInventoryBatch(items, SANDBOX_SECRET);
    expect(result.success).toBe(149);
    expect(result.errors).toEqual([{ index: 49, externalReference: "G-bad", code: "INVALID_PRICE", message: "Price required for active listings" }]);
    expect((await s.sim("/state")).stats.byStatus).toEqual({ 200: 2 });
  });

  it("fetchAllListings pages with pageSize 200 until totalPages", async () => {
    await guide.syncInventoryBatch(inventory(250), SANDBOX_SECRET);
    const all = await guide.fetchAllListings(SANDBOX_SECRET, { status: "all" });
    expect(all).toHaveLength(252);
    expect(new Set(all.map((l: any) => l.id)).size).toBe(252);
    const active = await guide.fetchAllListings(SANDBOX_SECRET);
    expect(active.every((l: any) => l.status === "active")).toBe(true);
  });

  it("incrementalSync processes what changed since the last sync and moves the cursor", async () => {
    await guide.syncInventoryBatch(inventory(3), SANDBOX_SECRET);
    await s.sim("/clock", { advanceMs: 60_000 });
    lastSync = (await s.sim("/clock")).now;
    await s.api("/listings/G-1", { method: "PUT", json: validBody({ price: 999 }) });
    await guide.incrementalSync(SANDBOX_SECRET);
    expect(processed.map((l) => [l.externalReference, l.price])).toEqual([["G-1", 999]]);
    expect(Date.parse(lastSync)).toBeGreaterThan(0);
  });

  it("markListingsAsSold marks each reference sold and reports unknown ones as failed", async () => {
    await guide.syncInventoryBatch(inventory(2), SANDBOX_SECRET);
    const results = await guide.markListingsAsSold(["G-0", "G-1", "unknown/ref"], SANDBOX_SECRET);
    expect(results).toEqual([{ ref: "G-0", success: true }, { ref: "G-1", success: true }, { ref: "unknown/ref", success: false }]);
    const sold = await s.api("/listings?status=sold&pageSize=200");
    expect(sold.body.data.map((l: any) => l.externalReference).filter(Boolean).sort()).toEqual(["G-0", "G-1"]);
  });
});
