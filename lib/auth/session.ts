/**
 * The signed-in user, read from the session and checked against the database on every request:
 * a deleted user, or a session issued before a password reset, counts as signed out.
 */
import { cache } from "react";
import { db } from "@/lib/db";
import { auth } from "@/lib/auth";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
}

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, isPlatformAdmin: true, sessionsValidFrom: true },
  });
  if (!user) return null;
  const issuedAt = (session as { issuedAt?: number }).issuedAt;
  if (issuedAt && issuedAt * 1000 < user.sessionsValidFrom.getTime() - 1000) return null;
  return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin };
});
