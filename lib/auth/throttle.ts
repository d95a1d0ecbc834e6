/**
 * Sign-in throttling: after LOGIN_THROTTLE_MAX_ATTEMPTS failures for one e-mail within the
 * window, further attempts are refused until the window has passed. Kept in PostgreSQL so every
 * web process shares it.
 */
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const windowStart = () => new Date(Date.now() - env().LOGIN_THROTTLE_WINDOW_MINUTES * 60_000);

export async function isThrottled(email: string): Promise<boolean> {
  const failures = await db.loginAttempt.count({ where: { email: email.toLowerCase(), createdAt: { gte: windowStart() } } });
  return failures >= env().LOGIN_THROTTLE_MAX_ATTEMPTS;
}

export async function recordFailedLogin(email: string, ip: string | null) {
  await db.loginAttempt.create({ data: { email: email.toLowerCase(), ip } });
}

export async function clearFailedLogins(email: string) {
  await db.loginAttempt.deleteMany({ where: { email: email.toLowerCase() } });
}
