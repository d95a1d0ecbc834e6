/**
 * E-mail alerts end to end: database state → the alert scan → real SMTP traffic read from a real
 * SMTP server. Who gets what, in which language, once per problem, and never a secret.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catcher } from "./mail-env"; // first: SMTP_URL before the environment is read
import { db, stopFreshDb } from "./fresh-db";
import type { CaughtMail } from "../../scripts/lib/mail-catcher";

const { runAlertScan } = await import("@/lib/alerts/scan");
const { runDailyDigest } = await import("@/lib/alerts/digest");
const { saveAlertPreference } = await import("@/lib/alerts/preferences");
const { registerAlertJobs } = await import("@/lib/alerts/handlers");
const { ALERT_JOBS } = await import("@/lib/alerts/jobs");
const { closeMailer } = await import("@/lib/mail");

const { lastFour, seal } = await import("@/lib/vault");

const OKASIE = "demo-okasie-auto-gent";
/** A token that looks like a real one, so its pieces are recognisable if they ever leak. */
const TOKEN = "okz_live_7Qp9Xf3K2mWvR8tJ";
const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
const autoGent = () => db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } });
const recipients = (mails: CaughtMail[]) => mails.flatMap((m) => m.to).sort();

beforeEach(async () => {
  await db.connection.updateMany({ data: { lastCheckStatus: "ok" } });
  await db.syncRun.deleteMany({});
  await db.publication.deleteMany({});
  await db.alertCondition.deleteMany({});
  await db.alertDelivery.deleteMany({});
  await db.alertPreference.deleteMany({});
  await db.user.updateMany({ data: { language: null } });
  catcher.clear();
});

beforeAll(async () => {
  const sealed = seal(TOKEN, OKASIE);
  await db.connection.update({ where: { id: OKASIE }, data: { tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(TOKEN) } });
});

afterAll(async () => {
  closeMailer();
  await catcher.stop();
  await stopFreshDb();
});

describe("alert scan", () => {
  it("a rejected token: the dealer's admins and the platform admins hear of it once, in their language, with no secret", async () => {
    await db.user.update({ where: { email: "admin@forecourt.test" }, data: { language: "en" } });
    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "unauthorized" } });

    const first = await runAlertScan();
    expect(first).toMatchObject({ sent: 2, failed: 0 });
    expect(recipients(catcher.mails)).toEqual(["admin@forecourt.test", "owner@autogent.test"]);

    // Auto Gent is Belgian and its owner chose no language: Dutch. The platform admin chose English.
    const owner = catcher.mails.find((m) => m.to.includes("owner@autogent.test"))!;
    expect(owner.subject).toBe("Auto Gent: Okasie weigerde het token van “Okasie — Auto Gent Centrum”");
    expect(owner.headers["content-language"]).toBe("nl");
    expect(owner.text).toContain("Hallo Annelies Owner,");
    expect(owner.text).toContain("https://forecourt.example.com/d/auto-gent/settings/connections");
    expect(owner.html).toContain("Token bijwerken");
    expect(owner.from).toContain("alerts@forecourt.test");
    expect(owner.authUser).toBe("catcher"); // the SMTP_URL credentials were used
    const admin = catcher.mails.find((m) => m.to.includes("admin@forecourt.test"))!;
    expect(admin.subject).toBe("Auto Gent: Okasie rejected the token of “Okasie — Auto Gent Centrum”");

    // Never a secret: not the token, not its ciphertext, not its last four characters.
    const connection = await db.connection.findUniqueOrThrow({ where: { id: OKASIE } });
    for (const mail of catcher.mails) {
      for (const secret of [TOKEN, connection.tokenCiphertext, connection.tokenLast4, process.env.AUTH_SECRET!]) expect(mail.raw).not.toContain(secret);
    }

    // Still broken a minute later: no second mail.
    expect(await runAlertScan()).toMatchObject({ sent: 0 });
    expect(catcher.mails).toHaveLength(2);

    // Fixed, then broken again: a new problem, new mails.
    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "ok" } });
    expect(await runAlertScan()).toMatchObject({ open: 0, sent: 0 });
    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "unauthorized" } });
    expect(await runAlertScan()).toMatchObject({ sent: 2 });
    expect(catcher.mails).toHaveLength(4);
  });

  it("cars failing on a marketplace reach admins and staff (not viewers), with examples and a link to the filtered grid", async () => {
    const dealer = await autoGent();
    const listings = await db.listing.findMany({ where: { dealerId: dealer.id }, orderBy: { reference: "asc" }, take: 2 });
    for (const l of listings) await db.publication.create({ data: { dealerId: dealer.id, listingId: l.id, connectionId: OKASIE, state: "ERROR", lastErrorCode: "VALIDATION", lastErrorMessage: "price missing" } });
    await db.user.update({ where: { email: "staff@autogent.test" }, data: { language: "fr" } });

    await runAlertScan();
    expect(recipients(catcher.mails)).toEqual(["owner@autogent.test", "staff@autogent.test"]);
    const staff = catcher.mails.find((m) => m.to.includes("staff@autogent.test"))!;
    expect(staff.subject).toBe("Auto Gent : 2 voitures échouent sur Okasie");
    expect(staff.text).toContain(`${listings[0].reference} — ${listings[0].title}`);
    expect(staff.text).toContain(`https://forecourt.example.com/d/auto-gent/listings?market=${encodeURIComponent(`${OKASIE}:ERROR`)}`);
    expect(staff.text).not.toContain("price missing"); // the marketplace's raw text stays in the app
  });

  it("a removal hold reaches whoever can confirm it: the dealer's admins and platform admins", async () => {
    const dealer = await autoGent();
    await db.syncRun.create({ data: { dealerId: dealer.id, connectionId: OKASIE, trigger: "SCHEDULE", status: "NEEDS_CONFIRMATION", pendingRemovals: 7 } });
    await runAlertScan();
    expect(recipients(catcher.mails)).toEqual(["admin@forecourt.test", "owner@autogent.test"]);
    const owner = catcher.mails.find((m) => m.to.includes("owner@autogent.test"))!;
    expect(owner.subject).toBe("Auto Gent: een synchronisatie wacht op je bevestiging om 7 advertenties offline te halen");
    expect(owner.text).toContain("https://forecourt.example.com/d/auto-gent/syncs");
  });

  it("a sync failing repeatedly: three failures in a row alert, a success in between does not; muted kinds are respected", async () => {
    const dealer = await autoGent();
    const run = (status: "FAILED" | "SUCCEEDED", minutesAgo: number) =>
      db.syncRun.create({ data: { dealerId: dealer.id, connectionId: OKASIE, trigger: "SCHEDULE", status, finishedAt: new Date(Date.now() - minutesAgo * 60_000), message: "The sync stopped: HTTP 503" } });
    await run("FAILED", 50);
    await run("FAILED", 40);
    await run("SUCCEEDED", 30);
    await run("FAILED", 20);
    await run("FAILED", 10);
    expect(await runAlertScan()).toMatchObject({ open: 0, sent: 0 });

    await saveAlertPreference((await user("owner@autogent.test")).id, { frequency: "IMMEDIATE", kinds: ["TOKEN_REJECTED", "REMOVAL_HOLD", "LISTING_ERRORS"] });
    await run("FAILED", 1);
    expect(await runAlertScan()).toMatchObject({ open: 1, sent: 1 });
    expect(recipients(catcher.mails)).toEqual(["staff@autogent.test"]); // the owner muted this kind
    expect(catcher.mails[0].subject).toBe("Auto Gent: de laatste 3 synchronisaties met Okasie mislukten");
  });

  it("users who chose a daily digest get no immediate mail, then one summary of what they may act on; OFF gets nothing", async () => {
    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "unauthorized" } });
    const dealer = await autoGent();
    const listing = await db.listing.findFirstOrThrow({ where: { dealerId: dealer.id } });
    await db.publication.create({ data: { dealerId: dealer.id, listingId: listing.id, connectionId: OKASIE, state: "ERROR" } });
    await saveAlertPreference((await user("owner@autogent.test")).id, { frequency: "DAILY", kinds: ["TOKEN_REJECTED", "REMOVAL_HOLD", "LISTING_ERRORS", "SYNC_FAILING"] });
    await saveAlertPreference((await user("staff@autogent.test")).id, { frequency: "DAILY", kinds: ["LISTING_ERRORS"] });
    await saveAlertPreference((await user("admin@forecourt.test")).id, { frequency: "OFF", kinds: [] });
    await db.user.update({ where: { email: "staff@autogent.test" }, data: { language: "sv" } });

    expect(await runAlertScan()).toMatchObject({ open: 2, sent: 0 });
    expect(catcher.mails).toHaveLength(0);

    expect(await runDailyDigest()).toMatchObject({ recipients: 2, sent: 2 });
    const owner = catcher.mails.find((m) => m.to.includes("owner@autogent.test"))!;
    expect(owner.subject).toBe("Forecourt: 2 openstaande problemen");
    expect(owner.text).toContain("Okasie weigerde het token");
    expect(owner.text).toContain("1 wagen mislukt op Okasie");
    const staff = catcher.mails.find((m) => m.to.includes("staff@autogent.test"))!;
    expect(staff.subject).toBe("Forecourt: 1 öppet problem"); // staff cannot fix tokens: only the failing car
    expect(staff.text).toContain("1 bil misslyckas på Okasie");

    // Once a day: a second run the same day sends nothing.
    expect(await runDailyDigest()).toMatchObject({ sent: 0 });
    expect(catcher.mails).toHaveLength(2);
  });
});

describe("delivery", () => {
  it("a mail the SMTP server refuses is retried by the next scan, and the recorded error holds no secret", async () => {
    await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "unauthorized" } });
    catcher.failNext(1);
    expect(await runAlertScan()).toMatchObject({ sent: 1, failed: 1 });
    const failed = await db.alertDelivery.findFirstOrThrow({ where: { status: "FAILED" } });
    expect(failed.lastError).toMatch(/451/);
    expect(failed.lastError).not.toContain("catcher:catcher"); // SMTP_URL credentials never recorded

    expect(await runAlertScan()).toMatchObject({ sent: 1, failed: 0 });
    expect(recipients(catcher.mails)).toEqual(["admin@forecourt.test", "owner@autogent.test"]);
    expect(await db.alertDelivery.count({ where: { status: "SENT" } })).toBe(2);
    expect(await runAlertScan()).toMatchObject({ sent: 0, failed: 0 });
  });
});

describe("alert jobs", () => {
  it("the worker's pg-boss job runs the scan (decoupled from the sync engine)", async () => {
    const { PgBoss } = await import("pg-boss");
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "alerts_test" });
    boss.on("error", () => {});
    await boss.start();
    try {
      await registerAlertJobs(boss, { schedules: false });
      await db.connection.update({ where: { id: OKASIE }, data: { lastCheckStatus: "missing_scope" } });
      await boss.send(ALERT_JOBS.scan, {});
      const mail = await catcher.waitFor((m) => m.to.includes("owner@autogent.test"), 20_000);
      expect(mail.subject).toContain("Okasie");
    } finally {
      await boss.stop({ graceful: true, timeout: 10_000 });
    }
  });
});
