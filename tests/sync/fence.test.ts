/**
 * Incremental reads behind a fence (lib/sync/fence.ts) and the plan's fingerprints
 * (lib/sync/fingerprint.ts), against the Okasie simulator over HTTP: after a sync that wrote every
 * ad, the next incremental read counts instead of re-reading our own writes — yet a change made by
 * anyone else is still seen, and anything the count cannot explain makes the read a full one.
 */
import "./env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { stopQueue } from "@/lib/sync/queue";
import { insertListings, makeConnection, makeDealer, okasieCar, OKASIE_PROFILE, publications, syncNow, updateListing } from "./helpers";

let sim: RunningOkasieSandbox;
beforeAll(async () => { sim = await startOkasieSandbox({ port: 0 }); });
afterAll(async () => {
  await sim?.close();
  await stopQueue();
});

const reads = () => sim.state.stats.byRoute["GET ^\\/listings$"] ?? 0;
const writes = () => Object.entries(sim.state.stats.byRoute).filter(([k]) => /^(PUT|POST|DELETE) /.test(k)).reduce((n, [, v]) => n + v, 0);
const onOkasie = (reference: string) => [...sim.state.store.listings.values()].find((l) => l.externalReference === reference)!;

/** A sync, and the listing reads and writes it sent to Okasie. */
async function measured(dealerId: string, connectionId: string, trigger: "MANUAL" | "SCHEDULE" = "SCHEDULE") {
  const r0 = reads(), w0 = writes();
  const run = await syncNow(dealerId, connectionId, trigger);
  return { run, reads: reads() - r0, writes: writes() - w0 };
}

describe("an incremental read after our own writes", () => {
  const N = 450; // three pages of 200 when read in full
  let dealerId: string;
  let connectionId: string;

  it("counts instead of re-reading them: two requests, nothing written", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl);
    dealerId = dealer.id;
    connectionId = connection.id;
    await insertListings(dealer.id, Array.from({ length: N }, (_, i) => okasieCar(`FN-${String(i).padStart(4, "0")}`, i)));

    const first = await measured(dealerId, connectionId, "MANUAL");
    expect(first.run).toMatchObject({ status: "SUCCEEDED", created: N });
    expect(first.reads).toBe(1); // the first sync's full read of an (almost) empty account

    const noop = await measured(dealerId, connectionId);
    expect(noop.run).toMatchObject({ status: "SUCCEEDED", unchanged: N, created: 0, updated: 0 });
    expect(noop.writes).toBe(0);
    // What changed since the fence (nothing: one page) and how many changed since the cursor (one count).
    expect(noop.reads).toBe(2);
  });

  it("still sees a change made on Okasie to one of our ads", async () => {
    const remote = onOkasie("FN-0007");
    remote.fields.price = 1; // edited in Okasie's own dashboard, a minute after our write
    remote.updatedAt = Date.now() + 60_000;
    const run = await measured(dealerId, connectionId);
    expect(run.run.status).toBe("SUCCEEDED");
    expect(run.reads).toBe(2);
    const pub = (await publications(dealerId, connectionId)).find((p) => p.listing.reference === "FN-0007")!;
    expect(pub.driftDetectedAt).not.toBeNull();
  });

  it("reads everything again when the count shows a change it does not know", async () => {
    // An ad made in Okasie's own dashboard on our profile an hour ago, that no read of ours has
    // seen yet (it became visible late): its time is before the fence, so only the count can tell.
    const template = [...sim.state.store.listings.values()].find((l) => l.externalReference === "ref-123")!;
    const hourAgo = Date.now() - 3_600_000;
    sim.state.store.listings.set("0d0d0d0d-0d0d-400d-a0d0-0d0d0d0d0d0d", {
      ...structuredClone(template), id: "0d0d0d0d-0d0d-400d-a0d0-0d0d0d0d0d0d", slug: "dashboard-made-0d0d0d0d", partnerId: null, externalReference: null,
      dealerProfileId: OKASIE_PROFILE, createdAt: hourAgo, updatedAt: hourAgo,
    });
    const run = await measured(dealerId, connectionId);
    expect(run.run.status).toBe("SUCCEEDED");
    expect(run.reads).toBeGreaterThanOrEqual(2 + Math.ceil((N + 1) / 200)); // the two of the fence, then every page
    // The full read built a new fence: the next read is cheap again.
    const next = await measured(dealerId, connectionId);
    expect(next.reads).toBe(2);
    expect(next.writes).toBe(0);
  });

  it("a write that may repeat what Okasie holds makes the next read a full one", async () => {
    // A transient failure leaves the ad in ERROR; its next send may repeat content Okasie already has.
    await db.publication.updateMany({ where: { dealerId, connectionId, listing: { reference: "FN-0011" } }, data: { state: "ERROR", lastErrorCode: "HTTP_503" } });
    const resend = await measured(dealerId, connectionId);
    expect(resend.run).toMatchObject({ status: "SUCCEEDED", updated: 1 });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).remoteFence).toBeNull();
    const next = await measured(dealerId, connectionId);
    expect(next.reads).toBeGreaterThanOrEqual(Math.ceil(N / 200));
    expect((await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).remoteFence).not.toBeNull();
  });

  it("a removal that changed nothing on Okasie makes the next read a full one", async () => {
    // Okasie no longer knows the ad: its removal succeeds (404 = already gone) without changing anything there.
    const gone = onOkasie("FN-0020");
    sim.state.store.listings.delete(gone.id);
    await updateListing(dealerId, "FN-0020", { status: "sold" });
    const removal = await measured(dealerId, connectionId);
    expect(removal.run).toMatchObject({ status: "SUCCEEDED", removed: 1 });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).remoteFence).toBeNull();
    expect((await measured(dealerId, connectionId)).reads).toBeGreaterThanOrEqual(Math.ceil(N / 200));
  });

  it("an edit after the fence is sent, and its own write is not read back", async () => {
    await updateListing(dealerId, "FN-0100", { price: 9_999 });
    const edit = await measured(dealerId, connectionId);
    expect(edit.run).toMatchObject({ status: "SUCCEEDED", updated: 1 });
    expect(onOkasie("FN-0100").fields.price).toBe(9_999);
    const next = await measured(dealerId, connectionId);
    expect(next.reads).toBe(2);
    expect(next.run).toMatchObject({ updated: 0, created: 0, removed: 0 });
  });

  it("an ad another connection writes on the same profile is read once, then known", async () => {
    const other = await makeDealer("BE");
    const otherConnection = await makeConnection(other.id, "OKASIE", sim.baseUrl, { dealerProfileId: OKASIE_PROFILE, remoteMatchedAt: new Date() });
    await insertListings(other.id, [okasieCar("FN-OTHER-1", 1)]);
    await syncNow(other.id, otherConnection.id, "MANUAL");
    const run = await measured(dealerId, connectionId);
    expect(run.run.status).toBe("SUCCEEDED");
    expect(run.reads).toBe(2); // it changed after the fence: read with what changed since then
    const fence = (await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).remoteFence as { tail: string[] };
    expect(fence.tail).toContain(onOkasie("FN-OTHER-1").id);
    expect((await measured(dealerId, connectionId)).reads).toBe(2);
  });
});

describe("the plan's fingerprints", () => {
  it("recognise unchanged listings without building their payloads, and learn the missing ones", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    await insertListings(dealer.id, Array.from({ length: 30 }, (_, i) => okasieCar(`FP-${String(i).padStart(3, "0")}`, i)));
    await syncNow(dealer.id, connection.id, "MANUAL");
    const pubs = await publications(dealer.id, connection.id);
    expect(pubs.every((p) => p.sentSourceHash?.includes(":"))).toBe(true);

    // Fingerprints lost (e.g. publications from before they existed): planned in full, found
    // unchanged, learnt again — nothing is sent.
    await db.publication.updateMany({ where: { dealerId: dealer.id, connectionId: connection.id }, data: { sentSourceHash: null } });
    const relearn = await measured(dealer.id, connection.id);
    expect(relearn.run).toMatchObject({ status: "SUCCEEDED", unchanged: 30, updated: 0 });
    expect(relearn.writes).toBe(0);
    expect((await publications(dealer.id, connection.id)).every((p) => p.sentSourceHash !== null)).toBe(true);

    // A per-connection override is an input of the payload: the listing is sent again.
    await db.publication.updateMany({ where: { dealerId: dealer.id, connectionId: connection.id, listing: { reference: "FP-003" } }, data: { overrideTitle: "Only on Okasie" } });
    const override = await measured(dealer.id, connection.id);
    expect(override.run).toMatchObject({ updated: 1, unchanged: 29 });
    expect(onOkasie("FP-003").fields.title).toBe("Only on Okasie");

    // The connection's identity is part of every payload: all are sent again under the new profile.
    await db.connection.update({ where: { id: connection.id }, data: { dealerProfileId: "84118503-030b-45f3-a867-c77d54d00b4c" } });
    const moved = await measured(dealer.id, connection.id);
    expect(moved.run).toMatchObject({ status: "SUCCEEDED", updated: 30 });
  });

  it("manual runs build every payload and agree with the fingerprints", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    await insertListings(dealer.id, Array.from({ length: 12 }, (_, i) => okasieCar(`FM-${String(i).padStart(3, "0")}`, i)));
    await syncNow(dealer.id, connection.id, "MANUAL");
    // A stale fingerprint that a scheduled run would trust is not trusted by a manual one: the
    // stored payload hash decides, so a listing changed behind the fingerprint's back is sent.
    const listing = await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id, reference: "FM-004" } });
    const pub = await db.publication.findFirstOrThrow({ where: { dealerId: dealer.id, listingId: listing.id } });
    await db.publication.update({ where: { id: pub.id }, data: { sentHash: "0".repeat(64) } });
    const scheduled = await measured(dealer.id, connection.id);
    expect(scheduled.run).toMatchObject({ unchanged: 12, updated: 0 });
    const manual = await measured(dealer.id, connection.id, "MANUAL");
    expect(manual.run).toMatchObject({ unchanged: 11, updated: 1 });
  });
});
