/**
 * Rehearsal (`visible: false`, blocket.md §1.8: the documented way to test in production) and the
 * photo policy (`dont_publish_on_failed_images`, §2.2.1, §2.2.6), against the Blocket sandbox over
 * HTTP: rehearsed ads are stored but never published until an admin goes live; the policy travels in
 * every ad and keeps an ad with a broken photo off Blocket.
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_blocket_rehearsal";
import { db } from "@/lib/db";
import { ActionError, NotFoundError } from "@/lib/errors";
import { goLive, setHoldOnFailedImages } from "@/lib/connections/publishing";
import { executeRun } from "@/lib/sync/engine";
import { stopQueue } from "@/lib/sync/queue";
import { getRun } from "@/lib/sync/service";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { blocketCar, insertListings, makeAdmin, makeConnection, makeDealer, publications, syncNow } from "../sync/helpers";
import { auditOf, blocketApi, settle, startSandbox, type RunningBlocket } from "./complete-helpers";

let sim: RunningBlocket;
beforeAll(async () => { sim = await startSandbox(); });
afterAll(async () => { await sim?.close(); await stopQueue(); });

const as = (dealer: DealerAccess["dealer"], role: DealerAccess["role"]): DealerAccess => ({ dealer, role });

describe("rehearsal and going live", () => {
  it("sends every ad hidden, publishes none, and goes live in one step", async () => {
    const api = blocketApi(sim);
    const dealer = await makeDealer("SE");
    const admin = await makeAdmin(dealer.id);
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl, { rehearsal: true });
    await insertListings(dealer.id, [blocketCar("REH-1", 201, { registrationNumber: "REH001" }), blocketCar("REH-2", 202, { registrationNumber: "REH002" })]);

    expect(await syncNow(dealer.id, connection.id)).toMatchObject({ created: 2, failed: 0 });
    await settle(sim, dealer.id, connection.id);
    const hidden = await api.ads();
    expect(hidden.filter((a) => a.source_id.startsWith("REH-")).map((a) => [a.source_id, a.visible, a.published, a.blocket_ad_id])).toEqual([
      ["REH-1", false, false, null], ["REH-2", false, false, null],
    ]);
    expect((await api.ad("REH-1")).log.map((e: { action: string }) => e.action)).not.toContain("publish");
    // In Forecourt: sent, not on the marketplace for buyers.
    expect((await publications(dealer.id, connection.id)).map((p) => p.state)).toEqual(["NOT_PUBLISHED", "NOT_PUBLISHED"]);

    // Staff cannot end the rehearsal; another dealer cannot even find the connection.
    await expect(goLive(admin.id, as(dealer, "STAFF"), { connectionId: connection.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(goLive(admin.id, as(await makeDealer("SE"), "ADMIN"), { connectionId: connection.id })).rejects.toBeInstanceOf(NotFoundError);

    const live = await goLive(admin.id, as(dealer, "ADMIN"), { connectionId: connection.id });
    expect(live.ads).toBe(2);
    await executeRun(live.runId!);
    expect(await getRun(dealer.id, live.runId!)).toMatchObject({ created: 0, updated: 2, failed: 0 });
    await settle(sim, dealer.id, connection.id);
    const visible = (await api.ads()).filter((a) => a.source_id.startsWith("REH-"));
    expect(visible.map((a) => [a.source_id, a.visible, a.published])).toEqual([["REH-1", true, true], ["REH-2", true, true]]);
    expect(visible.every((a) => /^\d+$/.test(a.blocket_ad_id ?? ""))).toBe(true);
    expect((await publications(dealer.id, connection.id)).map((p) => p.state)).toEqual(["LIVE", "LIVE"]);
    expect((await auditOf(dealer.id, "connection.went_live"))[0].data).toMatchObject({ rehearsedAds: 2 });
    await expect(goLive(admin.id, as(dealer, "ADMIN"), { connectionId: connection.id })).rejects.toBeInstanceOf(ActionError);
  });

  it("the photo policy travels in every ad: with it on, an ad whose photo fails is not published", async () => {
    const api = blocketApi(sim);
    const dealer = await makeDealer("SE");
    const admin = await makeAdmin(dealer.id);
    const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    await insertListings(dealer.id, [
      blocketCar("IMG-OK", 301, { registrationNumber: "IMG001" }),
      blocketCar("IMG-BROKEN", 302, { registrationNumber: "IMG002", images: ["https://cdn.example.com/img-broken/fail-1.jpg", "https://cdn.example.com/img-broken/2.jpg"] }),
    ]);
    await expect(setHoldOnFailedImages(admin.id, as(dealer, "STAFF"), { connectionId: connection.id, holdOnFailedImages: true })).rejects.toBeInstanceOf(NotFoundError);
    const { runId } = await setHoldOnFailedImages(admin.id, as(dealer, "ADMIN"), { connectionId: connection.id, holdOnFailedImages: true });
    await executeRun(runId!);
    await settle(sim, dealer.id, connection.id);
    expect((await api.ad("IMG-OK")).dont_publish_on_failed_images).toBe(true);
    const broken = await api.ad("IMG-BROKEN");
    expect(broken).toMatchObject({ dont_publish_on_failed_images: true, blocket_ad_id: null });
    const pubs = Object.fromEntries((await publications(dealer.id, connection.id)).map((p) => [p.listing.reference, p]));
    expect(pubs["IMG-OK"].state).toBe("LIVE");
    expect(pubs["IMG-BROKEN"]).toMatchObject({ state: "ERROR", lastErrorCode: "handle_media_error" });
    expect(pubs["IMG-BROKEN"].lastErrorMessage).toContain("fail-1.jpg");

    // Switched off again: every ad is sent once more with the new policy; the broken photo's ad goes out with the rest.
    const off = await setHoldOnFailedImages(admin.id, as(dealer, "ADMIN"), { connectionId: connection.id, holdOnFailedImages: false });
    await executeRun(off.runId!);
    await settle(sim, dealer.id, connection.id);
    expect(await api.ad("IMG-BROKEN")).toMatchObject({ dont_publish_on_failed_images: false, blocket_ad_id: expect.stringMatching(/^\d+$/) });
    expect((await auditOf(dealer.id, "connection.photo_policy")).map((a) => (a.data as { holdOnFailedImages: boolean }).holdOnFailedImages)).toEqual([true, false]);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).holdOnFailedImages).toBe(false);
  });
});
