/**
 * The app's bell (issue #15 item 6) against a real database of its own: each kind of problem
 * reaches the users who may act on it (and staff told who can), never another dealer's users;
 * it goes when the problem is resolved; read marks persist per user, and a problem that comes back
 * is unread again. The JSON route refuses the signed-out and other dealers.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, stopFreshDb } from "../ops/fresh-db"; // first: this file's own database
import { signInAs } from "../foundation/session";
import type { Inbox, Notification } from "@/lib/notifications/inbox";

const { GET } = await import("@/app/api/d/[dealer]/notifications/route");
const { markNotificationsReadAction } = await import("@/app/(dashboard)/d/[dealer]/notifications/actions");

const OKASIE = "demo-okasie-auto-gent";
const OWNER = "owner@autogent.test"; // Auto Gent ADMIN
const STAFF = "staff@autogent.test";
const VIEWER = "viewer@autogent.test";
const SVEN = "staff@bilhuset.test"; // Bilhuset STAFF: another dealer
const PLATFORM = "admin@forecourt.test";

const call = (dealer: string) => GET(new Request(`http://localhost/api/d/${dealer}/notifications`), { params: Promise.resolve({ dealer }) });

/** What `email` sees in the bell while looking at `dealer`. */
async function bellOf(email: string, dealer = "auto-gent"): Promise<Inbox> {
  await signInAs(email);
  const res = await call(dealer);
  expect(res.status).toBe(200);
  return res.json() as Promise<Inbox>;
}
const kindsOf = (inbox: Inbox) => inbox.items.map((i) => i.kind).sort();
const only = (inbox: Inbox, kind: string): Notification => {
  const found = inbox.items.filter((i) => i.kind === kind);
  expect(found, JSON.stringify(inbox)).toHaveLength(1);
  return found[0];
};

const gent = () => db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } });
async function gentCars(n: number) {
  return db.listing.findMany({ where: { dealer: { slug: "auto-gent" } }, orderBy: { reference: "asc" }, take: n });
}
async function publish(listingId: string, data: Record<string, unknown>) {
  const dealer = await gent();
  return db.publication.upsert({
    where: { dealerId_listingId_connectionId: { dealerId: dealer.id, listingId, connectionId: OKASIE } },
    create: { dealerId: dealer.id, listingId, connectionId: OKASIE, ...data },
    update: data,
  });
}

beforeEach(async () => {
  await db.connection.updateMany({ data: { lastCheckStatus: "ok" } });
  await db.syncRun.deleteMany({});
  await db.publication.deleteMany({});
  await db.alertCondition.deleteMany({});
  await db.notificationRead.deleteMany({});
});

afterAll(async () => {
  await signInAs(null);
  await stopFreshDb();
});

describe("the bell", () => {
  it("a car failing on a marketplace: the dealer's editors see it linked to the car; viewers, platform admins and other dealers do not; it goes when fixed", async () => {
    const [car] = await gentCars(1);
    await publish(car.id, { state: "ERROR", lastErrorCode: "VALIDATION", lastErrorMessage: "price missing" });

    for (const email of [OWNER, STAFF]) {
      const item = only(await bellOf(email), "LISTING_ERRORS");
      expect(item).toMatchObject({ reach: "act", read: false, count: 1, current: true, dealer: { slug: "auto-gent" }, href: `/d/auto-gent/listings/${car.id}` });
      expect(item.cars).toEqual([{ reference: car.reference, title: car.title, href: `/d/auto-gent/listings/${car.id}` }]);
    }
    expect((await bellOf(VIEWER)).items).toEqual([]);
    expect((await bellOf(PLATFORM)).items).toEqual([]);
    expect((await bellOf(SVEN, "bilhuset")).items).toEqual([]);
    expect((await bellOf(OWNER)).unread).toBe(1);

    await publish(car.id, { state: "LIVE", lastErrorCode: null, lastErrorMessage: null });
    expect(await bellOf(OWNER)).toEqual({ unread: 0, items: [] });
  });

  it("a rejected token: admins act on it, staff are told who can, platform admins see it from any dealer; never a secret", async () => {
    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "unauthorized" } });
    const connection = await db.connection.findUniqueOrThrow({ where: { id: OKASIE } });

    expect(only(await bellOf(OWNER), "TOKEN_REJECTED")).toMatchObject({ reach: "act", whoCanAct: [], href: "/d/auto-gent/settings/connections", connectionName: connection.name, marketplace: "Okasie" });
    expect(only(await bellOf(STAFF), "TOKEN_REJECTED")).toMatchObject({ reach: "informed", whoCanAct: ["Annelies Owner"] });
    expect((await bellOf(VIEWER)).items).toEqual([]);
    expect((await bellOf(SVEN, "bilhuset")).items).toEqual([]);
    // A platform admin (who holds the tokens) sees it while looking at another dealer.
    const fromBilhuset = only(await bellOf(PLATFORM, "bilhuset"), "TOKEN_REJECTED");
    expect(fromBilhuset).toMatchObject({ reach: "act", current: false, dealer: { slug: "auto-gent", name: "Auto Gent" } });

    await signInAs(OWNER);
    const raw = await (await call("auto-gent")).text();
    for (const secret of [connection.tokenCiphertext, connection.tokenLast4]) if (secret) expect(raw).not.toContain(secret);

    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "ok" } });
    expect((await bellOf(OWNER)).items).toEqual([]);
    expect((await bellOf(PLATFORM, "bilhuset")).items).toEqual([]);
  });

  it("a removal hold: admins see the named cars and a link to the hold; staff see who can confirm; it goes when the hold ends", async () => {
    const dealer = await gent();
    const cars = await gentCars(2);
    const run = await db.syncRun.create({ data: {
      dealerId: dealer.id, connectionId: OKASIE, trigger: "SCHEDULE", status: "NEEDS_CONFIRMATION", pendingRemovals: 2,
      heldRemovals: cars.map((c) => ({ listingId: c.id, reference: c.reference, title: c.title, reason: "sold" })),
    } });
    const item = only(await bellOf(OWNER), "REMOVAL_HOLD");
    expect(item).toMatchObject({ reach: "act", count: 2, href: `/d/auto-gent#hold-${run.id}` });
    expect(item.cars.map((c) => c.href)).toEqual(cars.map((c) => `/d/auto-gent/listings/${c.id}`));
    expect(only(await bellOf(STAFF), "REMOVAL_HOLD")).toMatchObject({ reach: "informed", whoCanAct: ["Annelies Owner"] });
    expect((await bellOf(VIEWER)).items).toEqual([]);
    expect(only(await bellOf(PLATFORM, "bilhuset"), "REMOVAL_HOLD")).toMatchObject({ current: false });
    expect((await bellOf(SVEN, "bilhuset")).items).toEqual([]);

    await db.syncRun.update({ where: { id: run.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
    expect((await bellOf(OWNER)).items).toEqual([]);
  });

  it("drift and a sync failing repeatedly: the dealer's editors only, each linked to where to act", async () => {
    const dealer = await gent();
    const [a, b] = await gentCars(2);
    await publish(a.id, { state: "LIVE", driftDetectedAt: new Date() });
    await publish(b.id, { state: "LIVE", driftDetectedAt: new Date() });
    const t0 = Date.now() - 60 * 60_000;
    for (let i = 0; i < 3; i++) {
      await db.syncRun.create({ data: { dealerId: dealer.id, connectionId: OKASIE, trigger: "SCHEDULE", status: "FAILED", queuedAt: new Date(t0 + i * 60_000), finishedAt: new Date(t0 + i * 60_000 + 1000) } });
    }
    for (const email of [OWNER, STAFF]) {
      const bell = await bellOf(email);
      expect(kindsOf(bell)).toEqual(["DRIFT", "SYNC_FAILING"]);
      expect(only(bell, "DRIFT")).toMatchObject({ count: 2, href: "/d/auto-gent/syncs" });
      expect(only(bell, "DRIFT").cars.map((c) => c.reference).sort()).toEqual([a.reference, b.reference].sort());
      expect(only(bell, "SYNC_FAILING")).toMatchObject({ count: 3, href: "/d/auto-gent/syncs" });
    }
    for (const [email, slug] of [[VIEWER, "auto-gent"], [PLATFORM, "auto-gent"], [SVEN, "bilhuset"]] as const) expect((await bellOf(email, slug)).items).toEqual([]);

    // Resolved: the drifted ads sent again, and a sync that worked.
    await db.publication.updateMany({ where: { connectionId: OKASIE }, data: { driftDetectedAt: null } });
    await db.syncRun.create({ data: { dealerId: dealer.id, connectionId: OKASIE, trigger: "MANUAL", status: "SUCCEEDED", queuedAt: new Date(), finishedAt: new Date() } });
    expect((await bellOf(STAFF)).items).toEqual([]);
  });

  it("read marks persist per user; everything read; a problem that comes back is new again", async () => {
    const [car] = await gentCars(1);
    await publish(car.id, { state: "ERROR" });
    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "unauthorized" } });
    const errors = only(await bellOf(OWNER), "LISTING_ERRORS");
    expect((await bellOf(OWNER)).unread).toBe(2);

    await signInAs(OWNER);
    expect((await markNotificationsReadAction({ dealer: "auto-gent", ids: [errors.id] })).data).toEqual({ ok: true });
    const after = await bellOf(OWNER);
    expect(after.unread).toBe(1);
    expect(only(after, "LISTING_ERRORS").read).toBe(true);
    expect(only(after, "TOKEN_REJECTED").read).toBe(false);
    // Another user's marks are their own.
    expect((await bellOf(STAFF)).unread).toBe(2);

    await signInAs(OWNER);
    expect((await markNotificationsReadAction({ dealer: "auto-gent", all: true })).data).toEqual({ ok: true });
    expect((await bellOf(OWNER)).unread).toBe(0);
    expect(await db.notificationRead.count({ where: { user: { email: OWNER } } })).toBe(2);

    // Fixed, then failing again: a new occurrence, unread again.
    await publish(car.id, { state: "LIVE" });
    expect(kindsOf(await bellOf(OWNER))).toEqual(["TOKEN_REJECTED"]);
    await publish(car.id, { state: "ERROR" });
    const again = await bellOf(OWNER);
    expect(again.unread).toBe(1);
    expect(only(again, "LISTING_ERRORS").read).toBe(false);
    expect(only(again, "TOKEN_REJECTED").read).toBe(true);
  });

  it("marking read: only what the user sees, only through dealers they reach", async () => {
    const [car] = await gentCars(1);
    await publish(car.id, { state: "ERROR" });
    const { id } = only(await bellOf(OWNER), "LISTING_ERRORS");

    // Bilhuset's staff cannot mark Auto Gent's notification, neither through their dealer nor Auto Gent's.
    await signInAs(SVEN);
    expect((await markNotificationsReadAction({ dealer: "bilhuset", ids: [id] })).serverError).toBe("Not found.");
    expect((await markNotificationsReadAction({ dealer: "auto-gent", all: true })).serverError).toBe("Not found.");
    await signInAs(VIEWER);
    expect((await markNotificationsReadAction({ dealer: "auto-gent", ids: [id] })).serverError).toBe("Not found.");
    await signInAs(null);
    expect((await markNotificationsReadAction({ dealer: "auto-gent", all: true })).serverError).toBeTruthy();
    expect(await db.notificationRead.count()).toBe(0);
    expect((await bellOf(OWNER)).unread).toBe(1);
  });

  it("the route: 401 signed out, 404 for a dealer the user cannot reach", async () => {
    await signInAs(null);
    expect((await call("auto-gent")).status).toBe(401);
    await signInAs(SVEN);
    expect((await call("auto-gent")).status).toBe(404);
    expect((await call("no-such-dealer")).status).toBe(404);
    expect((await call("bilhuset")).status).toBe(200);
    await signInAs(VIEWER);
    expect((await call("bilhuset")).status).toBe(404);
  });

  it("the e-mail scan and the bell share one condition: a drift stays out of the mails", async () => {
    const { runAlertScan } = await import("@/lib/alerts/scan");
    const [car] = await gentCars(1);
    await publish(car.id, { state: "LIVE", driftDetectedAt: new Date() });
    const { id } = only(await bellOf(STAFF), "DRIFT");
    await runAlertScan();
    expect(only(await bellOf(STAFF), "DRIFT").id).toBe(id);
    expect(await db.alertCondition.count({ where: { kind: "DRIFT" } })).toBe(1);
    expect(await db.alertDelivery.count({ where: { kind: "DRIFT" } })).toBe(0);
  });
});
