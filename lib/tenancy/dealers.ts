/**
 * Dealer access: which dealers a user reaches and with which role. A dealer the user is not a
 * member of is "not found" — never "forbidden", so its existence is not revealed.
 */
import { cache } from "react";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";

export interface DealerAccess {
  dealer: { id: string; slug: string; name: string; country: "BE" | "SE" };
  role: Role;
}

/** The user's role at the dealer with this slug, or null when they have none. */
export const dealerAccess = cache(async (user: SessionUser, slug: string): Promise<DealerAccess | null> => {
  // Only what a slug can look like reaches the database (odd unicode there is an error, not "not found").
  if (typeof slug !== "string" || slug.length > 64 || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return null;
  const dealer = await db.dealer.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, country: true, memberships: { where: { userId: user.id }, select: { role: true } } },
  });
  if (!dealer) return null;
  const role = user.isPlatformAdmin ? "ADMIN" : dealer.memberships[0]?.role;
  if (!role) return null;
  const { memberships: _, ...rest } = dealer;
  return { dealer: rest, role };
});

/** Access with a permission, or null (the caller answers "not found"). */
export async function dealerAccessWith(user: SessionUser, slug: string, permission: Permission): Promise<DealerAccess | null> {
  const access = await dealerAccess(user, slug);
  return access && can(access.role, permission) ? access : null;
}

/** Dealers the user can switch between (all of them for platform admins). */
export async function dealersOf(user: SessionUser) {
  if (user.isPlatformAdmin) {
    const dealers = await db.dealer.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true, country: true } });
    return dealers.map((d) => ({ ...d, role: "ADMIN" as Role }));
  }
  const memberships = await db.membership.findMany({
    where: { userId: user.id },
    orderBy: { dealer: { name: "asc" } },
    select: { role: true, dealer: { select: { slug: true, name: true, country: true } } },
  });
  return memberships.map((m) => ({ ...m.dealer, role: m.role }));
}
