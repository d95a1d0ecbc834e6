/**
 * Retention (lib/ops/retention.ts): the daily prune deletes what is past its time and nothing else —
 * the newest run of each connection and runs still going stay whatever their age, items go with
 * their run, recent records stay. A database of this file's own (it deletes across the database).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, stopFreshDb } from "./fresh-db";

const { pruneExpiredRecords, RETENTION_RULES } = await import("@/lib/ops/retention");
const { closeSyncPool } = await import("@/lib/sync/pool");

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

let connection: { id: string; dealerId: string };
let user: { id: string };

beforeAll(async () => {
  connection = await db.connection.findUniqueOrThrow({ where: { id: "demo-okasie-auto-gent" }, select: { id: true, dealerId: true } });
  user = await db.user.findFirstOrThrow({ select: { id: true } });
});
afterAll(async () => {
  await closeSyncPool();
  await stopFreshDb();
});

async function run(daysAgo: number, status: "SUCCEEDED" | "FAILED" | "NEEDS_CONFIRMATION" = "SUCCEEDED") {
  const r = await db.syncRun.create({ data: { dealerId: connection.dealerId, connectionId: connection.id, trigger: "SCHEDULE", status, queuedAt: ago(daysAgo) } });
  await db.syncItem.createMany({ data: [1, 2].map((i) => ({ dealerId: connection.dealerId, syncRunId: r.id, reference: `RET-${i}`, action: "update", outcome: "ok", createdAt: ago(daysAgo) })) });
  return r.id;
}

describe("the daily retention prune", () => {
  it("deletes only records past their retention, keeping each connection's newest run and runs waiting for a person", async () => {
    await db.syncRun.deleteMany({ where: { connectionId: connection.id } });
    const old = await run(400);
    const oldFailed = await run(200, "FAILED");
    const oldWaiting = await run(300, "NEEDS_CONFIRMATION");
    const recent = await run(10);
    const auditOld = await db.auditEvent.create({ data: { dealerId: connection.dealerId, action: "listing.updated", targetType: "listing", createdAt: ago(800) } });
    const auditRecent = await db.auditEvent.create({ data: { dealerId: connection.dealerId, action: "listing.updated", targetType: "listing", createdAt: ago(400) } });
    const logOld = await db.adLog.create({ data: { dealerId: connection.dealerId, connectionId: connection.id, reference: "RET-1", remoteId: "r1", remoteKey: "k-old", action: "create", state: "done", at: ago(181) } });
    const logRecent = await db.adLog.create({ data: { dealerId: connection.dealerId, connectionId: connection.id, reference: "RET-1", remoteId: "r1", remoteKey: "k-new", action: "update", state: "done", at: ago(179) } });
    const sessionEnded = await db.userSession.create({ data: { id: "ret-ended", userId: user.id, expiresAt: ago(2) } });
    const sessionOpen = await db.userSession.create({ data: { id: "ret-open", userId: user.id, expiresAt: new Date(Date.now() + DAY) } });
    const mailSent = await db.alertDelivery.create({ data: { userId: user.id, key: "ret:sent", status: "SENT", createdAt: ago(100) } });
    const mailPending = await db.alertDelivery.create({ data: { userId: user.id, key: "ret:pending", status: "PENDING", createdAt: ago(100) } });

    const deleted = await pruneExpiredRecords();

    const runs = new Set((await db.syncRun.findMany({ where: { connectionId: connection.id }, select: { id: true } })).map((r) => r.id));
    expect(runs).toEqual(new Set([oldWaiting, recent]));
    expect(await db.syncItem.count({ where: { syncRunId: { in: [old, oldFailed] } } })).toBe(0);
    expect(await db.syncItem.count({ where: { syncRunId: recent } })).toBe(2);
    expect(await db.auditEvent.findUnique({ where: { id: auditOld.id } })).toBeNull();
    expect(await db.auditEvent.findUnique({ where: { id: auditRecent.id } })).not.toBeNull();
    expect(await db.adLog.findUnique({ where: { id: logOld.id } })).toBeNull();
    expect(await db.adLog.findUnique({ where: { id: logRecent.id } })).not.toBeNull();
    expect(await db.userSession.findUnique({ where: { id: sessionEnded.id } })).toBeNull();
    expect(await db.userSession.findUnique({ where: { id: sessionOpen.id } })).not.toBeNull();
    expect(await db.alertDelivery.findUnique({ where: { id: mailSent.id } })).toBeNull();
    expect(await db.alertDelivery.findUnique({ where: { id: mailPending.id } })).not.toBeNull();
    expect(deleted).toMatchObject({ "sync runs and their items": 2, "Blocket's mirrored ad log": 1, "audit events": 1, "ended sessions": 1, "alert mail deliveries": 1 });

    // A second prune the same day finds nothing more.
    expect(Object.values(await pruneExpiredRecords()).every((n) => n === 0)).toBe(true);
  });

  it("keeps the newest run of a connection however old it is", async () => {
    await db.syncRun.deleteMany({ where: { connectionId: connection.id } });
    const only = await run(1_000);
    await pruneExpiredRecords();
    expect(await db.syncRun.findUnique({ where: { id: only } })).not.toBeNull();
  });

  it("deletes in batches until nothing past its time is left", async () => {
    const rule = RETENTION_RULES.find((r) => r.table === "AuditEvent")!;
    await db.auditEvent.createMany({ data: Array.from({ length: 6_000 }, () => ({ action: "user.created", targetType: "user", createdAt: ago(rule.days() + 1) })) });
    const result = await pruneExpiredRecords();
    expect(result["audit events"]).toBe(6_000);
  });
});
