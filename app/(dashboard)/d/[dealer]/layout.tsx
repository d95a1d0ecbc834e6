import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ConnectionHealthBanner } from "@/components/connections/health-banner";
import { DealerNav } from "@/components/shell/dealer-nav";
import { DealerSwitcher } from "@/components/shell/dealer-switcher";
import { TopBar } from "@/components/shell/top-bar";
import { NotificationBell } from "@/components/notifications/bell";
import { Badge } from "@/components/ui/card";
import { dealersOf } from "@/lib/tenancy/dealers";
import { requireDealerPage } from "@/lib/tenancy/page";
import { can } from "@/lib/auth/permissions";
import { heldRemovalCount } from "@/lib/sync/holds";

export default async function DealerLayout({ children, params }: { children: ReactNode; params: Promise<{ dealer: string }> }) {
  const { dealer: slug } = await params;
  const { user, dealer, role } = await requireDealerPage(slug);
  // Admins see waiting removal holds in the navigation: they are the ones who can act on them.
  const [dealers, roles, held] = await Promise.all([dealersOf(user), getTranslations("roles"), can(role, "syncs.confirmRemoval") ? heldRemovalCount(dealer.id) : 0]);
  return (
    <div className="min-h-screen">
      <TopBar user={user} bell={<NotificationBell dealer={dealer.slug} />}>
        <DealerSwitcher current={dealer} dealers={dealers} />
        <Badge tone="blue">{roles(role)}</Badge>
      </TopBar>
      <DealerNav slug={dealer.slug} heldRemovals={held} />
      <ConnectionHealthBanner dealerId={dealer.id} slug={dealer.slug} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">{children}</main>
    </div>
  );
}
