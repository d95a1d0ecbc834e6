/**
 * Sign-in throttling (lib/auth/throttle.ts) against the real PostgreSQL store: per address, per
 * account and address, per account from unfamiliar addresses; counted before the password is
 * checked; given back on success; purged when old.
 */
import { describe, expect, test } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { purgeSignInRecords } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const PASSWORD = "correct-horse-battery";
let seq = 0;
/** Addresses from TEST-NET-2, distinct per call, so tests never share a budget. */
const address = () => `198.51.100.${++seq}`;

async function freshUser(label: string) {
  const email = `${label}-${Date.now().toString(36)}-${seq++}@throttle.test`;
  await db.user.create({ data: { email, name: "Throttle Test", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

const throttleRows = () => db.$queryRawUnsafe<{ key: string; points: number }[]>("SELECT key, points FROM login_throttle");

describe("sign-in throttling", () => {
  test("the right password signs in; a wrong one or an unknown e-mail does not, with one reason for both", async () => {
    const email = await freshUser("ok");
    const from = address();
    expect(await authenticate(email.toUpperCase(), PASSWORD, from)).toMatchObject({ ok: true, user: { email } });
    expect(await authenticate(email, "wrong", from)).toEqual({ ok: false, reason: "wrong_credentials" });
    expect(await authenticate(`nobody-${seq}@throttle.test`, "wrong", from)).toEqual({ ok: false, reason: "wrong_credentials" });
  });

  test("five failures on one account from one address refuse that address, even with the right password", async () => {
    const email = await freshUser("locked");
    const attacker = address();
    for (let i = 0; i < env().LOGIN_THROTTLE_MAX_ATTEMPTS; i++) expect(await authenticate(email, `guess-${i}`, attacker)).toEqual({ ok: false, reason: "wrong_credentials" });
    const refused = await authenticate(email, PASSWORD, attacker);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(60);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(env().LOGIN_THROTTLE_WINDOW_MINUTES * 60);
  });

  test("someone else's failures never lock the real user out at their usual address", async () => {
    const email = await freshUser("victim");
    const office = address();
    expect((await authenticate(email, PASSWORD, office)).ok).toBe(true); // the office is now familiar
    // Attackers from many addresses spend the account's budget for unfamiliar addresses.
    for (let i = 0; i < env().LOGIN_THROTTLE_ACCOUNT_MAX_ATTEMPTS; i++) await authenticate(email, `guess-${i}`, address());
    expect(await authenticate(email, PASSWORD, address())).toMatchObject({ ok: false, reason: "throttled" });
    // The real user, at the office, is let in.
    expect((await authenticate(email, PASSWORD, office)).ok).toBe(true);
  });

  test("guessing across many accounts from one address is limited per address; other addresses are not affected", async () => {
    const attacker = address();
    const limit = env().LOGIN_THROTTLE_ADDRESS_MAX_ATTEMPTS;
    for (let i = 0; i < limit; i++) expect((await authenticate(`spray-${seq}-${i}@throttle.test`, "password1", attacker)).ok).toBe(false);
    const email = await freshUser("sprayed");
    expect(await authenticate(email, PASSWORD, attacker)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await authenticate(email, PASSWORD, address())).ok).toBe(true);
  });

  test("parallel guesses cannot exceed the limit: the attempt is counted before the password is checked", async () => {
    const email = await freshUser("parallel");
    const attacker = address();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => authenticate(email, i === 19 ? PASSWORD : `guess-${i}`, attacker)));
    const checked = results.filter((r) => !r.ok && r.reason === "wrong_credentials").length + results.filter((r) => r.ok).length;
    expect(checked).toBe(env().LOGIN_THROTTLE_MAX_ATTEMPTS);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(20 - env().LOGIN_THROTTLE_MAX_ATTEMPTS);
  });

  test("a successful sign-in resets that account's count at that address", async () => {
    const email = await freshUser("clear");
    const from = address();
    for (let i = 0; i < env().LOGIN_THROTTLE_MAX_ATTEMPTS - 1; i++) await authenticate(email, "nope", from);
    expect((await authenticate(email, PASSWORD, from)).ok).toBe(true);
    for (let i = 0; i < env().LOGIN_THROTTLE_MAX_ATTEMPTS - 1; i++) await authenticate(email, "nope", from);
    expect((await authenticate(email, PASSWORD, from)).ok).toBe(true);
  });

  test("no e-mail or IP address is stored in clear", async () => {
    const email = await freshUser("clear-text");
    const from = address();
    await authenticate(email, "nope", from);
    await authenticate(email, PASSWORD, from);
    const dump = JSON.stringify([await throttleRows(), await db.signInAddress.findMany()]);
    expect(dump).not.toContain(email);
    expect(dump).not.toContain(from);
  });

  test("spent counters and long-unused addresses are purged", async () => {
    const keysBefore = new Set((await throttleRows()).map((r) => r.key));
    const addressesBefore = new Set((await db.signInAddress.findMany({ select: { key: true } })).map((r) => r.key));
    const email = await freshUser("purge");
    await authenticate(email, "nope", address());
    expect((await authenticate(email, PASSWORD, address())).ok).toBe(true);
    const mine = (await throttleRows()).map((r) => r.key).filter((k) => !keysBefore.has(k));
    const myAddresses = (await db.signInAddress.findMany({ select: { key: true } })).map((r) => r.key).filter((k) => !addressesBefore.has(k));
    expect(mine.length).toBeGreaterThan(0);
    expect(myAddresses).toHaveLength(1);
    // Age them: counters past their window, the familiar address past 90 days. Others' rows stay as they are.
    await db.$executeRawUnsafe("UPDATE login_throttle SET expire = $1 WHERE key = ANY($2)", Date.now() - 1000, mine);
    await db.signInAddress.updateMany({ where: { key: { in: myAddresses } }, data: { lastSuccessAt: new Date(Date.now() - 91 * 86_400_000) } });
    await purgeSignInRecords({ force: true });
    const left = new Set((await throttleRows()).map((r) => r.key));
    expect(mine.filter((k) => left.has(k))).toEqual([]);
    expect(await db.signInAddress.count({ where: { key: { in: myAddresses } } })).toBe(0);
  });
});
