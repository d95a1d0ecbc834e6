/** For server components: the signed-in user's access to a dealer page, or redirect / 404. */
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { dealerAccessWith } from "@/lib/tenancy/dealers";

export async function requireDealerPage(slug: string, permission: Permission = "dealer.view") {
  const user = await currentUser();
  if (!user) redirect("/login");
  const access = await dealerAccessWith(user, slug, permission);
  if (!access) notFound();
  return { user, ...access };
}

export async function requirePlatformAdminPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!user.isPlatformAdmin) notFound();
  return user;
}
