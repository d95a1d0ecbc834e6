/**
 * Readable history (issue #15): one entry per change with who, what (old → new) and each
 * marketplace's outcome; Blocket's log one entry per request_id; paging shows every entry once.
 * Real sandboxes over HTTP, a real database.
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_history";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { startBlocketSandbox } from "@/sandbox/blocket";
import { stopQueue } from "@/lib/sync/queue";
import { pollConnection } from "@/lib/sync/poll";
import { saveListing, setStatuses } from "@/lib/listings/commands";
import { fromRow } from "@/lib/listings/store";
import { formatNumber } from "@/lib/i18n/format";
import { history, historyQuerySchema, type HistoryEntry } from "@/lib/history/timeline";
import { blocketCar, insertListings, makeAdmin, makeConnection, makeDealer, okasieCar, syncNow, waitFor } from "../sync/helpers";

let okasie: RunningOkasieSandbox;
let blocket: Awaited<ReturnType<typeof startBlocketSandbox>>;
beforeAll(async () => {
  okasie = await startOkasieSandbox({ port: 0 });
  blocket = await startBlocketSandbox({ port: 0, processingDelayMs: 20 });
});
afterAll(async () => { await okasie?.close(); await blocket?.close(); await stopQueue(); });

const query = (over: Record<string, unknown> = {}) => historyQuerySchema.parse(over);

/** Saves a car through the editor's own command, as the dealer's user. */
async function editPrice(actorId: string, dealerId: string, listingId: string, price: number) {
  const row = await db.listing.findFirstOrThrow({ where: { id: listingId, dealerId } });
  const result = await saveListing(actorId, dealerId, { id: listingId, listing: { ...fromRow(row), price }, channels: {}, confirm: [] });
  expect(result.needsConfirmation).toEqual([]);
}

async function everyEntry(dealerId: string, over: Record<string, unknown> = {}) {
  const seen: HistoryEntry[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await history(dealerId, query({ ...over, cursor }));
    seen.push(...page.entries);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("paging never ended");
}

describe("a car's history", () => {
  it("a price edit then a sync is one entry: the user's name, price 21 950 → 20 950 and Okasie's outcome", async () => {
    const dealer = await makeDealer("BE");
    const user = await makeAdmin(dealer.id);
    await db.user.update({ where: { id: user.id }, data: { name: "Els Verhoeven" } });
    const connection = await makeConnection(dealer.id, "OKASIE", okasie.baseUrl, { remoteMatchedAt: new Date() });
    const [car] = await insertListings(dealer.id, [okasieCar("HIST-1", 1, { price: 21_950 })]);
    expect((await syncNow(dealer.id, connection.id)).created).toBe(1);

    await editPrice(user.id, dealer.id, car.id, 20_950);
    // Before the sync the edit waits for Okasie.
    const [waiting] = (await history(dealer.id, query({ listingId: car.id }))).entries;
    expect(waiting).toMatchObject({ kind: "edit", who: { by: "user", name: "Els Verhoeven" } });
    expect(waiting.outcomes).toEqual([expect.objectContaining({ connectionName: connection.name, state: "QUEUED", action: null })]);

    expect((await syncNow(dealer.id, connection.id)).updated).toBe(1);
    const { entries } = await history(dealer.id, query({ listingId: car.id }));
    // The edit and the sync that sent it are one entry; the first publication is its own.
    expect(entries.map((e) => e.kind)).toEqual(["edit", "sync"]);
    const [edit, first] = entries;
    expect(edit.changes).toEqual([{ field: "price", kind: "money", before: 21_950, after: 20_950 }]);
    const price = edit.changes[0];
    expect(`${price.field}: ${formatNumber(price.before as number, "fr")} → ${formatNumber(price.after as number, "fr")}`.replace(/\s/g, " ")).toBe("price: 21 950 → 20 950");
    expect(edit.who).toEqual({ by: "user", name: "Els Verhoeven" });
    expect(edit.currency).toBe("EUR");
    expect(edit.car).toMatchObject({ id: car.id, reference: "HIST-1", name: expect.stringContaining("Volkswagen Golf") });
    expect(edit.outcomes).toEqual([expect.objectContaining({ marketplace: "OKASIE", marketplaceLabel: "Okasie", action: "update", state: "LIVE" })]);
    expect(first).toMatchObject({ kind: "sync", who: { by: "manual" }, outcomes: [expect.objectContaining({ action: "create", state: "LIVE" })] });

    // The Activity page shows the same entries, and another dealer sees none of them.
    expect((await history(dealer.id, query())).entries.map((e) => e.id)).toEqual(entries.map((e) => e.id));
    const other = await makeDealer("BE");
    expect((await history(other.id, query({ listingId: car.id }))).entries).toEqual([]);
  });

  it("a single status change names the old and the new status", async () => {
    const dealer = await makeDealer("BE");
    const user = await makeAdmin(dealer.id);
    const [car] = await insertListings(dealer.id, [okasieCar("HIST-S", 2)]);
    await setStatuses(user.id, dealer.id, [car.id], "reserved");
    const [entry] = (await history(dealer.id, query({ listingId: car.id }))).entries;
    expect(entry.changes).toEqual([{ field: "status", kind: "status", before: "active", after: "reserved" }]);
  });

  it("paging returns every entry exactly once, newest first", async () => {
    const dealer = await makeDealer("BE");
    const user = await makeAdmin(dealer.id);
    const connection = await makeConnection(dealer.id, "OKASIE", okasie.baseUrl, { remoteMatchedAt: new Date() });
    const cars = await insertListings(dealer.id, Array.from({ length: 6 }, (_, i) => okasieCar(`PAGE-${i}`, i, { price: 10_000 + i })));
    await syncNow(dealer.id, connection.id);
    for (const [i, car] of cars.entries()) await editPrice(user.id, dealer.id, car.id, 9_000 + i);
    await syncNow(dealer.id, connection.id);
    for (const car of cars.slice(0, 3)) await editPrice(user.id, dealer.id, car.id, 8_000);

    const all = (await history(dealer.id, query({ take: 100 }))).entries;
    // 6 first publications, 6 edits sent by the second sync, 3 edits waiting.
    expect(all.length).toBe(15);
    for (const take of [1, 2, 4, 7]) {
      const paged = await everyEntry(dealer.id, { take });
      expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
    }
    const times = all.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    // A cursor that is not ours starts from the newest again, never an error.
    expect((await history(dealer.id, query({ cursor: "not-a-cursor", take: 3 }))).entries.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
  });
});

describe("Blocket's action log", () => {
  it("a publish of several requests is one entry per request_id, its lines folded inside", async () => {
    const dealer = await makeDealer("SE");
    const connection = await makeConnection(dealer.id, "BLOCKET", blocket.baseUrl);
    await insertListings(dealer.id, [blocketCar("BLOG-1", 1), blocketCar("BLOG-2", 2)]);
    expect((await syncNow(dealer.id, connection.id)).created).toBe(2);
    await waitFor("published and mirrored", async () => {
      await pollConnection(dealer.id, connection.id);
      const done = await db.adLog.count({ where: { dealerId: dealer.id, connectionId: connection.id, action: "publish", state: "done" } });
      return done === 2;
    }, 30_000, 300);

    const lines = await db.adLog.findMany({ where: { dealerId: dealer.id, connectionId: connection.id } });
    const requests = new Set(lines.map((l) => l.requestId));
    expect(lines.length).toBeGreaterThan(requests.size); // several lines per request: the case at hand
    const logs = (await everyEntry(dealer.id, { take: 3 })).filter((e) => e.kind === "log");
    expect(logs.length).toBe(requests.size);
    expect(new Set(logs.map((e) => e.log!.requestId))).toEqual(requests);
    for (const entry of logs) {
      const mine = lines.filter((l) => l.requestId === entry.log!.requestId);
      expect(entry.log!.lines.length).toBe(mine.length);
      expect(entry.car.reference).toBe(mine[0].reference);
      expect(entry.log!.marketplaceLabel).toBe("Blocket");
    }
    // Every line shows once, in exactly one entry.
    expect(logs.reduce((n, e) => n + e.log!.lines.length, 0)).toBe(lines.length);
    // And the log entries of one car only on that car's page.
    const car = await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id, reference: "BLOG-1" } });
    const own = (await history(dealer.id, query({ listingId: car.id, take: 100 }))).entries.filter((e) => e.kind === "log");
    expect(own.length).toBe(new Set(lines.filter((l) => l.listingId === car.id).map((l) => l.requestId)).size);
    expect(own.every((e) => e.car.reference === "BLOG-1")).toBe(true);
  });
});
