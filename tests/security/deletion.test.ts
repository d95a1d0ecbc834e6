/**
 * Deleting live things (issue #11, item 9): a car or a connection with an ad still out there on a
 * marketplace is not deleted (the ad would be orphaned); a connection that may go is archived so
 * its publications and sync history stay; a car's sync history outlives the car.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "../listings/helpers";
import { bulkDeleteAction, saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { deleteConnectionAction, rotateTokenAction, setConnectionEnabledAction, testConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { syncNowAction } from "@/app/(dashboard)/d/[dealer]/syncs/actions";
import { db } from "@/lib/db";
import { parseMessage } from "@/lib/i18n/message";
import { translatorFor } from "@/lib/i18n/server";
import type { PublicationState } from "@/lib/generated/prisma/enums";
import { listConnections } from "@/lib/connections/service";
import { onMarketplace, outThere } from "@/lib/publications/live";
import { REMOVAL_SENT } from "@/lib/sync/hash";
import { isOnMarketplace, pubSelect } from "@/lib/sync/plan";
import { closeSyncPool } from "@/lib/sync/pool";
import { tryLockConnection } from "@/lib/sync/lock";
import { lastFour, seal } from "@/lib/vault";

let agId: string;
let n = 0;

beforeAll(async () => {
  agId = await dealerId("auto-gent");
  await signInAs("owner@autogent.test");
});
afterAll(async () => {
  await closeSyncPool();
});

async function newConnection(name: string) {
  const id = `del-${Date.now().toString(36)}-${++n}`;
  const sealed = seal("okasie-sandbox-token", id);
  return db.connection.create({
    data: { id, dealerId: agId, name, marketplace: "OKASIE", environment: "SANDBOX", baseUrl: "http://127.0.0.1:9/api/external/v1", tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour("okasie-sandbox-token"), lastCheckStatus: "ok" },
  });
}

async function newCar(title = "Volvo V60 D4 Momentum") {
  const result = await saveListingAction({ dealer: "auto-gent", listing: car({ title }), channels: {} });
  return db.listing.findUniqueOrThrow({ where: { id: result.data!.id } });
}

type PubShape = { state: PublicationState; sentHash: string | null; remoteId: string | null };
const publish = (listingId: string, connectionId: string, p: PubShape) => db.publication.create({ data: { dealerId: agId, listingId, connectionId, ...p } });

/** Every way an ad can stand, and whether it is out there. */
const SHAPES: [string, PubShape, boolean][] = [
  ["live", { state: "LIVE", sentHash: "h1", remoteId: "r1" }, true],
  ["in ERROR after it was published (an update failed)", { state: "ERROR", sentHash: "h1", remoteId: "r1" }, true],
  ["in ERROR, matched on the marketplace but never sent by us", { state: "ERROR", sentHash: null, remoteId: "r1" }, true],
  ["queued for its first write", { state: "QUEUED", sentHash: "h1", remoteId: null }, true],
  ["accepted by Blocket, not yet processed", { state: "ACCEPTED", sentHash: "h1", remoteId: "r1" }, true],
  ["hidden on Blocket (a draft that was published)", { state: "NOT_PUBLISHED", sentHash: "h1", remoteId: "r1" }, true],
  ["never published", { state: "NOT_PUBLISHED", sentHash: null, remoteId: null }, false],
  ["refused by pre-flight before any write", { state: "ERROR", sentHash: null, remoteId: null }, false],
  ["removed", { state: "REMOVED", sentHash: "h1", remoteId: "r1" }, false],
  ["removal sent", { state: "ACCEPTED", sentHash: REMOVAL_SENT, remoteId: "r1" }, false],
];
/** Not out there yet, but being written: deleting now could orphan the ad a moment later. */
const IN_FLIGHT: [string, PubShape][] = [
  ["queued for its first write", { state: "QUEUED", sentHash: null, remoteId: null }],
  ["live by its state alone", { state: "LIVE", sentHash: null, remoteId: null }],
];

describe("which ads are out there", () => {
  test("the deletion guard and the sync engine agree on every state", async () => {
    const connection = await newConnection("Agreement");
    for (const [label, shape, expected] of SHAPES) {
      const listing = await newCar();
      const pub = await publish(listing.id, connection.id, shape);
      const row = await db.publication.findUniqueOrThrow({ where: { id: pub.id }, select: pubSelect });
      expect(isOnMarketplace(row), label).toBe(expected);
      expect(await db.publication.count({ where: { id: pub.id, ...onMarketplace } }), label).toBe(expected ? 1 : 0);
      expect(await db.publication.count({ where: { id: pub.id, ...outThere } }), label).toBe(expected || ["QUEUED", "ACCEPTED", "LIVE"].includes(shape.state) ? 1 : 0);
    }
  });
});

describe("deleting a car", () => {
  test.each([...SHAPES.filter(([, , out]) => out).map(([l, s]) => [l, s] as const), ...IN_FLIGHT])("refused while its ad is %s; nothing is deleted", async (_label, shape) => {
    const connection = await newConnection("Okasie — delete guard");
    const listing = await newCar();
    await publish(listing.id, connection.id, shape);
    const result = await bulkDeleteAction({ dealer: "auto-gent", ids: [listing.id] });
    const message = (result.validationErrors?.ids as { _errors?: string[] } | undefined)?._errors?.[0] ?? "";
    expect(parseMessage(message)).toEqual({ key: "deletion.carsStillOnMarketplace", values: { count: 1, cars: `${listing.reference} (Okasie — delete guard)` } });
    expect((await translatorFor("en")).text(message)).toBe(
      `This car is still on a marketplace: ${listing.reference} (Okasie — delete guard). Mark it sold, or turn the marketplace off for it, and let the sync take the ad down; then delete.`,
    );
    expect(await db.listing.count({ where: { id: listing.id } })).toBe(1);
    expect(await db.publication.count({ where: { listingId: listing.id } })).toBe(1);
  });

  test("allowed once the ad is gone; the sync history and Blocket's log keep its rows", async () => {
    const connection = await newConnection("Okasie — history");
    const listing = await newCar();
    await publish(listing.id, connection.id, { state: "REMOVED", sentHash: "h1", remoteId: "r1" });
    const run = await db.syncRun.create({ data: { dealerId: agId, connectionId: connection.id, trigger: "MANUAL", status: "SUCCEEDED" } });
    await db.syncItem.create({ data: { dealerId: agId, syncRunId: run.id, listingId: listing.id, reference: listing.reference, action: "remove", outcome: "removed" } });
    await db.adLog.create({ data: { dealerId: agId, listingId: listing.id, connectionId: connection.id, reference: listing.reference, remoteId: "r1", remoteKey: `k-${listing.id}`, action: "delete", state: "done", at: new Date() } });
    expect((await bulkDeleteAction({ dealer: "auto-gent", ids: [listing.id] })).data).toEqual({ count: 1 });
    expect(await db.listing.count({ where: { id: listing.id } })).toBe(0);
    expect(await db.syncItem.findFirstOrThrow({ where: { syncRunId: run.id } })).toMatchObject({ reference: listing.reference, listingId: null, outcome: "removed" });
    expect(await db.adLog.findFirstOrThrow({ where: { remoteKey: `k-${listing.id}` } })).toMatchObject({ reference: listing.reference, listingId: null });
  });
});

describe("deleting a connection", () => {
  test("refused while any of its ads is out there, whatever its state; nothing changes", async () => {
    const connection = await newConnection("Okasie — busy");
    const cars = [await newCar(), await newCar()];
    await publish(cars[0].id, connection.id, { state: "ERROR", sentHash: "h1", remoteId: "r1" });
    await publish(cars[1].id, connection.id, { state: "REMOVED", sentHash: "h1", remoteId: "r2" });
    const before = JSON.stringify(await db.connection.findUniqueOrThrow({ where: { id: connection.id }, include: { publications: true, syncRuns: true } }));
    const result = await deleteConnectionAction({ dealer: "auto-gent", connectionId: connection.id });
    expect(result.serverError).toBe(`1 ad is still on Okasie through this connection (${cars[0].reference}). Turn Okasie off for those cars, or mark them sold, and let a sync take the ads down before deleting. To stop syncing for now, switch the connection off instead.`);
    expect(JSON.stringify(await db.connection.findUniqueOrThrow({ where: { id: connection.id }, include: { publications: true, syncRuns: true } }))).toBe(before);
  });

  test("refused while a sync of it is executing", async () => {
    const connection = await newConnection("Okasie — syncing");
    const lock = await tryLockConnection(connection.id); // what the worker holds for a whole run
    expect(lock).not.toBeNull();
    try {
      expect((await deleteConnectionAction({ dealer: "auto-gent", connectionId: connection.id })).serverError).toMatch(/^A sync of this connection is running/);
      expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).archivedAt).toBeNull();
    } finally {
      await lock!.release();
    }
  });

  test("once nothing is out there it is archived: history kept, token destroyed, gone from every list and action", async () => {
    const connection = await newConnection("Okasie — retired");
    const listing = await newCar();
    await publish(listing.id, connection.id, { state: "REMOVED", sentHash: "h1", remoteId: "r9" });
    const done = await db.syncRun.create({ data: { dealerId: agId, connectionId: connection.id, trigger: "MANUAL", status: "SUCCEEDED" } });
    await db.syncItem.create({ data: { dealerId: agId, syncRunId: done.id, listingId: listing.id, reference: listing.reference, action: "remove", outcome: "removed" } });
    const queued = await db.syncRun.create({ data: { dealerId: agId, connectionId: connection.id, trigger: "SCHEDULE", status: "QUEUED" } });

    expect((await deleteConnectionAction({ dealer: "auto-gent", connectionId: connection.id })).data).toEqual({ ok: true });

    const archived = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(archived).toMatchObject({ enabled: false, tokenCiphertext: "", tokenKeyId: "" });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await db.publication.count({ where: { connectionId: connection.id } })).toBe(1);
    expect(await db.syncItem.count({ where: { syncRunId: done.id } })).toBe(1);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "CANCELLED" });
    expect((await listConnections(agId)).map((c) => c.id)).not.toContain(connection.id);
    const ref = { dealer: "auto-gent", connectionId: connection.id };
    for (const result of [
      await testConnectionAction(ref), await setConnectionEnabledAction({ ...ref, enabled: true }),
      await rotateTokenAction({ ...ref, token: "okasie-sandbox-token" }), await deleteConnectionAction(ref),
    ]) expect(result.serverError).toBe("Not found.");
    expect((await syncNowAction(ref)).serverError).toBeTruthy();
    expect(await db.syncRun.count({ where: { connectionId: connection.id, status: { in: ["QUEUED", "RUNNING"] } } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.deleted", targetId: connection.id } });
    expect(JSON.stringify(audit.data)).not.toContain("okasie-sandbox-token");
  });
});
