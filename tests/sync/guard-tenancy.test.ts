/**
 * The mass-removal guard, cancellation, and tenancy of the service API. Runs are executed by
 * calling the engine directly (no worker), so each step is deterministic.
 */
import "./env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_guard";
import { db } from "@/lib/db";
import { startOkasieSandbox, type RunningOkasieSandbox } from "@/sandbox/okasie";
import { executeRun } from "@/lib/sync/engine";
import { cancelSync, confirmRemovals, getRun, importRemoteOnly, listRuns, requestSync } from "@/lib/sync/service";
import { stopQueue } from "@/lib/sync/queue";
import { insertListings, makeAdmin, makeConnection, makeDealer, okasieCar, publications, syncNow, updateListing } from "./helpers";
import { words } from "../helpers/words";

let sim: RunningOkasieSandbox;
beforeAll(async () => { sim = await startOkasieSandbox({ port: 0 }); });
afterAll(async () => { await sim?.close(); await stopQueue(); });


const onOkasie = (prefix: string) => [...sim.state.store.listings.values()].filter((l) => l.externalReference?.startsWith(prefix));

describe("mass-removal guard", () => {
  it("stops before removing anything, and removes after an ADMIN confirms", async () => {
    const dealer = await makeDealer("BE");
    const admin = await makeAdmin(dealer.id);
    const staff = await db.user.create({ data: { email: `staff-${dealer.slug}@sync.test`, name: "Staff", passwordHash: "x", memberships: { create: { dealerId: dealer.id, role: "STAFF" } } } });
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    await insertListings(dealer.id, Array.from({ length: 10 }, (_, i) => okasieCar(`GRD-${i}`, i)));
    expect((await syncNow(dealer.id, connection.id)).created).toBe(10);

    for (let i = 0; i < 6; i++) await updateListing(dealer.id, `GRD-${i}`, { status: "sold" });
    await updateListing(dealer.id, "GRD-9", { price: 9_999 });
    const held = await syncNow(dealer.id, connection.id);
    expect(held.status).toBe("NEEDS_CONFIRMATION");
    expect(held.pendingRemovals).toBe(6);
    expect(words(held.message)).toMatch(/6 of 10/);
    expect(held.updated).toBe(1); // edits still go out
    expect(onOkasie("GRD-").filter((l) => l.status === "sold")).toHaveLength(0);

    // A scheduled sync meanwhile does not remove either, nor pile up a second confirmation.
    const meanwhile = await syncNow(dealer.id, connection.id, "SCHEDULE");
    expect(meanwhile.status).toBe("SUCCEEDED");
    expect(meanwhile.removed).toBe(0);
    expect(words(meanwhile.message)).toMatch(/wait for the confirmation/);

    expect(held.heldRemovals.map((c) => c.reference).sort()).toEqual(["GRD-0", "GRD-1", "GRD-2", "GRD-3", "GRD-4", "GRD-5"]);
    const shown = held.heldRemovals.map((c) => c.listingId);
    await expect(confirmRemovals(dealer.id, held.id, staff.id, shown).catch((e: Error) => Promise.reject(new Error(words(e.message))))).rejects.toThrow(/administrator/);
    const next = await confirmRemovals(dealer.id, held.id, admin.id, shown);
    // The held run ends with what it did; a new run takes exactly the confirmed cars down.
    expect((await getRun(dealer.id, held.id)).status).toBe("SUCCEEDED");
    expect(await db.auditEvent.count({ where: { dealerId: dealer.id, action: "sync.removals_confirmed", targetId: held.id } })).toBe(1);
    await executeRun(next.runId);
    const done = await getRun(dealer.id, next.runId);
    expect(done).toMatchObject({ status: "SUCCEEDED", removed: 6, removalsConfirmedById: admin.id });
    expect(onOkasie("GRD-").filter((l) => l.status === "sold")).toHaveLength(6);
  });

  it("lets a small removal through without confirmation", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    await insertListings(dealer.id, Array.from({ length: 3 }, (_, i) => okasieCar(`SML-${i}`, i)));
    await syncNow(dealer.id, connection.id);
    await updateListing(dealer.id, "SML-0", { status: "sold" });
    expect(await syncNow(dealer.id, connection.id)).toMatchObject({ status: "SUCCEEDED", removed: 1 });
  });
});

describe("cancellation", () => {
  it("cancels a queued run at once and a running one between chunks", async () => {
    const dealer = await makeDealer("BE");
    const connection = await makeConnection(dealer.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    const { runId: queued } = await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" });
    // A second request while one is open returns the same run.
    expect((await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "SAVE" })).runId).toBe(queued);
    await cancelSync(dealer.id, queued);
    expect((await getRun(dealer.id, queued)).status).toBe("CANCELLED");

    await insertListings(dealer.id, Array.from({ length: 800 }, (_, i) => okasieCar(`CNL-${String(i).padStart(4, "0")}`, i)));
    const { runId } = await requestSync({ dealerId: dealer.id, connectionId: connection.id, trigger: "MANUAL" });
    const running = executeRun(runId);
    const progress: number[] = [];
    for (;;) {
      const r = await getRun(dealer.id, runId);
      if (r.done > 0) { progress.push(r.done); break; }
      await new Promise((res) => setTimeout(res, 20));
    }
    await cancelSync(dealer.id, runId);
    await running;
    const run = await getRun(dealer.id, runId);
    expect(run.status).toBe("CANCELLED");
    expect(run.done).toBeLessThan(800);
    expect(run.created).toBe(onOkasie("CNL-").length); // what was sent is recorded, nothing more
    // The next sync sends the rest.
    const rest = await syncNow(dealer.id, connection.id);
    expect(rest.created + run.created).toBe(800);
    expect(onOkasie("CNL-")).toHaveLength(800);
  });
});

describe("tenancy", () => {
  it("treats another dealer's ids as not found and changes nothing", async () => {
    const mine = await makeDealer("BE");
    const other = await makeDealer("BE");
    const admin = await makeAdmin(other.id);
    const connection = await makeConnection(mine.id, "OKASIE", sim.baseUrl, { remoteMatchedAt: new Date() });
    const { runId } = await requestSync({ dealerId: mine.id, connectionId: connection.id, trigger: "MANUAL" });

    await expect(getRun(other.id, runId)).rejects.toThrow(/not found/i);
    await expect(cancelSync(other.id, runId)).rejects.toThrow(/not found/i);
    await expect(confirmRemovals(other.id, runId, admin.id, [])).rejects.toThrow(/not found/i);
    await expect(requestSync({ dealerId: other.id, connectionId: connection.id, trigger: "MANUAL" })).rejects.toThrow(/not found/i);
    await expect(importRemoteOnly(other.id, connection.id, ["ref-123"])).rejects.toThrow(/not found/i);
    expect(await listRuns(other.id)).toEqual([]);
    expect(await listRuns(other.id, { connectionId: connection.id })).toEqual([]);
    expect((await getRun(mine.id, runId)).status).toBe("QUEUED");
    expect((await listRuns(mine.id)).map((r) => r.id)).toEqual([runId]);
    expect(await publications(other.id, connection.id)).toEqual([]);
    await cancelSync(mine.id, runId);
  });
});
