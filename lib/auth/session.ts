/**
 * The signed-in user. `auth()` runs the session check in lib/auth (the cookie's session row must
 * still exist and be within its absolute lifetime) before it returns anything; the user row is
 * read fresh on every request, so a deleted user or a changed role takes effect at once.
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
  const id = (await auth())?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, isPlatformAdmin: true } });
});
