/**
 * The move from Blocket Admin (blocket.md §4.1), against the Blocket sandbox over HTTP: a new
 * connection waits for the decision, the preview says which car takes over which listed ad and what
 * happens to the rest, and the run never makes a second ad — not with a lost answer, not when the
 * run is interrupted after Blocket got the writes, not when the migration is run again.
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_blocket_migration";
import { db } from "@/lib/db";
import { ActionError, NotFoundError } from "@/lib/errors";
import { parseMessage } from "@/lib/i18n/message";
import type { AttemptInfo, MarketplaceAdapter } from "@/lib/marketplaces/types";
import { previewMigration, runMigration, skipMigration, migrationStatus, HELD_CODE } from "@/lib/migration/service";
import { adapterFor } from "@/lib/sync/adapters";
import { executeRun } from "@/lib/sync/engine";
import { stopQueue } from "@/lib/sync/queue";
import { getRun } from "@/lib/sync/service";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { blocketCar, insertListings, makeAdmin, makeConnection, makeDealer, publications, syncNow } from "../sync/helpers";
import { auditOf, blocketApi, settle, startSandbox, type RunningBlocket } from "./complete-helpers";

let sim: RunningBlocket;
beforeAll(async () => { sim = await startSandbox(); });
afterAll(async () => { await sim?.close(); await stopQueue(); });

const key = (m: string | null | undefined) => (m ? parseMessage(m)?.key : null);
const accessOf = (dealer: { id: string; slug: string; name: string; country: "BE" | "SE" }, role: DealerAccess["role"] = "ADMIN"): DealerAccess => ({ dealer, role });

const LIST = [
  "Registreringsnummer;Annons;Rubrik",
  "MGA001;1300000001;Volvo XC60 T5",
  "mgg 001;1300000007",
  "MGE001",
  "MGF001",
  "GONE01;1300000099;Saab 9-5 Aero",
  "??",
  "MGA001",
].join("\n");

async function scenario() {
  const api = blocketApi(sim);
  for (const [plate, id] of [["MGA001", "1300000001"], ["MGG001", "1300000007"], ["MGE001", "1300000005"], ["MGF001", "1300000006"], ["GONE01", "1300000099"]]) {
    await api.control("POST", "/admin-ads", { dealerCode: "FC-STHLM", registrationNumber: plate, blocketAdId: id, offerId: `55${id.slice(-5)}` });
  }
  const dealer = await makeDealer("SE");
  const admin = await makeAdmin(dealer.id);
  const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl, { migrationState: "PENDING" });
  await insertListings(dealer.id, [
    blocketCar("MIG-A", 1, { registrationNumber: "MGA001" }),
    blocketCar("MIG-B", 2, { registrationNumber: "MGB001" }),
    blocketCar("MIG-C", 3, { registrationNumber: null, vin: "YV1DZ8256C2234567" }),
    blocketCar("MIG-D1", 4, { registrationNumber: "MGD001" }),
    blocketCar("MIG-D2", 5, { registrationNumber: "MGD001" }),
    blocketCar("MIG-E", 6, { registrationNumber: "MGE001", images: [] }),
    blocketCar("MIG-F", 7, { registrationNumber: "MGF001", status: "draft" }),
    blocketCar("MIG-G", 8, { registrationNumber: "MGG001" }),
  ]);
  return { api, dealer, admin, connection };
}

describe("moving from Blocket Admin", () => {
  it("holds a new connection, previews the plan, and never makes a second ad — with a lost answer, an interrupted run, and a second run", async () => {
    const { api, dealer, admin, connection } = await scenario();
    const access = accessOf(dealer);

    // Before the decision the connection reads but sends nothing.
    const held = await syncNow(dealer.id, connection.id);
    expect(held.status).toBe("SUCCEEDED");
    expect(key(held.message)).toBe("migration.held");
    expect(await api.ads()).toEqual([]);

    // The preview: which car takes over which listed ad, and what happens to the rest on both sides.
    const preview = await previewMigration(access, { connectionId: connection.id, list: LIST });
    const outcome = Object.fromEntries(preview.plan.cars.map((c) => [c.reference, [c.outcome, c.adminAd?.remoteId ?? null]]));
    expect(outcome).toEqual({
      "MIG-A": ["takesOver", "1300000001"], "MIG-G": ["takesOver", "1300000007"], "MIG-B": ["new", null],
      "MIG-C": ["heldNoPlate", null], "MIG-D1": ["heldDuplicatePlate", null], "MIG-D2": ["heldDuplicatePlate", null],
      "MIG-E": ["heldNoPhotos", null], "MIG-F": ["notSent", null],
    });
    expect(preview.plan.cars.find((c) => c.reference === "MIG-E")?.adminAd?.plate).toBe("MGE001");
    expect(preview.plan.unmatchedAdminAds.map((a) => [a.plate, a.remoteId, a.title])).toEqual([["GONE01", "1300000099", "Saab 9-5 Aero"]]);
    expect(preview.problems.map((p) => [p.line, key(p.reason)])).toEqual([[7, "migration.list.notAPlate"], [8, "migration.list.duplicate"]]);
    expect(preview.plan.counts).toMatchObject({ takesOver: 2, new: 1, heldNoPlate: 1, heldDuplicatePlate: 2, heldNoPhotos: 1, notSent: 1, unmatchedAdminAds: 1 });

    // In a rehearsal every ad goes out hidden: taking over live Admin ads then is refused.
    await db.connection.update({ where: { id: connection.id }, data: { rehearsal: true } });
    const refused = await runMigration(admin.id, access, { connectionId: connection.id, list: LIST }).catch((e) => e);
    expect(refused).toBeInstanceOf(ActionError);
    expect(key(refused.message)).toBe("migration.rehearsalOn");
    await db.connection.update({ where: { id: connection.id }, data: { rehearsal: false } });

    // Run 1: the first POST's answer is lost (Blocket stored it), and the run dies after Blocket got
    // the writes of the first cars but before Forecourt recorded any answer.
    await api.control("POST", "/faults", { kind: "status", status: 502, method: "POST", path: "/^\\/v4\\/car$/", phase: "after", count: 1 });
    const first = await runMigration(admin.id, access, { connectionId: connection.id, list: LIST });
    expect(first.counts.takesOver).toBe(2);
    const dying = (marketplace: string, onAttempt: (info: AttemptInfo) => void): MarketplaceAdapter => {
      const real = adapterFor(marketplace, { onAttempt });
      return { ...real, push: async (inputs, ctx) => { await real.push(inputs.slice(0, 2), ctx); throw new Error("worker died"); } };
    };
    await executeRun(first.runId, { adapterFor: dying });
    expect((await getRun(dealer.id, first.runId)).failed).toBe(3);
    expect((await api.control("GET", "/faults")).http).toEqual([]); // the create's answer was lost
    const afterCrash = await api.ads();
    expect(afterCrash.length).toBe(2);
    expect((await publications(dealer.id, connection.id)).filter((p) => p.remoteId !== null)).toHaveLength(0);

    // Run 2 picks up: what Blocket already has is updated in place, the rest is created.
    const second = await runMigration(admin.id, access, { connectionId: connection.id, list: LIST });
    expect(second.counts).toMatchObject({ takesOver: 2, new: 1 });
    await executeRun(second.runId);
    expect(await getRun(dealer.id, second.runId)).toMatchObject({ status: "SUCCEEDED", failed: 0 });
    await settle(sim, dealer.id, connection.id);

    // Run 3 (the dealer runs it once more): nothing new on Blocket.
    const third = await runMigration(admin.id, access, { connectionId: connection.id, list: LIST });
    expect(third.counts).toMatchObject({ alreadyLinked: 3, takesOver: 0, new: 0 });
    await executeRun(third.runId);
    expect(await getRun(dealer.id, third.runId)).toMatchObject({ created: 0, failed: 0 });
    await settle(sim, dealer.id, connection.id);

    const ads = await api.ads();
    expect(ads.map((a) => a.source_id).sort()).toEqual(["MIG-A", "MIG-B", "MIG-G"]);
    const byRef = Object.fromEntries(ads.map((a) => [a.source_id, a]));
    // The Admin ads were taken over (their ids kept); the new car got a new ad.
    expect(byRef["MIG-A"].blocket_ad_id).toBe("1300000001");
    expect(byRef["MIG-G"].blocket_ad_id).toBe("1300000007");
    expect(byRef["MIG-B"].blocket_ad_id).not.toMatch(/^13000000/);
    expect((await api.ad("MIG-A")).log.some((e: { external_message: string }) => e.external_message === "Ad linked to existing Blocket Admin ad")).toBe(true);

    // Held cars are off Blocket with the reason on the car; the draft is untouched.
    const pubs = Object.fromEntries((await publications(dealer.id, connection.id)).map((p) => [p.listing.reference, p]));
    for (const ref of ["MIG-C", "MIG-D1", "MIG-D2", "MIG-E"]) expect([ref, pubs[ref]?.enabled, pubs[ref]?.lastErrorCode]).toEqual([ref, false, HELD_CODE]);
    expect(key(pubs["MIG-E"].lastErrorMessage)).toBe("migration.heldReason.noPhotos");
    expect(pubs["MIG-A"]).toMatchObject({ state: "LIVE", enabled: true });
    const state = await migrationStatus(dealer.id, connection.id);
    expect(state).toMatchObject({ state: "DONE", last: { run: { status: "SUCCEEDED" } } });
    expect((await auditOf(dealer.id, "connection.migration_run")).length).toBe(3);

    // The dealer checks MIG-C has no Admin ad and photos are added to MIG-E: the next run sends both.
    await db.listing.update({ where: { dealerId_reference: { dealerId: dealer.id, reference: "MIG-E" } }, data: { images: ["https://cdn.example.com/mig-e/1.jpg"] } });
    const mgc = await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id, reference: "MIG-C" } });
    const fourth = await runMigration(admin.id, access, { connectionId: connection.id, list: LIST, confirmedNew: [mgc.id] });
    expect(fourth.counts).toMatchObject({ takesOver: 1, newConfirmed: 1, heldNoPhotos: 0, heldNoPlate: 0 });
    await executeRun(fourth.runId);
    await settle(sim, dealer.id, connection.id);
    const finalAds = Object.fromEntries((await api.ads()).map((a) => [a.source_id, a]));
    expect(Object.keys(finalAds).sort()).toEqual(["MIG-A", "MIG-B", "MIG-C", "MIG-E", "MIG-G"]);
    expect(finalAds["MIG-E"].blocket_ad_id).toBe("1300000005");
  });

  it("a dealer with nothing in Blocket Admin skips it and the connection starts publishing", async () => {
    const dealer = await makeDealer("SE");
    const admin = await makeAdmin(dealer.id);
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl, { migrationState: "PENDING" });
    await insertListings(dealer.id, [blocketCar("SKIP-1", 11, { registrationNumber: "SKP001" })]);
    expect(key((await syncNow(dealer.id, connection.id)).message)).toBe("migration.held");
    await skipMigration(admin.id, accessOf(dealer), { connectionId: connection.id });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).migrationState).toBe("SKIPPED");
    expect(await syncNow(dealer.id, connection.id)).toMatchObject({ status: "SUCCEEDED", created: 1 });
    expect((await auditOf(dealer.id, "connection.migration_skipped")).length).toBe(1);
  });

  it("staff cannot preview, run or skip it, and another dealer's connection is not found", async () => {
    const { dealer, admin, connection } = await scenario();
    const other = await makeDealer("SE");
    const staff = accessOf(dealer, "STAFF");
    for (const call of [
      () => previewMigration(staff, { connectionId: connection.id, list: LIST }),
      () => runMigration(admin.id, staff, { connectionId: connection.id, list: LIST }),
      () => skipMigration(admin.id, staff, { connectionId: connection.id }),
      () => previewMigration(accessOf(other), { connectionId: connection.id, list: LIST }),
      () => runMigration(admin.id, accessOf(other), { connectionId: connection.id, list: LIST }),
      () => skipMigration(admin.id, accessOf(other), { connectionId: connection.id }),
    ]) await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).migrationState).toBe("PENDING");
    expect(await db.adminMigration.count({ where: { connectionId: connection.id } })).toBe(0);
  });
});
