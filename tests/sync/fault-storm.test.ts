/**
 * A fault storm (10% 5xx, 5% 429, 2% timeouts, 1% malformed bodies; some 5xx after the write was
 * done) over 1,200 Okasie listings and 300 Blocket listings, with the dealer editing between runs.
 * Several runs converge: the marketplace holds exactly what the dealer has — each reference once,
 * the latest content, sold ones removed.
 */
import "./env-storm";
import "./env";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { pollConnection } from "@/lib/sync/poll";
import { stopQueue } from "@/lib/sync/queue";
import { blocketCar, insertListings, makeConnection, makeDealer, okasieCar, syncNow } from "./helpers";

let okasie: RunningOkasieSandbox;
let blocket: Awaited<ReturnType<typeof startBlocketSandbox>>;
const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => { if (!r.ok) throw new Error(`${url}: ${r.status}`); });

beforeAll(async () => {
  okasie = await startOkasieSandbox({ port: 0, rateLimits: { perMinute: 100_000, burstPerSecond: 1_000 } });
  blocket = await startBlocketSandbox({ port: 0, processingDelayMs: 5 });
  await post(`${okasie.origin}/__sim/faults`, { faults: [
    { status: 503, probability: 0.07 },
    { status: 502, probability: 0.03, phase: "after" },
    { status: 429, retryAfter: 1, probability: 0.05 },
    { timeout: true, hangMs: 3_000, probability: 0.02 },
    { malformed: true, probability: 0.01 },
  ] });
  for (const f of [
    { kind: "status", status: 503, probability: 0.07 },
    { kind: "status", status: 500, probability: 0.03, phase: "after" },
    { kind: "rate_limit", retryAfterSec: 1, probability: 0.05 },
    { kind: "timeout", delayMs: 3_000, probability: 0.02 },
    { kind: "malformed", probability: 0.01 },
  ]) await post(`${blocket.origin}/__sim/faults`, f);
});
afterAll(async () => {
  await okasie?.close();
  await blocket?.close();
  await stopQueue();
});


it("converges under a fault storm: no duplicate, no lost change", async () => {
  const be = await makeDealer("BE");
  const se = await makeDealer("SE");
  const ok = await makeConnection(be.id, "OKASIE", okasie.baseUrl, { remoteMatchedAt: new Date() });
  const bl = await makeConnection(se.id, "BLOCKET", blocket.baseUrl);
  const N_OK = 1_200, N_BL = 300; // 12 push chunks on Okasie, several on Blocket, runs repeated until they converge
  const ref = (prefix: string, i: number) => `${prefix}-${String(i).padStart(5, "0")}`;
  await insertListings(be.id, Array.from({ length: N_OK }, (_, i) => okasieCar(`S-${String(i).padStart(5, "0")}`, i)));
  await insertListings(se.id, Array.from({ length: N_BL }, (_, i) => blocketCar(`SB-${String(i).padStart(5, "0")}`, i)));

  const okasieMatches = async () => {
    const local = await db.listing.findMany({ where: { dealerId: be.id }, select: { reference: true, price: true, status: true } });
    const remote = new Map([...okasie.state.store.listings.values()].filter((l) => l.externalReference?.startsWith("S-")).map((l) => [l.externalReference!, l]));
    return local.every((l) => {
      const r = remote.get(l.reference);
      return r && Number(r.fields.price) === Number(l.price) && (l.status === "SOLD" ? r.status === "sold" : r.status === "active");
    }) && remote.size === local.length;
  };
  const blocketMatches = async () => {
    const local = await db.listing.findMany({ where: { dealerId: se.id }, select: { reference: true, status: true } });
    const ads = [...blocket.sandbox.state.store.all()].filter((a) => a.sourceId.startsWith("SB-"));
    const byRef = new Map(ads.map((a) => [a.sourceId, a]));
    return ads.length === local.length && local.every((l) => {
      const a = byRef.get(l.reference);
      return a && (l.status === "SOLD" ? a.state === "deleted" : a.state !== "deleted");
    });
  };

  let okDone = false, blDone = false;
  for (let round = 0; round < 12 && !(okDone && blDone); round++) {
    const [okRun, blRun] = await Promise.all([
      okDone ? null : syncNow(be.id, ok.id, "SCHEDULE"),
      blDone ? null : syncNow(se.id, bl.id, "SCHEDULE").then(async (r) => { for (let i = 0; i < 6 && (await pollConnection(se.id, bl.id)).pending > 0; i++) await new Promise((res) => setTimeout(res, 200)); return r; }),
    ]);
    if (round === 1) {
      // The dealer keeps working between runs: price changes and sales must all arrive.
      await db.listing.updateMany({ where: { dealerId: be.id, reference: { lt: "S-00050" } }, data: { price: 4_242 } });
      await db.listing.updateMany({ where: { dealerId: be.id, reference: { gte: ref("S", N_OK - 10) } }, data: { status: "SOLD", soldAt: new Date() } });
      await db.listing.updateMany({ where: { dealerId: se.id, reference: { gte: ref("SB", N_BL - 5) } }, data: { status: "SOLD", soldAt: new Date() } });
      continue;
    }
    if (okRun && okRun.failed === 0 && round > 1) okDone = await okasieMatches();
    if (blRun && blRun.failed === 0 && round > 1) blDone = (await db.publication.count({ where: { dealerId: se.id, connectionId: bl.id, state: { notIn: ["LIVE", "REMOVED"] } } })) === 0 && await blocketMatches();
  }
  expect(await okasieMatches()).toBe(true);
  expect(await blocketMatches()).toBe(true);
  // The storm did happen (any of its faults: one kind alone can miss a run of few requests).
  const faults = okasie.state.stats.byStatus;
  expect((faults[503] ?? 0) + (faults[502] ?? 0) + (faults[429] ?? 0)).toBeGreaterThan(0);
  expect(await db.publication.count({ where: { dealerId: be.id, connectionId: ok.id, state: "LIVE" } })).toBe(N_OK - 10);
  expect(await db.publication.count({ where: { dealerId: be.id, connectionId: ok.id, state: "REMOVED" } })).toBe(10);
}, 120_000);
