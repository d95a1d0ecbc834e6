/**
 * Importing ads that exist only on Blocket (capability importExisting), against the Blocket
 * sandbox over HTTP: the first sync offers them, the import maps them back to listings and reports
 * per ad what has no place in a listing, and the sync after the import writes nothing.
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_blocket_import";
import { db } from "@/lib/db";
import { parseMessage } from "@/lib/i18n/message";
import { fromRow } from "@/lib/listings/store";
import { syncsOverview } from "@/lib/sync/overview";
import { stopQueue } from "@/lib/sync/queue";
import { importRemoteOnly } from "@/lib/sync/service";
import { blocketCar, insertListings, makeAdmin, makeConnection, makeDealer, publications, syncNow } from "../sync/helpers";
import { auditOf, blocketApi, settle, startSandbox, wireCar, type RunningBlocket } from "./complete-helpers";

let sim: RunningBlocket;
beforeAll(async () => { sim = await startSandbox(); });
afterAll(async () => { await sim?.close(); await stopQueue(); });

const reasonKey = (reason: string) => parseMessage(reason)?.key;

describe("importing Blocket-only ads", () => {
  it("offers them on the first sync, imports them with a report of what was not kept, and the next sync writes nothing", async () => {
    const api = blocketApi(sim);
    // Ads made by an earlier integration: one plain, one with what Forecourt has no field for.
    expect((await api.call("POST", "/v4/car", wireCar("IMP-PLAIN", "IMP001"))).status).toBe(201);
    expect((await api.call("POST", "/v4/car", wireCar("IMP-RICH", "IMP002",
      { url: "https://dealer.example.se/bil/imp-rich", video_url: "https://youtu.be/abc123", dont_publish_on_failed_images: true },
      { in_traffic_date: "2021-03-15", body_type: "pickup", powertrain: { transmission: "automatic", fuels: ["gasoline", "ethanol"] } }))).status).toBe(201);
    // A reduced price can only be set by an update (§2.2.3).
    expect((await api.call("PATCH", "/v4/car/IMP-RICH", { price: [{ type: "list", amount: 259_000, currency: "SEK" }, { type: "reduced", amount: 239_000, currency: "SEK" }] })).status).toBe(200);
    // A v3 boat category Forecourt cannot write back (1061): refused with the reason, not half-imported.
    expect((await api.call("POST", "/v3/ad", { source_id: "IMP-V3BOAT", dealer_code: "FC-STHLM", category_id: 1061, title: "Gammal motorbåt", body: "Fin.", price: [{ type: "list", amount: 50_000 }], contact: { name: "Anna", phone: "0701234567", email: "anna@example.se" } })).status).toBe(201);
    // And one the dealer already has in Forecourt: matched, not offered.
    expect((await api.call("POST", "/v4/car", wireCar("IMP-BOTH", "IMP003"))).status).toBe(201);
    await api.drain();

    const dealer = await makeDealer("SE");
    const admin = await makeAdmin(dealer.id);
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    await insertListings(dealer.id, [blocketCar("IMP-BOTH", 3, { registrationNumber: "IMP003" })]);

    const first = await syncNow(dealer.id, connection.id);
    expect(first.status).toBe("SUCCEEDED");
    expect(first.remoteOnly.map((r) => r.reference).sort()).toEqual(["IMP-PLAIN", "IMP-RICH", "IMP-V3BOAT"]);
    expect(first.remoteOnly.find((r) => r.reference === "IMP-PLAIN")?.title).toBe("Volvo XC60 T5");
    expect((await syncsOverview(dealer.id)).connections[0].marketplace).toMatchObject({ canImport: true });

    const result = await importRemoteOnly(dealer.id, connection.id, ["IMP-PLAIN", "IMP-RICH", "IMP-V3BOAT", "IMP-BOTH", "IMP-NOWHERE"], admin.id);
    expect(result.imported.sort()).toEqual(["IMP-PLAIN", "IMP-RICH"]);
    expect(result.skipped.map((s) => [s.reference, reasonKey(s.reason)]).sort()).toEqual([
      ["IMP-BOTH", "imports.skipped.exists"],
      ["IMP-NOWHERE", "imports.skipped.missing"],
      ["IMP-V3BOAT", "imports.skipped.category"],
    ]);

    // The plain ad round-trips completely: nothing to report.
    expect(result.notKept.find((n) => n.reference === "IMP-PLAIN")).toBeUndefined();
    const plain = fromRow(await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id, reference: "IMP-PLAIN" } }));
    expect(plain).toMatchObject({
      status: "active", currency: "SEK", price: 249_900, registrationNumber: "IMP001", blocketCategory: "car", blocketBrand: "volvo", blocketModel: "xc60",
      make: "Volvo", model: "XC60", variant: "T5", year: 2021, mileage: 42_000, bodyType: "suv", transmission: "automatic", fuelType: "petrol", color: "svart",
      condition: "used", description: "Välskött bil med servicebok.", images: ["https://cdn.example.com/IMP-PLAIN/1.jpg", "https://cdn.example.com/IMP-PLAIN/2.jpg"],
      features: [{ name: "Dragkrok" }, { name: "Navigation" }],
    });

    // The rich ad: everything without a place in a listing is reported, field by field, with why.
    const rich = result.notKept.find((n) => n.reference === "IMP-RICH")!.fields.map((f) => [f.field, f.value, reasonKey(f.reason)]);
    expect(rich).toEqual(expect.arrayContaining([
      ["url", "https://dealer.example.se/bil/imp-rich", "imports.notKept.noField"],
      ["video_url", "https://youtu.be/abc123", "imports.notKept.noField"],
      ["dont_publish_on_failed_images", "true", "imports.notKept.connectionSetting"],
      ["category_fields.in_traffic_date", "2021-03-15", "imports.notKept.dayOfMonth"],
      ["category_fields.body_type", "pickup", "imports.notKept.noValue"],
      ["category_fields.powertrain.fuels", "ethanol", "imports.notKept.extraFuel"],
      ["price.reduced", expect.stringContaining("239000"), "imports.notKept.reducedPrice"],
    ]));
    const richListing = fromRow(await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id, reference: "IMP-RICH" } }));
    expect(richListing).toMatchObject({ price: 259_000, firstRegistration: "2021-03", fuelType: "petrol" });
    expect(richListing.bodyType ?? null).toBeNull();
    // The report stays in the audit trail after the page is closed.
    const audit = await auditOf(dealer.id, "listing.imported");
    expect(audit.map((a) => (a.data as { reference: string }).reference).sort()).toEqual(["IMP-PLAIN", "IMP-RICH"]);
    expect(audit.every((a) => a.actorId === admin.id)).toBe(true);
    expect(JSON.stringify(audit.find((a) => (a.data as { reference: string }).reference === "IMP-RICH")!.data)).toContain("video_url");

    // Matched, live, and the baseline is what this connection would send: the next sync writes nothing.
    await settle(sim, dealer.id, connection.id); // IMP-BOTH was updated in place by the first sync
    const pubs = await publications(dealer.id, connection.id);
    expect(pubs.filter((p) => p.listing.reference.startsWith("IMP-")).map((p) => [p.listing.reference, p.state]).sort()).toEqual([
      ["IMP-BOTH", "LIVE"], ["IMP-PLAIN", "LIVE"], ["IMP-RICH", "LIVE"],
    ]);
    const before = (await api.ad("IMP-RICH")).log.length;
    const second = await syncNow(dealer.id, connection.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, failed: 0 });
    expect(second.requests).toBe(0);
    await settle(sim, dealer.id, connection.id);
    expect((await api.ad("IMP-RICH")).log.length).toBe(before);

    // The dealer edits the imported car: an update (PUT) of the same ad, never a second one.
    await db.listing.update({ where: { dealerId_reference: { dealerId: dealer.id, reference: "IMP-PLAIN" } }, data: { price: 239_000 } });
    const third = await syncNow(dealer.id, connection.id);
    expect(third).toMatchObject({ created: 0, updated: 1, failed: 0 });
    expect((await api.ads()).filter((a) => a.source_id === "IMP-PLAIN")).toHaveLength(1);
  });

  it("keeps what a listing can hold when one value breaks its rules, and reports that value", async () => {
    const api = blocketApi(sim);
    // Blocket takes a 19-character VIN and a model year up to 2100; a listing does not.
    expect((await api.call("POST", "/v4/car", wireCar("IMP-VIN", "IMP004", {}, { vin: "YV1DZ8256C22345671X", model_year: 2099 }))).status).toBe(201);
    await api.drain();
    const dealer = await makeDealer("SE");
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    await syncNow(dealer.id, connection.id);
    const result = await importRemoteOnly(dealer.id, connection.id, ["IMP-VIN"]);
    expect(result.imported).toEqual(["IMP-VIN"]);
    expect(result.notKept[0].fields.map((f) => [f.field, reasonKey(f.reason)])).toEqual(expect.arrayContaining([
      ["category_fields.vin", "imports.notKept.invalid"],
      ["category_fields.model_year", "imports.notKept.invalid"],
    ]));
    const listing = fromRow(await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id, reference: "IMP-VIN" } }));
    expect(listing).toMatchObject({ registrationNumber: "IMP004", price: 249_900 });
    expect([listing.vin ?? null, listing.year ?? null]).toEqual([null, null]);
  });

  it("another dealer's connection is not found and imports nothing", async () => {
    const mine = await makeDealer("SE");
    const other = await makeDealer("SE");
    const theirs = await makeConnection(other.id, "BLOCKET", sim.baseUrl);
    await expect(importRemoteOnly(mine.id, theirs.id, ["IMP-PLAIN"])).rejects.toThrow("Connection not found.");
    expect(await db.listing.count({ where: { dealerId: mine.id } })).toBe(0);
  });
});
