/**
 * Paid promotions (bump, pole position) against the Blocket sandbox over HTTP: the quote before
 * anything is spent, the monthly budget (refused over it, per calendar month, a refusal by Blocket
 * costs nothing), the car's channel choice in the request, the audit entry, the state settled from
 * Blocket's log, and who may spend.
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
process.env.SYNC_BOSS_SCHEMA = "pgboss_blocket_promotions";
import { db } from "@/lib/db";
import { ActionError, NotFoundError } from "@/lib/errors";
import { parseMessage } from "@/lib/i18n/message";
import { budgetView, setBudget } from "@/lib/promotions/budget";
import { listingPromotions, quotePromotion, requestPromotion, setExcludedChannels } from "@/lib/promotions/service";
import { stopQueue } from "@/lib/sync/queue";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { blocketCar, insertListings, makeAdmin, makeConnection, makeDealer, syncNow } from "../sync/helpers";
import { auditOf, blocketApi, settle, startSandbox, type RunningBlocket } from "./complete-helpers";

let sim: RunningBlocket;
beforeAll(async () => { sim = await startSandbox(); });
afterAll(async () => { await sim?.close(); await stopQueue(); });

const message = (e: unknown) => parseMessage((e as Error).message);
const as = (dealer: DealerAccess["dealer"], role: DealerAccess["role"]): DealerAccess => ({ dealer, role });

async function liveCars(references: string[], extra: Parameters<typeof blocketCar>[2] = {}) {
  const dealer = await makeDealer("SE");
  const admin = await makeAdmin(dealer.id);
  const connection = await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
  const listings = await insertListings(dealer.id, references.map((r, i) => blocketCar(r, 100 + i, { registrationNumber: `PR${String(i).padStart(4, "0")}`, ...(r.endsWith("BOAT") ? { blocketCategory: "boat", registrationNumber: null, contactEmail: "saljare@bilhuset.test" } : {}), ...extra })));
  expect(await syncNow(dealer.id, connection.id)).toMatchObject({ failed: 0 });
  await settle(sim, dealer.id, connection.id);
  const id = (reference: string) => listings.find((l) => l.reference === reference)!.id;
  return { dealer, admin, connection, id, admins: as(dealer, "ADMIN"), staff: as(dealer, "STAFF") };
}

describe("paid promotions", () => {
  it("quotes, refuses over the monthly budget, renews within it on the car's channels, audits, and settles from Blocket's log", async () => {
    const api = blocketApi(sim);
    const { dealer, admin, connection, id, admins, staff } = await liveCars(["PRO-A", "PRO-B", "PRO-C", "PRO-BOAT"]);
    const charged = async () => (await api.charges()).filter((c) => c.sourceId.startsWith("PRO-"));

    // Nothing is spent without a budget, and only an admin sets one.
    const unbudgeted = await quotePromotion(staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-A")] });
    expect(parseMessage(unbudgeted.blocked!)?.key).toBe("promotions.noPrice.bump");
    await expect(setBudget(admin.id, staff, { dealer: dealer.slug, currency: "SEK", monthlyLimit: 1000, prices: {} })).rejects.toBeInstanceOf(NotFoundError);
    await setBudget(admin.id, admins, { dealer: dealer.slug, currency: "SEK", monthlyLimit: 300, prices: { BLOCKET: { bump: 99, polePosition: 499 } } });
    expect((await auditOf(dealer.id, "promotions.budget_set"))[0].data).toMatchObject({ monthlyLimit: 300, currency: "SEK" });

    // A pole position (499 kr) does not fit in 300 kr: refused, with nothing sent or charged.
    const pole = await quotePromotion(staff, { kind: "polePosition", connectionId: connection.id, listingIds: [id("PRO-A")] });
    expect(pole).toMatchObject({ unitPrice: 499, priceSource: "agreement", total: 499, durationHours: 72, budget: { limit: 300, spent: 0, remaining: 300 } });
    expect(parseMessage(pole.blocked!)).toMatchObject({ key: "promotions.overBudget", values: { total: 499, remaining: 300, fit: 0 } });
    const overBudget = await requestPromotion(admin.id, staff, { kind: "polePosition", connectionId: connection.id, listingIds: [id("PRO-A")], expectedTotal: 499 }).catch((e) => e);
    expect(overBudget).toBeInstanceOf(ActionError);
    expect(message(overBudget)?.key).toBe("promotions.overBudget");
    expect(await db.promotion.count({ where: { dealerId: dealer.id } })).toBe(0);
    expect(await charged()).toEqual([]);

    // PRO-A renews on Blocket only: its choice travels as exclude_bytbil=true.
    await expect(setExcludedChannels(admin.id, staff, { listingId: id("PRO-A"), connectionId: connection.id, excludedChannels: ["blocket", "bytbil"] })).rejects.toBeInstanceOf(ActionError);
    await setExcludedChannels(admin.id, staff, { listingId: id("PRO-A"), connectionId: connection.id, excludedChannels: ["bytbil"] });
    const quote = await quotePromotion(staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-A")] });
    expect(quote).toMatchObject({ total: 99, blocked: null, targets: [{ reference: "PRO-A", eligible: true, excludedChannels: ["bytbil"] }] });
    const bumped = await requestPromotion(admin.id, staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-A")], expectedTotal: 99 });
    expect(bumped).toMatchObject({ accepted: ["PRO-A"], failed: [], unknown: [], total: 99 });
    expect((await auditOf(dealer.id, "promotion.bump"))[0]).toMatchObject({ actorId: admin.id, data: { cars: 1, unitPrice: 99, total: 99, currency: "SEK", references: ["PRO-A"] } });
    expect((await listingPromotions(dealer.id, id("PRO-A")))[0]).toMatchObject({ kind: "bump", state: "ACCEPTED", price: 99 });
    await settle(sim, dealer.id, connection.id);
    const [done] = await listingPromotions(dealer.id, id("PRO-A"));
    expect(done).toMatchObject({ state: "DONE", excludedChannels: ["bytbil"] });
    expect(done.log.map((l) => `${l.action}/${l.state}`)).toEqual(["bump/processing", "bump/done"]);
    expect(await charged()).toEqual([expect.objectContaining({ sourceId: "PRO-A", kind: "bump", marketplaces: ["blocket"] })]);

    // Three more renewals (297 kr) do not fit in what is left (201 kr): all or nothing, and it says how many would.
    const three = await quotePromotion(staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-A"), id("PRO-B"), id("PRO-C")] });
    expect(three.budget).toMatchObject({ spent: 99, remaining: 201 });
    expect(parseMessage(three.blocked!)).toMatchObject({ key: "promotions.overBudget", values: { total: 297, remaining: 201, fit: 2 } });
    await expect(requestPromotion(admin.id, staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-A"), id("PRO-B"), id("PRO-C")], expectedTotal: 297 })).rejects.toBeInstanceOf(ActionError);
    // A total other than the one confirmed is refused, not charged.
    const changed = await requestPromotion(admin.id, staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-B"), id("PRO-C")], expectedTotal: 99 }).catch((e) => e);
    expect(message(changed)?.key).toBe("promotions.totalChanged");
    expect(await requestPromotion(admin.id, staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-B"), id("PRO-C")], expectedTotal: 198 })).toMatchObject({ accepted: ["PRO-B", "PRO-C"] });
    expect((await budgetView(dealer, "SEK")).spent).toBe(297);
    await settle(sim, dealer.id, connection.id);
    expect((await charged()).filter((c) => c.sourceId !== "PRO-A").map((c) => c.marketplaces)).toEqual([["blocket", "bytbil"], ["blocket", "bytbil"]]);

    // The budget is per calendar month, in Stockholm: the first minutes of next month start from zero.
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 30) - 60 * 60_000); // 00:30 on the 1st, CET (23:30 UTC)
    expect(await budgetView(dealer, "SEK", nextMonth)).toMatchObject({ spent: 0, remaining: 300 });

    // Blocket refuses a renewal (no bump permission): it is FAILED, shown, and costs nothing.
    await setBudget(admin.id, admins, { dealer: dealer.slug, currency: "SEK", monthlyLimit: 1000, prices: { BLOCKET: { bump: 99, polePosition: 499 } } });
    await api.control("POST", "/faults", { kind: "status", status: 403, path: "/bump", count: 1 });
    const refused = await requestPromotion(admin.id, staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-B")], expectedTotal: 99 });
    expect(refused).toMatchObject({ accepted: [], failed: [{ reference: "PRO-B", code: "forbidden" }] });
    expect((await budgetView(dealer, "SEK")).spent).toBe(297);
    expect((await listingPromotions(dealer.id, id("PRO-B")))[0]).toMatchObject({ state: "FAILED", code: "forbidden" });

    // Pole position: registered vehicles only; while it lasts (72 h) the car cannot be renewed.
    const poleA = await requestPromotion(admin.id, admins, { kind: "polePosition", connectionId: connection.id, listingIds: [id("PRO-A")], expectedTotal: 499 });
    expect(poleA.accepted).toEqual(["PRO-A"]);
    await settle(sim, dealer.id, connection.id);
    const [poleDone] = await listingPromotions(dealer.id, id("PRO-A"));
    expect(poleDone).toMatchObject({ kind: "polePosition", state: "DONE" });
    expect(Date.parse(poleDone.activeUntil!) - Date.parse(poleDone.finishedAt!)).toBe(72 * 3_600_000);
    const blocked = await quotePromotion(staff, { kind: "bump", connectionId: connection.id, listingIds: [id("PRO-A"), id("PRO-BOAT")] });
    expect(blocked.targets.map((t) => [t.reference, t.eligible, parseMessage(t.reason ?? "")?.key ?? null])).toEqual([
      ["PRO-A", false, "promotions.reason.activeUntil.polePosition"],
      ["PRO-BOAT", true, null],
    ]);
    const boatPole = await quotePromotion(staff, { kind: "polePosition", connectionId: connection.id, listingIds: [id("PRO-BOAT")] });
    expect(parseMessage(boatPole.targets[0].reason!)?.key).toBe("promotions.reason.registeredOnly");
  });

  it("two staff spending the last of the budget at once: one is refused", async () => {
    const { dealer, admin, connection, id, admins, staff } = await liveCars(["RACE-1", "RACE-2"]);
    await setBudget(admin.id, admins, { dealer: dealer.slug, currency: "SEK", monthlyLimit: 99, prices: { BLOCKET: { bump: 99 } } });
    const results = await Promise.allSettled(["RACE-1", "RACE-2"].map((r) => requestPromotion(admin.id, staff, { kind: "bump", connectionId: connection.id, listingIds: [id(r)], expectedTotal: 99 })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await budgetView(dealer, "SEK")).spent).toBe(99);
  });

  it("a rehearsing connection, a car not on Blocket, viewers and other dealers cannot spend", async () => {
    const { dealer, admin, connection, id, admins } = await liveCars(["GATE-1"]);
    await setBudget(admin.id, admins, { dealer: dealer.slug, currency: "SEK", monthlyLimit: 500, prices: { BLOCKET: { bump: 99, polePosition: 199 } } });
    const [draft] = await insertListings(dealer.id, [blocketCar("GATE-DRAFT", 1, { status: "draft", registrationNumber: "GAT002" })]).then((all) => all.filter((l) => l.reference === "GATE-DRAFT"));
    const notOn = await quotePromotion(admins, { kind: "bump", connectionId: connection.id, listingIds: [draft.id] });
    expect(parseMessage(notOn.targets[0].reason!)?.key).toBe("promotions.reason.notForSale");
    expect(parseMessage(notOn.blocked!)?.key).toBe("promotions.noneEligible");

    await db.connection.update({ where: { id: connection.id }, data: { rehearsal: true } });
    const hidden = await quotePromotion(admins, { kind: "bump", connectionId: connection.id, listingIds: [id("GATE-1")] });
    expect(parseMessage(hidden.targets[0].reason!)?.key).toBe("promotions.reason.rehearsal");
    await db.connection.update({ where: { id: connection.id }, data: { rehearsal: false } });

    await expect(quotePromotion(as(dealer, "VIEWER"), { kind: "bump", connectionId: connection.id, listingIds: [id("GATE-1")] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(requestPromotion(admin.id, as(dealer, "VIEWER"), { kind: "bump", connectionId: connection.id, listingIds: [id("GATE-1")], expectedTotal: 99 })).rejects.toBeInstanceOf(NotFoundError);
    const other = await makeDealer("SE");
    const stranger = as(other, "ADMIN");
    await expect(quotePromotion(stranger, { kind: "bump", connectionId: connection.id, listingIds: [id("GATE-1")] })).rejects.toBeInstanceOf(NotFoundError);
    const otherConnection = await makeConnection(other.id, "BLOCKET", sim.baseUrl);
    await expect(requestPromotion(admin.id, stranger, { kind: "bump", connectionId: otherConnection.id, listingIds: [id("GATE-1")], expectedTotal: 99 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listingPromotions(other.id, id("GATE-1"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(setExcludedChannels(admin.id, stranger, { listingId: id("GATE-1"), connectionId: connection.id, excludedChannels: [] })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.promotion.count({ where: { listingId: id("GATE-1") } })).toBe(0);
  });
});
