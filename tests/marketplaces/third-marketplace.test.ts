/**
 * A third marketplace is a folder and a registry line. "Fjord" (tests/marketplaces/fjord/) is a
 * made-up marketplace written against the contract only; this test registers it with the one
 * test-only registry hook and then uses the real product, unchanged: the connection form's
 * service (identity schema, token check), the worker (sync run, status polling of its queued
 * writes, log mirroring), the import of ads only it has, the editor's pre-flight, the Syncs page
 * overview and the activity timeline — all driven by its declared capabilities.
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_fjord";
import { signInAs } from "../foundation/session";
import { createConnectionAction, probeConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { enrolCarsAction, enrolmentChoiceAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/enrolment-actions";
import { activityTimeline, activityQuerySchema } from "@/lib/activity/timeline";
import { db } from "@/lib/db";
import { preflight } from "@/lib/listings/preflight";
import { listingSchema } from "@/lib/listings/schema";
import { descriptorOf, identityOf, marketplaceIds } from "@/lib/marketplaces/registry";
import { registerMarketplace } from "@/lib/marketplaces/registry/server";
import { syncsOverview } from "@/lib/sync/overview";
import { stopQueue } from "@/lib/sync/queue";
import { importRemoteOnly, requestSync } from "@/lib/sync/service";
import { startWorker, type RunningWorker } from "@/lib/sync/worker";
import { insertListings, makeAdmin, makeDealer, okasieCar, publications, updateListing, waitFor, waitForRun } from "../sync/helpers";
import { fjordRuntime } from "./fjord/runtime";
import { FJORD_KEY, startFjordServer, type FjordServer } from "./fjord/server";
import { words } from "../helpers/words";

let fjord: FjordServer;
let worker: RunningWorker;

beforeAll(async () => {
  fjord = await startFjordServer();
  // The one registry line, through the test-only hook.
  registerMarketplace(fjordRuntime("https://api.fjord.invalid"), () => ({ sandboxUrl: fjord.baseUrl }));
  worker = await startWorker({ schedules: false, log: () => {} });
});
afterAll(async () => {
  await worker?.stop();
  await stopQueue();
  await fjord?.close();
});

const writes = () => fjord.requests.filter((r) => r.method !== "GET").length;

describe("a third marketplace, registered from the test tree", () => {
  it("is offered, connected, synced, polled, mirrored and imported from — with no product change", async () => {
    expect(marketplaceIds()).toContain("FJORD");
    const dealer = await makeDealer("BE");
    const admin = await makeAdmin(dealer.id);
    await signInAs(admin.email);

    // An ad that exists only on Fjord, for this account.
    fjord.seed({ ref: "FJ-ONLY-1", account: "FJ-7", payload: { ref: "FJ-ONLY-1", title: "Saab 9-3 Aero", price: 9_500, visible: true, images: [], make: "Saab" } });
    fjord.seed({ ref: "FJ-OTHER", account: "FJ-8", payload: { ref: "FJ-OTHER", title: "Not ours", price: 1, visible: true, images: [], make: null } });

    // The connection screens: its identity schema speaks, its token check runs, the URL is the server's.
    const missing = await createConnectionAction({ dealer: dealer.slug, name: "Fjord", marketplace: "FJORD", environment: "SANDBOX", token: FJORD_KEY });
    expect((missing.validationErrors as Record<string, { _errors?: string[] }>)?.dealerCode?._errors?.[0]).toMatch(/Fjord account/);
    const badKey = await probeConnectionAction({ dealer: dealer.slug, marketplace: "FJORD", environment: "SANDBOX", token: "not-the-right-key" });
    expect(badKey.data).toMatchObject({ ok: false, status: "unauthorized", message: "Fjord refused the key." });
    const created = await createConnectionAction({ dealer: dealer.slug, name: "Fjord — Oslo", marketplace: "FJORD", environment: "SANDBOX", token: FJORD_KEY, dealerCode: "FJ-7" });
    expect(created.data?.id).toBeTruthy();
    const connection = await db.connection.findUniqueOrThrow({ where: { id: created.data!.id } });
    expect(connection).toMatchObject({ marketplace: "FJORD", baseUrl: fjord.baseUrl, lastCheckStatus: "ok" });
    expect(identityOf(connection)).toEqual({ marketplace: "FJORD", account: "FJ-7" });

    await insertListings(dealer.id, [
      okasieCar("FJ-CAR-1", 1), okasieCar("FJ-CAR-2", 2), okasieCar("FJ-CAR-3", 3),
      okasieCar("FJ-NOPRICE", 4, { price: null }),
    ]);

    // The editor's pre-flight runs Fjord's own rules.
    const noPrice = listingSchema.parse(okasieCar("X", 0, { price: null }));
    const [check] = preflight(noPrice, [{ connectionId: connection.id, name: connection.name, identity: identityOf(connection) }]);
    expect(check).toMatchObject({ ok: false });
    expect(check.problems.map((p) => p.code)).toContain("FJ_PRICE");

    // A new connection publishes the cars the dealer enrols, split by Fjord's own pre-flight.
    const { data: choice } = await enrolmentChoiceAction({ dealer: dealer.slug, connectionId: connection.id });
    expect(choice!.ready.map((c) => c.reference)).toEqual(["FJ-CAR-1", "FJ-CAR-2", "FJ-CAR-3"]);
    expect(choice!.needsWork.map((c) => [c.reference, c.problems.map((p) => p.code)])).toEqual([["FJ-NOPRICE", ["FJ_PRICE"]]]);
    expect((await enrolCarsAction({ dealer: dealer.slug, connectionId: connection.id, ids: choice!.ready.map((c) => c.id) })).data?.enrolled).toBe(3);

    // First sync through the worker: writes are only queued by Fjord (asyncWrites) …
    const first = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    expect(first).toMatchObject({ created: 3, failed: 0 });
    expect(first.remoteOnly.map((r) => [r.reference, r.title])).toEqual([["FJ-ONLY-1", "Saab 9-3 Aero"]]); // importExisting: offered
    expect(words(first.message)).toMatch(/can be imported/);
    // … and polling (asyncWrites) brings them live; their logs are mirrored (logMirroring).
    await waitFor("live on Fjord", async () => (await publications(dealer.id, connection.id)).filter((p) => p.state === "LIVE").length === 3, 30_000);
    const pubs = await publications(dealer.id, connection.id);
    expect(pubs.find((p) => p.listing.reference === "FJ-NOPRICE")).toBeUndefined(); // not enrolled: never sent, no error
    await waitFor("mirrored log lines", async () => (await db.adLog.count({ where: { dealerId: dealer.id, connectionId: connection.id } })) >= 6);
    expect(fjord.ads.get("FJ-CAR-1")).toMatchObject({ state: "live", account: "FJ-7" });

    // Import the ad only Fjord has (its reverse mapping); the next sync neither duplicates nor rewrites it.
    expect((await importRemoteOnly(dealer.id, connection.id, ["FJ-ONLY-1"])).imported).toEqual(["FJ-ONLY-1"]);
    const imported = await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id, reference: "FJ-ONLY-1" } });
    expect(imported).toMatchObject({ title: "Saab 9-3 Aero", status: "ACTIVE" });
    const before = writes();
    const quiet = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "SCHEDULE" })).runId);
    expect(quiet).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(writes()).toBe(before);

    // An edit is updated; a sold car is deleted (removal: "deleted"), confirmed by polling.
    await updateListing(dealer.id, "FJ-CAR-1", { price: 12_345 });
    await updateListing(dealer.id, "FJ-CAR-2", { status: "sold" });
    const second = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    expect(second).toMatchObject({ updated: 1, removed: 1 });
    await waitFor("final states", async () => {
      const s = Object.fromEntries((await publications(dealer.id, connection.id)).map((p) => [p.listing.reference, `${p.state}/${p.remoteStatus}`]));
      return s["FJ-CAR-1"] === "LIVE/live" && s["FJ-CAR-2"] === "REMOVED/removed";
    }, 30_000);
    expect(fjord.ads.get("FJ-CAR-1")?.payload.price).toBe(12_345);
    expect(fjord.ads.get("FJ-CAR-2")?.state).toBe("deleted");
    expect(fjord.ads.get("FJ-OTHER")?.account).toBe("FJ-8"); // another account's ad is never touched

    // The screens name it from its descriptor.
    const overview = await syncsOverview(dealer.id);
    expect(overview.connections[0].marketplace).toMatchObject({ id: "FJORD", name: "Fjord Motor", tag: "FJ", canImport: true });
    const activity = await activityTimeline(dealer.id, activityQuerySchema.parse({ marketplace: "FJORD" }));
    expect(activity.marketplaces).toEqual([{ id: "FJORD", label: "Fjord" }]);
    expect(activity.entries.some((e) => e.source === "marketplace-log" && e.marketplaceLabel === "Fjord")).toBe(true);
    expect(activity.entries.some((e) => e.source === "sync" && e.reference === "FJ-CAR-2" && e.action === "remove")).toBe(true);
    expect(descriptorOf("FJORD").texts.errors.FJ_PRICE).toMatch(/price/);
  });

  it("a production connection goes to Fjord's official URL, whatever a stored row says", async () => {
    const { baseUrlFor } = await import("@/lib/connections/endpoint");
    expect(baseUrlFor({ marketplace: "FJORD", environment: "PRODUCTION", baseUrl: "http://10.0.0.1:8080/evil" })).toBe("https://api.fjord.invalid");
    expect(baseUrlFor({ marketplace: "FJORD", environment: "SANDBOX", baseUrl: fjord.baseUrl })).toBe(fjord.baseUrl);
  });
});
