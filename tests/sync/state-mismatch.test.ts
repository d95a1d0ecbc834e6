/**
 * Honest states (issue #15): when the marketplace holds something other than what we believe
 * (live here, a draft there), the next sync's read corrects the state and sends our version again,
 * in that same run. Against the Okasie sandbox over HTTP.
 */
import "./env";
import { afterAll, beforeAll, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_state_mismatch";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { stopQueue } from "@/lib/sync/queue";
import { insertListings, makeConnection, makeDealer, okasieCar, syncNow } from "./helpers";

let sim: RunningOkasieSandbox;
beforeAll(async () => { sim = await startOkasieSandbox({ port: 0 }); });
afterAll(async () => { await sim?.close(); await stopQueue(); });
const onOkasie = (ref: string) => [...sim.state.store.listings.values()].find((l) => l.externalReference === ref)!;

it("live here, draft on Okasie: the next sync corrects it and puts the ad back online", async () => {
  const dealer = await makeDealer("BE");
  const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
  await insertListings(dealer.id, [okasieCar("MIS-1", 1), okasieCar("MIS-2", 2)]);
  await syncNow(dealer.id, connection.id);
  const remote = [...sim.state.store.listings.values()].find((l) => l.externalReference === "MIS-1")!;
  expect(remote.status).toBe("active");

  // Someone hides the ad on Okasie itself.
  remote.status = "draft";
  remote.updatedAt = Date.now();

  const run = await syncNow(dealer.id, connection.id, "SCHEDULE");
  expect(run).toMatchObject({ status: "SUCCEEDED", updated: 1, unchanged: 1 });
  expect(onOkasie("MIS-1").status).toBe("active");
  const pub = await db.publication.findFirstOrThrow({ where: { dealerId: dealer.id, connectionId: connection.id, listing: { reference: "MIS-1" } } });
  expect(pub).toMatchObject({ state: "LIVE", remoteStatus: "live" });
  expect(pub.sentHash).not.toBeNull();

  // Once put back, the following sync has nothing to do.
  expect(await syncNow(dealer.id, connection.id, "SCHEDULE")).toMatchObject({ updated: 0, unchanged: 2 });
});
