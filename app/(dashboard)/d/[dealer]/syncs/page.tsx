import { SyncDashboard } from "@/components/sync/sync-dashboard";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { syncsOverview } from "@/lib/sync/overview";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("syncs"))("title") };
}

export default async function SyncsPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "syncs.view");
  const initial = await syncsOverview(dealer.id);
  const t = await getTranslations("syncs");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SyncDashboard dealer={dealer.slug} canRun={can(role, "syncs.run")} canConfirm={can(role, "syncs.confirmRemoval")} canImport={can(role, "listings.edit")} initial={initial} />
    </>
  );
}
