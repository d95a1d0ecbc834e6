/**
 * "What will this do?" (issue #15): the payload last sent is kept per publication, the diff of a
 * car names exactly the fields that change on Okasie and on Blocket, and a dry-run plan equals
 * what the run then does, car by car. Real sandboxes over HTTP, a real database.
 */
import "./env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_preview";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { stopQueue } from "@/lib/sync/queue";
import { listingPreview, syncPlan } from "@/lib/sync/preview";
import { blocketCar, insertListings, makeConnection, makeDealer, okasieCar, syncNow, updateListing } from "./helpers";

let okasie: RunningOkasieSandbox;
let blocket: Awaited<ReturnType<typeof startBlocketSandbox>>;
beforeAll(async () => {
  okasie = await startOkasieSandbox({ port: 0 });
  blocket = await startBlocketSandbox({ port: 0, processingDelayMs: 20 });
});
afterAll(async () => { await okasie?.close(); await blocket?.close(); await stopQueue(); });

const photos = (ref: string) => [1, 2, 3].map((n) => `https://photos.example.com/p/${ref}/${n}.jpg`);

describe("the diff of one car", () => {
  for (const market of ["OKASIE", "BLOCKET"] as const) {
    it(`${market}: a changed price and a reordered photo set are exactly those two fields`, async () => {
      const dealer = await makeDealer(market === "OKASIE" ? "BE" : "SE");
      const connection = await makeConnection(dealer.id, market, market === "OKASIE" ? okasie.baseUrl : blocket.baseUrl, { remoteMatchedAt: new Date() });
      const car = market === "OKASIE" ? okasieCar("DIFF-1", 1, { price: 21_950, images: photos("DIFF-1") }) : blocketCar("DIFF-1", 1, { price: 219_500, images: photos("DIFF-1") });
      const [row] = await insertListings(dealer.id, [car]);
      expect((await syncNow(dealer.id, connection.id)).created).toBe(1);

      // What was sent is kept, not only its hash.
      const pub = await db.publication.findFirstOrThrow({ where: { dealerId: dealer.id, connectionId: connection.id } });
      expect(pub.sentPayload).not.toBeNull();
      expect(JSON.stringify(pub.sentPayload)).toContain("DIFF-1/1.jpg");

      // Nothing changed: nothing to send.
      expect((await listingPreview(dealer.id, row.id))[0].car.action).toBe("unchanged");

      const [a, b, c] = photos("DIFF-1");
      const newPrice = market === "OKASIE" ? 20_950 : 209_500;
      await updateListing(dealer.id, "DIFF-1", { price: newPrice, images: [b, a, c] });
      const [preview] = await listingPreview(dealer.id, row.id);
      expect(preview.car.action).toBe("update");
      expect(preview.car.diff?.baseline).toBe("sent");
      const changes = preview.car.diff!.changes;
      expect(changes.map((ch) => ch.field).sort()).toEqual(["images", "price"]);
      expect(changes.find((ch) => ch.field === "price")).toMatchObject({ kind: "money", before: market === "OKASIE" ? 21_950 : 219_500, after: newPrice });
      expect(changes.find((ch) => ch.field === "images")).toMatchObject({ kind: "photos", photos: { added: 0, removed: 0, reordered: true } });
      expect(preview.car.diff!.unchanged).toEqual(expect.arrayContaining(["make", "model", "mileage", "title"].filter((f) => market === "OKASIE" || f !== "title")));
      expect(preview.marketplace.currency).toBe(market === "OKASIE" ? "EUR" : "SEK");

      // After the sync the new payload is the baseline: nothing left to change.
      await syncNow(dealer.id, connection.id);
      expect((await listingPreview(dealer.id, row.id))[0].car.action).toBe("unchanged");
    });
  }

  it("another dealer's car is not found", async () => {
    const mine = await makeDealer("BE");
    const theirs = await makeDealer("BE");
    const [row] = await insertListings(theirs.id, [okasieCar("THEIRS-1")]);
    await expect(listingPreview(mine.id, row.id)).rejects.toThrow(/not found/i);
  });
});

describe("the dry-run plan", () => {
  it("equals what the run then does: same creates, updates, removals and failures, per car", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", okasie.baseUrl, { remoteMatchedAt: new Date(), removalGuardMinimum: 50 });
    await insertListings(dealer.id, Array.from({ length: 12 }, (_, i) => okasieCar(`DRY-${String(i).padStart(2, "0")}`, i)));
    await syncNow(dealer.id, connection.id);

    await updateListing(dealer.id, "DRY-00", { price: 5_000 });
    await updateListing(dealer.id, "DRY-01", { mileage: 123_456 });
    await updateListing(dealer.id, "DRY-02", { status: "sold" });
    await updateListing(dealer.id, "DRY-03", { status: "draft" });
    await db.publication.updateMany({ where: { dealerId: dealer.id, connectionId: connection.id, listing: { reference: "DRY-04" } }, data: { enabled: false } });
    await insertListings(dealer.id, [okasieCar("DRY-20", 20), okasieCar("DRY-21", 21, { postalCode: null, city: null })]);

    const plan = await syncPlan(dealer.id, connection.id);
    const byAction = (a: string) => plan.cars.filter((c) => c.action === a).map((c) => c.reference).sort();
    expect(byAction("create")).toEqual(["DRY-20"]);
    expect(byAction("update")).toEqual(["DRY-00", "DRY-01", "DRY-03"]);
    expect(byAction("remove")).toEqual(["DRY-02", "DRY-04"]);
    expect(byAction("failed")).toEqual(["DRY-21"]);
    expect(plan.cars.filter((c) => c.offline).map((c) => [c.reference, c.offline])).toEqual([["DRY-02", "sold"], ["DRY-03", "draft"], ["DRY-04", "disabled"]]);
    expect(plan.cars.find((c) => c.reference === "DRY-01")!.diff!.changes.map((c) => c.field)).toEqual(["mileage"]);
    expect(plan.hold).toBeNull();

    const run = await syncNow(dealer.id, connection.id);
    const items = await db.syncItem.findMany({ where: { dealerId: dealer.id, syncRunId: run.id } });
    const did = (action: string, outcome = "ok") => items.filter((i) => i.action === action && i.outcome === outcome).map((i) => i.reference).sort();
    expect(did("create")).toEqual(byAction("create"));
    expect(did("update")).toEqual(byAction("update"));
    expect(did("remove")).toEqual(byAction("remove"));
    expect(did("preflight", "failed")).toEqual(byAction("failed"));
    expect(run).toMatchObject({ created: plan.counts.creates, updated: plan.counts.updates, removed: plan.counts.removals, failed: plan.counts.failed, unchanged: plan.counts.unchanged });
  });
});
