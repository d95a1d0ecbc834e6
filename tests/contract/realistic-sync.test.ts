/**
 * Forecourt's real sync engine (worker, pg-boss, HTTP clients, polling) against both sandboxes
 * under the "realistic" timing profile: Okasie answers with latency that grows with a bulk's
 * items, Blocket takes seconds per worker step with jitter and one slow step. Nothing may time
 * out or be sent twice, progress must move batch by batch, and polling must wait for Blocket
 * however long its steps take. Photos on loopback are really downloaded by the sandboxes.
 */
import "./realistic-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getRun, requestSync } from "@/lib/sync/service";
import { startWorker, type RunningWorker } from "@/lib/sync/worker";
import { stopQueue } from "@/lib/sync/queue";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { blocketCar, insertListings, makeConnection, makeDealer, okasieCar, publications, waitFor, waitForRun } from "../sync/helpers";
import { startImageServer, type ImageServer } from "./harness";

let worker: RunningWorker;
let images: ImageServer;
beforeAll(async () => {
  images = await startImageServer();
  worker = await startWorker({ schedules: false, log: () => {} });
});
afterAll(async () => {
  await worker?.stop();
  await stopQueue();
  await images?.close();
});

describe("Okasie under realistic latency", () => {
  let sim: RunningOkasieSandbox;
  beforeAll(async () => { sim = await startOkasieSandbox({ port: 0, timing: "realistic", randomSeed: 18 }); });
  afterAll(async () => sim?.close());

  it("sends 130 listings in two bulk writes with no time-out or retry, the run's progress moving per batch", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl);
    const cars = Array.from({ length: 130 }, (_, i) => okasieCar(`RL-${String(i).padStart(3, "0")}`, i));
    cars[0] = { ...cars[0], images: [images.url("/ok.jpg"), images.url("/missing.jpg")] };
    await insertListings(dealer.id, cars);

    const { runId } = await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" });
    const seen: number[] = [];
    const run = await waitFor("the run to finish", async () => {
      const r = await getRun(dealer.id, runId);
      if (seen.at(-1) !== r.done) seen.push(r.done);
      return ["SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED"].includes(r.status) && r;
    }, 45_000, 50);
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 130, failed: 0, done: 130, total: 130 });
    // Progress moved in steps (a batch of 100 commits before the next is sent), never backwards.
    expect(seen.some((d) => d > 0 && d < 130)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    // Exactly two bulk writes: nothing timed out and was sent again.
    expect(sim.state.stats.byRoute["POST ^\\/listings\\/bulk-upsert$"]).toBe(2);
    expect((await publications(dealer.id, connection.id)).every((p) => p.state === "LIVE")).toBe(true);
    // The sandbox downloaded the loopback photos: the broken one is Okasie's documented warning.
    const withPhotos = (await publications(dealer.id, connection.id)).find((p) => p.listing.reference === "RL-000")!;
    expect(withPhotos.warnings).toEqual([expect.objectContaining({ field: "images.1", code: "DOWNLOAD_FAILED" })]);
    expect(images.hits.get("/missing.jpg")).toBe(1);
  });
});

describe("Blocket under realistic processing", () => {
  let sim: Awaited<ReturnType<typeof startBlocketSandbox>>;
  beforeAll(async () => { sim = await startBlocketSandbox({ port: 0, timing: "realistic", randomSeed: 18 }); });
  afterAll(async () => sim?.close());

  it("accepts at once, then polls until every ad is live — through seconds-long steps and a slow one", async () => {
    const dealer = await makeDealer("SE");
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    const cars = [0, 1, 2, 3].map((i) => blocketCar(`RB-${i}`, i));
    cars[3] = { ...cars[3], images: [images.url("/ok.jpg"), images.url("/text.jpg")] };
    await insertListings(dealer.id, cars);

    const started = Date.now();
    const run = await waitForRun(dealer.id, (await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" })).runId, 30_000);
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 4, failed: 0, done: 4, total: 4 });
    // The run ends when Blocket has accepted the writes; publishing takes seconds more.
    expect((await publications(dealer.id, connection.id)).every((p) => p.state === "ACCEPTED")).toBe(true);

    const pubs = await waitFor("all live", async () => {
      const p = await publications(dealer.id, connection.id);
      return p.every((x) => x.state === "LIVE") && p;
    }, 45_000, 250);
    const settledMs = Date.now() - started;
    const ads = [...sim.sandbox.state.store.all()].filter((a) => a.sourceId.startsWith("RB-"));
    expect(ads).toHaveLength(4);
    // One POST per ad: no time-out made the client send a create twice.
    for (const ad of ads) expect(ad.log.filter((e) => e.action === "create" && e.state === "processing")).toHaveLength(1);
    // The profile's slow step happened, and polling waited it out.
    const steps = ads.flatMap((ad) => ad.log.filter((e) => e.state !== "processing").map((e) => e.created - ad.log.filter((p) => p.action === e.action && p.state === "processing" && p.requestId === e.requestId).at(-1)!.created));
    expect(Math.max(...steps)).toBeGreaterThanOrEqual(7_000);
    expect(settledMs).toBeGreaterThanOrEqual(7_000);
    // The photo that is text, not a JPEG, is Blocket's failed handle_media, shown on a live ad.
    const withPhotos = pubs.find((p) => p.listing.reference === "RB-3")!;
    expect(withPhotos.lastErrorMessage).toMatch(/unsupported format/);
    expect(await db.adLog.count({ where: { dealerId: dealer.id, connectionId: connection.id, action: "publish", state: "done" } })).toBe(4);
  });
});
