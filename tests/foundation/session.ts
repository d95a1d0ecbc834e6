/**
 * Test double for the *source* of the signed-in user only (the Auth.js cookie, which needs a
 * browser); everything behind it — the action chain, roles, tenancy, the database — is real.
 * The real sign-in is covered end-to-end in e2e/.
 */
import { vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";

export const session = { user: null as SessionUser | null };

vi.mock("@/lib/auth/session", () => ({ currentUser: async () => session.user }));
// Actions revalidate Next's cache; outside a Next request there is none.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

export async function signInAs(email: string | null) {
  if (!email) {
    session.user = null;
    return null;
  }
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, isPlatformAdmin: true } });
  session.user = user;
  return user;
}

export const dealerBySlug = (slug: string) => db.dealer.findUniqueOrThrow({ where: { slug } });
export const listingOf = async (slug: string, reference: string) => {
  const dealer = await dealerBySlug(slug);
  return db.listing.findUniqueOrThrow({ where: { dealerId_reference: { dealerId: dealer.id, reference } } });
};
