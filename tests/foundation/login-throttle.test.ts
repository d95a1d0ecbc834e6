import { describe, expect, test } from "vitest";
import { authenticate } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";

async function freshUser(email: string) {
  await db.user.create({ data: { email, name: "Throttle Test", passwordHash: await hashPassword("correct-horse-battery") } });
}

describe("sign-in", () => {
  test("the right password signs in; a wrong one or an unknown e-mail does not, with one reason for both", async () => {
    await freshUser("ok@throttle.test");
    expect(await authenticate("OK@throttle.test", "correct-horse-battery", null)).toMatchObject({ ok: true, user: { email: "ok@throttle.test" } });
    expect(await authenticate("ok@throttle.test", "wrong", null)).toEqual({ ok: false, reason: "wrong_credentials" });
    expect(await authenticate("nobody@throttle.test", "wrong", null)).toEqual({ ok: false, reason: "wrong_credentials" });
  });

  test("after 5 failures even the right password is refused until the window passes", async () => {
    await freshUser("locked@throttle.test");
    for (let i = 0; i < 5; i++) expect((await authenticate("locked@throttle.test", `guess-${i}`, "10.0.0.1")).ok).toBe(false);
    expect(await authenticate("locked@throttle.test", "correct-horse-battery", null)).toEqual({ ok: false, reason: "throttled" });
    // Age the failures past the 15-minute window: sign-in works again.
    await db.loginAttempt.updateMany({ where: { email: "locked@throttle.test" }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    expect((await authenticate("locked@throttle.test", "correct-horse-battery", null)).ok).toBe(true);
  });

  test("a successful sign-in clears earlier failures", async () => {
    await freshUser("clear@throttle.test");
    for (let i = 0; i < 4; i++) await authenticate("clear@throttle.test", "nope", null);
    expect((await authenticate("clear@throttle.test", "correct-horse-battery", null)).ok).toBe(true);
    expect(await db.loginAttempt.count({ where: { email: "clear@throttle.test" } })).toBe(0);
  });
});
