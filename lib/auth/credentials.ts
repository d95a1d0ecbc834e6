/** Checks an e-mail and password, with throttling. Used by the Auth.js credentials provider. */
import { db } from "@/lib/db";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clearFailedLogins, isThrottled, recordFailedLogin } from "@/lib/auth/throttle";

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "wrong_credentials" | "throttled" };

export async function authenticate(emailInput: string, password: string, ip: string | null): Promise<AuthenticateResult> {
  const email = emailInput.trim().toLowerCase();
  if (await isThrottled(email)) return { ok: false, reason: "throttled" };
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  // Verify against a dummy hash for unknown e-mails so timing does not tell which exist.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await recordFailedLogin(email, ip);
    return { ok: false, reason: "wrong_credentials" };
  }
  await clearFailedLogins(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
