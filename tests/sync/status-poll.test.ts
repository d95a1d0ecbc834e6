/**
 * Polling Blocket's queued writes (lib/sync/status-poll.ts) against the simulator over HTTP: a
 * round asks what changed since the last one (`updated__gte`, one call) instead of every pending ad
 * (one call per 100); an ad that did not change stays pending, and only a sweep by reference asks
 * about every one of them.
 */
import "./env";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { pollConnection } from "@/lib/sync/poll";
import { stopQueue } from "@/lib/sync/queue";
import { SWEEP_MS } from "@/lib/sync/status-poll";
import { blocketCar, insertListings, makeConnection, makeDealer, publications, syncNow, updateListing, waitFor } from "./helpers";

let sim: Awaited<ReturnType<typeof startBlocketSandbox>>;
beforeAll(async () => { sim = await startBlocketSandbox({ port: 0 }); });
afterAll(async () => {
  await sim?.close();
  await stopQueue();
}, 180_000);

const N = 150; // two calls of 100 for a sweep
const ours = () => [...sim.sandbox.state.store.all()].filter((a) => a.sourceId.startsWith("SP-"));
/** A second past the newest `updated` of our ads, on the simulator's own clock (filters have second precision). */
const pastNewest = () => new Date(Math.max(...ours().map((a) => a.updated)) + 1_000).toISOString();
const states = async (dealerId: string, connectionId: string) => Object.fromEntries((await publications(dealerId, connectionId)).map((p) => [p.listing.reference, p.state]));

it("asks what changed, settles only that, and leaves the rest to the sweep", async () => {
  const dealer = await makeDealer("SE");
  const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
  await insertListings(dealer.id, Array.from({ length: N }, (_, i) => blocketCar(`SP-${String(i).padStart(3, "0")}`, i)));
  expect(await syncNow(dealer.id, connection.id)).toMatchObject({ status: "SUCCEEDED", created: N });
  await waitFor("processed", async () => ours().length === N && ours().every((a) => a.settledAt !== null), 60_000, 200);

  // The first round is a sweep: every pending ad by reference.
  const sweep = await pollConnection(dealer.id, connection.id);
  expect(sweep).toMatchObject({ checked: N, settled: N, pending: 0, requests: Math.ceil(N / 100) });
  expect(sweep.cursor.since).not.toBeNull();
  expect(Object.values(await states(dealer.id, connection.id)).every((s) => s === "LIVE")).toBe(true);

  // Every ad pending again (as after a push of all of them), but on Blocket nothing changes.
  await db.publication.updateMany({ where: { dealerId: dealer.id, connectionId: connection.id }, data: { state: "ACCEPTED" } });
  const cursor = { since: pastNewest(), sweptAt: Date.now() };
  const quiet = await pollConnection(dealer.id, connection.id, undefined, cursor);
  expect(quiet).toMatchObject({ settled: 0, pending: N, requests: 1 });
  // Not seen changed is not "missing": nothing was concluded about them.
  expect(Object.values(await states(dealer.id, connection.id)).every((s) => s === "ACCEPTED")).toBe(true);

  // One ad is edited: the next round asks what changed (one call) and settles exactly that one.
  await updateListing(dealer.id, "SP-007", { price: 199_000 });
  const edit = await syncNow(dealer.id, connection.id, "SCHEDULE");
  expect(edit).toMatchObject({ status: "SUCCEEDED", updated: 1 });
  await waitFor("edit processed", async () => ours().find((a) => a.sourceId === "SP-007")!.settledAt !== null, 30_000, 100);
  const changed = await pollConnection(dealer.id, connection.id, undefined, quiet.cursor);
  expect(changed).toMatchObject({ settled: 1, pending: N - 1, requests: 1 });
  expect(Date.parse(changed.cursor.since!)).toBeGreaterThan(Date.parse(cursor.since));
  const after = await states(dealer.id, connection.id);
  expect(after["SP-007"]).toBe("LIVE");
  expect(Object.values(after).filter((s) => s === "ACCEPTED")).toHaveLength(N - 1);

  // Once SWEEP_MS has passed since the last sweep, every pending ad is asked about by reference.
  const due = await pollConnection(dealer.id, connection.id, undefined, { ...changed.cursor, sweptAt: Date.now() - SWEEP_MS });
  expect(due).toMatchObject({ checked: N - 1, settled: N - 1, pending: 0, requests: Math.ceil((N - 1) / 100) });
  expect(Object.values(await states(dealer.id, connection.id)).every((s) => s === "LIVE")).toBe(true);
}, 180_000);
