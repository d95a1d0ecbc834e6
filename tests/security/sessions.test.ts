/**
 * Ending sessions (issue #11, item 1), through the real Auth.js handlers: a copied cookie dies
 * with a password reset, sign-out, sign-out everywhere, removal from a dealer or deletion of the
 * user — GET /api/auth/session included, which must not hand back a fresh cookie for it — and
 * no session outlives its absolute lifetime, however often it is refreshed.
 */
import "../foundation/session";
import { beforeAll, describe, expect, test } from "vitest";
import { signInAs } from "../foundation/session";
import { AuthClient } from "./auth-client";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { deleteUserAction, removeMembershipAction, resetPasswordAction, signOutUserEverywhereAction } from "@/app/admin/actions";
import { env } from "@/lib/env";

const PASSWORD = "session-test-password";
let n = 0;
const peer = () => `192.0.2.${++n}`;

async function userWithSession(label: string) {
  const email = `${label}-${Date.now().toString(36)}@sessions.test`;
  const user = await db.user.create({ data: { email, name: label, passwordHash: await hashPassword(PASSWORD) } });
  const browser = new AuthClient(peer());
  expect((await browser.signIn(email, PASSWORD)).ok).toBe(true);
  expect((await browser.session())?.user?.id).toBe(user.id);
  return { user, email, browser };
}

beforeAll(async () => {
  await signInAs("admin@forecourt.test");
});

describe("a stolen session cookie", () => {
  test("dies with a password reset, even after the session endpoint refreshed it", async () => {
    const { user, browser } = await userWithSession("reset");
    const thief = browser.copy(peer());
    expect((await thief.session())?.user?.id).toBe(user.id); // the thief's copy works, and is refreshed
    const refreshed = thief.copy();
    expect((await resetPasswordAction({ userId: user.id, password: "a-brand-new-password" })).data).toEqual({ ok: true });
    for (const client of [browser, thief, refreshed]) {
      expect(await client.session()).toBeNull();
      expect(client.sessionCookie).toBeUndefined(); // the endpoint cleared it instead of re-issuing it
    }
  });

  test("dies when its owner signs out on their own device", async () => {
    const { browser } = await userWithSession("signout");
    const thief = browser.copy(peer());
    await browser.signOut();
    expect(browser.sessionCookie).toBeUndefined();
    expect(await thief.session()).toBeNull();
  });

  test("dies when a platform admin signs the user out everywhere; other users keep theirs", async () => {
    const victim = await userWithSession("everywhere");
    const bystander = await userWithSession("bystander");
    const secondDevice = new AuthClient(peer());
    expect((await secondDevice.signIn(victim.email, PASSWORD)).ok).toBe(true);
    expect((await signOutUserEverywhereAction({ userId: victim.user.id })).data).toEqual({ ok: true });
    expect(await victim.browser.session()).toBeNull();
    expect(await secondDevice.session()).toBeNull();
    expect((await bystander.browser.session())?.user?.id).toBe(bystander.user.id);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.signed_out_everywhere", targetId: victim.user.id } });
    expect(audit.data).toMatchObject({ sessionsEnded: 2 });
  });

  test("dies when the user is removed from a dealer", async () => {
    const { user, browser } = await userWithSession("member");
    const dealer = await db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } });
    await db.membership.create({ data: { dealerId: dealer.id, userId: user.id, role: "STAFF" } });
    expect((await removeMembershipAction({ dealerId: dealer.id, userId: user.id })).data).toEqual({ ok: true });
    expect(await browser.session()).toBeNull();
  });

  test("dies when the user is deleted", async () => {
    const { user, browser } = await userWithSession("deleted");
    expect((await deleteUserAction({ userId: user.id })).data).toEqual({ ok: true });
    expect(await browser.session()).toBeNull();
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("session lifetime", () => {
  test("refreshing never moves the absolute expiry, and past it the session is refused", async () => {
    const { user, browser } = await userWithSession("lifetime");
    const [row] = await db.userSession.findMany({ where: { userId: user.id } });
    const hours = (row.expiresAt.getTime() - row.createdAt.getTime()) / 3600_000;
    expect(hours).toBeCloseTo(env().SESSION_MAX_AGE_HOURS, 1);
    for (let i = 0; i < 3; i++) expect((await browser.session())?.user?.id).toBe(user.id);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: row.id } })).expiresAt).toEqual(row.expiresAt);
    // The clock passes the absolute expiry (the cookie itself would still be accepted by Auth.js).
    await db.userSession.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await browser.session()).toBeNull();
    expect(browser.sessionCookie).toBeUndefined();
  });

  test("a cookie without a session record (forged shape, or issued before this release) is refused", async () => {
    const { user, browser } = await userWithSession("orphan");
    await db.userSession.deleteMany({ where: { userId: user.id } });
    expect(await browser.session()).toBeNull();
  });

  test("the session endpoint never shows the session's secret", async () => {
    const { browser } = await userWithSession("secret");
    const body = JSON.stringify(await browser.session());
    expect(body).not.toMatch(/sid|secret/i);
  });
});

describe("sign-in through the Auth.js endpoint", () => {
  test("a hostile callbackUrl never sends the user to another site", async () => {
    const email = `redirect-${Date.now().toString(36)}@sessions.test`;
    await db.user.create({ data: { email, name: "Redirect", passwordHash: await hashPassword(PASSWORD) } });
    for (const callbackUrl of ["x:/\\evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"]) {
      const browser = new AuthClient(peer());
      const { ok, location } = await browser.signIn(email, PASSWORD, callbackUrl);
      expect(ok).toBe(true);
      expect(new URL(location!, "http://localhost:3000").origin).toBe("http://localhost:3000");
    }
  });
});
