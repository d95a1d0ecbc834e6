/**
 * The first sync's "import them?" offer follows the capability importExisting. Blocket declares it
 * (its reverse mapping is lib/marketplaces/blocket/import.ts): a Blocket-only ad is offered and
 * imports (it used to be offered and then fail with "available for Okasie connections"); ads that
 * do have a local listing are matched on the first sync, never offered. tests/blocket/import.test.ts
 * covers the import itself.
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_import_offer";
import { listingSchema } from "@/lib/listings/schema";
import { createBlocketAdapter } from "@/lib/marketplaces/blocket/adapter";
import { syncsOverview } from "@/lib/sync/overview";
import { stopQueue } from "@/lib/sync/queue";
import { importRemoteOnly } from "@/lib/sync/service";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { BLOCKET_TOKEN, blocketCar, insertListings, makeConnection, makeDealer, publications, syncNow } from "../sync/helpers";
import { words } from "../helpers/words";

let sim: Awaited<ReturnType<typeof startBlocketSandbox>>;
beforeAll(async () => { sim = await startBlocketSandbox({ port: 0, processingDelayMs: 5 }); });
afterAll(async () => { await sim?.close(); await stopQueue(); });

describe("Blocket's first sync", () => {
  it("matches what it can, offers the Blocket-only ad, and imports it", async () => {
    // Two ads already on Blocket for FC-STHLM: one the dealer also has in Forecourt, one only Blocket has.
    const direct = createBlocketAdapter({ requestsPerSecond: 1000 });
    const conn = { baseUrl: sim.baseUrl, token: BLOCKET_TOKEN, identity: { marketplace: "BLOCKET", dealerCode: "FC-STHLM", tokenScope: "dealer_group" }, budgetKey: "offer-test" };
    const out = await direct.push([blocketCar("OFFER-BOTH", 1), blocketCar("OFFER-BLOCKET-ONLY", 2)].map((l) => ({ listing: listingSchema.parse(l) })), conn);
    expect(out.map((o) => o.result)).toEqual(["accepted", "accepted"]);

    const dealer = await makeDealer("SE");
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    await insertListings(dealer.id, [blocketCar("OFFER-BOTH", 1)]);
    const first = await syncNow(dealer.id, connection.id);
    expect(first.status).toBe("SUCCEEDED");
    expect(first.remoteOnly.map((r) => r.reference)).toEqual(["OFFER-BLOCKET-ONLY"]);
    expect(words(first.message)).toMatch(/can be imported/);
    // The shared reference was matched before the push: updated in place, never a second ad.
    expect(first).toMatchObject({ created: 0, updated: 1 });
    const [pub] = await publications(dealer.id, connection.id);
    expect(pub.remoteId).toBeTruthy();
    expect([...sim.sandbox.state.store.all()].filter((a) => a.sourceId === "OFFER-BOTH")).toHaveLength(1);

    const overview = await syncsOverview(dealer.id);
    expect(overview.connections[0].marketplace).toMatchObject({ id: "BLOCKET", canImport: true });
    const imported = await importRemoteOnly(dealer.id, connection.id, ["OFFER-BLOCKET-ONLY"]);
    expect(imported).toMatchObject({ imported: ["OFFER-BLOCKET-ONLY"], skipped: [] });
  });
});
