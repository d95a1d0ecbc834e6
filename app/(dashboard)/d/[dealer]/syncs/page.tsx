import { SyncDashboard } from "@/components/sync/sync-dashboard";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { syncsOverview } from "@/lib/sync/overview";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function SyncsPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "syncs.view");
  const initial = await syncsOverview(dealer.id);
  return (
    <>
      <PageHeader title="Syncs" description="Your inventory is pushed after every change and on a schedule. Start one yourself at any time." />
      <SyncDashboard dealer={dealer.slug} canRun={can(role, "syncs.run")} canConfirm={can(role, "syncs.confirmRemoval")} canImport={can(role, "listings.edit")} initial={initial} />
    </>
  );
}
