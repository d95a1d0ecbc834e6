/**
 * End to end over real HTTP: the worker (in-process, real pg-boss on the test database) against
 * both simulators. create → push → live → edit → update → sold → removed; a sync with nothing
 * changed writes nothing.
 */
import "./env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_e2e";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { importRemoteOnly, onListingsChanged, requestSync } from "@/lib/sync/service";
import { startWorker, type RunningWorker } from "@/lib/sync/worker";
import { stopQueue } from "@/lib/sync/queue";
import { blocketCar, insertListings, makeConnection, makeDealer, okasieCar, publications, updateListing, waitFor, waitForRun } from "./helpers";

let worker: RunningWorker;
beforeAll(async () => {
  worker = await startWorker({ schedules: false, log: () => {} });
});
afterAll(async () => {
  await worker?.stop();
  await stopQueue();
});

const okasieWrites = (sim: RunningOkasieSandbox) =>
  Object.entries(sim.state.stats.byRoute).filter(([k]) => /^(PUT|POST|DELETE) /.test(k)).reduce((n, [, v]) => n + v, 0);

describe("Okasie", () => {
  let sim: RunningOkasieSandbox;
  beforeAll(async () => { sim = await startOkasieSandbox({ port: 0 }); });
  afterAll(async () => { await sim?.close(); });

  it("creates, updates, takes offline as draft, marks sold, and writes nothing when nothing changed", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl);
    await insertListings(dealer.id, [okasieCar("E2E-1", 1), okasieCar("E2E-2", 2), okasieCar("E2E-3", 3), okasieCar("E2E-4", 4, { status: "draft" })]);

    // First sync: matches what the account already holds and offers the Okasie-only ad.
    const first = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    expect(first.status).toBe("SUCCEEDED");
    expect(first).toMatchObject({ created: 3, updated: 0, failed: 0, done: 4, total: 4 });
    expect(first.remoteOnly.map((r) => r.reference)).toEqual(["ref-123"]);
    let pubs = await publications(dealer.id, connection.id);
    const live = pubs.filter((p) => p.state === "LIVE");
    expect(live.map((p) => p.listing.reference).sort()).toEqual(["E2E-1", "E2E-2", "E2E-3"]);
    for (const p of live) {
      expect(p.remoteId).toBeTruthy();
      expect(p.sentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(p.listing.referenceLockedAt).not.toBeNull();
    }
    const onOkasie = () => [...sim.state.store.listings.values()].filter((l) => l.externalReference?.startsWith("E2E-"));
    expect(onOkasie().map((l) => l.externalReference).sort()).toEqual(["E2E-1", "E2E-2", "E2E-3"]);

    // Nothing changed: no write at all.
    const writesBefore = okasieWrites(sim);
    const noop = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "SCHEDULE" })).runId);
    expect(noop).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, removed: 0, unchanged: 4 });
    expect(okasieWrites(sim)).toBe(writesBefore);

    // An edit, saved: the debounced push sends exactly that listing.
    const e1 = await updateListing(dealer.id, "E2E-1", { price: 12_345 });
    await onListingsChanged(dealer.id, [e1.id]);
    const saveRun = await waitFor("the SAVE run", async () => db.syncRun.findFirst({ where: { dealerId: dealer.id, trigger: "SAVE" } }), 20_000);
    const saved = await waitForRun(dealer.id, saveRun.id);
    expect(saved).toMatchObject({ status: "SUCCEEDED", updated: 1, created: 0, unchanged: 3 });
    expect(onOkasie().find((l) => l.externalReference === "E2E-1")?.fields.price).toBe(12_345);

    // Sold → marked sold on Okasie; reserved → pending; draft → offline.
    await updateListing(dealer.id, "E2E-2", { status: "sold" });
    await updateListing(dealer.id, "E2E-3", { status: "draft" });
    const after = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    expect(after).toMatchObject({ status: "SUCCEEDED", removed: 1, updated: 1 });
    pubs = await publications(dealer.id, connection.id);
    const by = (ref: string) => pubs.find((p) => p.listing.reference === ref)!;
    expect(by("E2E-2")).toMatchObject({ state: "REMOVED", remoteStatus: "sold" });
    expect(by("E2E-3")).toMatchObject({ state: "NOT_PUBLISHED", remoteStatus: "draft" });
    expect(onOkasie().find((l) => l.externalReference === "E2E-2")?.status).toBe("sold");
    expect(onOkasie().find((l) => l.externalReference === "E2E-3")?.status).toBe("draft");
    expect(onOkasie().some((l) => l.externalReference === "E2E-4")).toBe(false); // a never-published draft stays local

    const items = await db.syncItem.findMany({ where: { dealerId: dealer.id, syncRunId: after.id } });
    expect(items.map((i) => `${i.reference}:${i.action}:${i.outcome}`).sort()).toEqual(["E2E-2:remove:ok", "E2E-3:update:ok"]);

    // Import the Okasie-only ad; the next sync neither duplicates nor rewrites it.
    const imported = await importRemoteOnly(dealer.id, connection.id, ["ref-123"]);
    expect(imported.imported).toEqual(["ref-123"]);
    const writes = okasieWrites(sim);
    const again = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "SCHEDULE" })).runId);
    expect(again).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, removed: 0 });
    expect(okasieWrites(sim)).toBe(writes);
    expect([...sim.state.store.listings.values()].filter((l) => l.externalReference === "ref-123")).toHaveLength(1);
  });

  it("flags drift when the ad changed on Okasie after our last write", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    await insertListings(dealer.id, [okasieCar("DRIFT-1", 1)]);
    await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    const remote = [...sim.state.store.listings.values()].find((l) => l.externalReference === "DRIFT-1")!;
    remote.fields.price = 1; // someone edited it in Okasie's dashboard, a minute later
    remote.updatedAt = Date.now() + 60_000;
    const run = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "SCHEDULE" })).runId);
    expect(run.status).toBe("SUCCEEDED");
    const [pub] = await publications(dealer.id, connection.id);
    expect(pub.driftDetectedAt).not.toBeNull();
  });
});

describe("Blocket", () => {
  let sim: Awaited<ReturnType<typeof startBlocketSandbox>>;
  beforeAll(async () => { sim = await startBlocketSandbox({ port: 0, processingDelayMs: 20 }); });
  afterAll(async () => { await sim?.close(); });

  it("POSTs new, PUTs changed, DELETEs sold; accepted and published are distinct; logs mirrored once", async () => {
    const dealer = await makeDealer("SE");
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    await insertListings(dealer.id, [blocketCar("BE2E-1", 1), blocketCar("BE2E-2", 2), blocketCar("BE2E-3", 3)]);

    const first = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    expect(first).toMatchObject({ status: "SUCCEEDED", created: 3, failed: 0 });
    // The run ends with the writes accepted (queued at Blocket); polling brings them live.
    const accepted = await db.syncItem.count({ where: { dealerId: dealer.id, syncRunId: first.id, action: "create", outcome: "ok" } });
    expect(accepted).toBe(3);
    await waitFor("all live", async () => (await publications(dealer.id, connection.id)).every((p) => p.state === "LIVE"), 30_000);
    const logs = await waitFor("mirrored logs", async () => { const n = await db.adLog.count({ where: { dealerId: dealer.id, connectionId: connection.id } }); return n > 0 && n; });
    expect([...sim.sandbox.state.store.all()].filter((a) => a.sourceId.startsWith("BE2E-")).length).toBe(3);

    // Nothing changed: no request at all (Blocket incremental syncs do not read).
    const noop = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "SCHEDULE" })).runId);
    expect(noop).toMatchObject({ status: "SUCCEEDED", requests: 0, unchanged: 3, created: 0, updated: 0 });

    await updateListing(dealer.id, "BE2E-1", { price: 199_000 });
    await updateListing(dealer.id, "BE2E-2", { status: "sold" });
    const second = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    expect(second).toMatchObject({ status: "SUCCEEDED", updated: 1, removed: 1 });
    await waitFor("final states", async () => {
      const pubs = await publications(dealer.id, connection.id);
      const s = Object.fromEntries(pubs.map((p) => [p.listing.reference, p.state]));
      return s["BE2E-1"] === "LIVE" && s["BE2E-2"] === "REMOVED" && s["BE2E-3"] === "LIVE";
    }, 30_000);
    const ads = [...sim.sandbox.state.store.all()].filter((a) => a.sourceId.startsWith("BE2E-"));
    expect(ads.length).toBe(3); // never a second ad
    expect(ads.find((a) => a.sourceId === "BE2E-2")?.state).toBe("deleted");
    const more = await waitFor("more logs", async () => { const n = await db.adLog.count({ where: { dealerId: dealer.id, connectionId: connection.id } }); return n > logs && n; });
    // Re-mirroring never duplicates: unique (dealer, connection, remoteKey).
    const { pollConnection } = await import("@/lib/sync/poll");
    await db.publication.updateMany({ where: { dealerId: dealer.id, connectionId: connection.id }, data: { state: "ACCEPTED" } });
    await pollConnection(dealer.id, connection.id);
    expect(await db.adLog.count({ where: { dealerId: dealer.id, connectionId: connection.id } })).toBe(more);
  });

  it("shows Blocket's message when an action of the log failed", async () => {
    const dealer = await makeDealer("SE");
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    await insertListings(dealer.id, [blocketCar("BERR-1", 7)]);
    const res = await fetch(`${sim.origin}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "action", action: "publish", count: 1 }) });
    expect(res.ok).toBe(true);
    await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId);
    const pub = await waitFor("error state", async () => { const [p] = await publications(dealer.id, connection.id); return p?.state === "ERROR" && p; }, 30_000);
    expect(pub.lastErrorMessage).toBeTruthy();
    expect(pub.lastErrorCode).toMatch(/publish/);
  });
});
