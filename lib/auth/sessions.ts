/**
 * Server-side session records behind the Auth.js cookie. The cookie (a signed, encrypted JWT)
 * carries a random secret; its sha256 names a UserSession row. Deleting rows ends sessions at
 * once — on sign-out, sign-out everywhere, a password reset, a membership removal, a deleted
 * user — including through GET /api/auth/session, which refuses and clears a cookie whose row
 * is gone. Each row has an absolute expiry set at sign-in that refreshing never moves.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const idOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Starts a session for a user who just proved their password; returns the cookie's secret. */
export async function startSession(userId: string): Promise<{ secret: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().SESSION_MAX_AGE_HOURS * 3600_000);
  await db.userSession.create({ data: { id: idOf(secret), userId, expiresAt } });
  // Housekeeping on the sign-in path: forget every session that has ended on its own.
  await db.userSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return { secret, expiresAt };
}

/** The session's user id when the session is still live, otherwise null. */
export async function liveSessionUser(secret: unknown): Promise<string | null> {
  if (typeof secret !== "string" || secret.length === 0 || secret.length > 200) return null;
  const row = await db.userSession.findUnique({ where: { id: idOf(secret) }, select: { userId: true, expiresAt: true } });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  return row.userId;
}

/** Ends one session (sign-out on this device). */
export async function endSession(secret: unknown) {
  if (typeof secret !== "string" || secret.length === 0 || secret.length > 200) return;
  await db.userSession.deleteMany({ where: { id: idOf(secret) } });
}

/** Ends every session of a user, on every device. Returns how many were open. */
export async function endAllSessions(userId: string, tx: Prisma.TransactionClient = db): Promise<number> {
  const { count } = await tx.userSession.deleteMany({ where: { userId } });
  return count;
}

export async function openSessionCount(userId: string): Promise<number> {
  return db.userSession.count({ where: { userId, expiresAt: { gt: new Date() } } });
}
