/** Checks an e-mail and password, throttled. Used by the Auth.js credentials provider. */
import { db } from "@/lib/db";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { purgeSignInRecords, reserveSignInAttempt, signInSucceeded } from "@/lib/auth/throttle";

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "wrong_credentials" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function authenticate(emailInput: string, password: string, clientAddress: string | null): Promise<AuthenticateResult> {
  const email = emailInput.trim().toLowerCase();
  // The attempt is counted before the password is checked, so parallel guesses cannot exceed the limit.
  const reservation = await reserveSignInAttempt(email, clientAddress);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  // Verify against a dummy hash for unknown e-mails so timing does not tell which exist.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  await purgeSignInRecords();
  if (!user || !ok) return { ok: false, reason: "wrong_credentials" };
  await signInSucceeded(reservation.ticket);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
