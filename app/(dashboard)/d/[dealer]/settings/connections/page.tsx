import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("connections"))("pageTitle") };
}

export default async function ConnectionsPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "connections.view");
  const t = await getTranslations("connections");
  return (
    <>
      <PageHeader title={t("pageTitle")} description={<Link className="text-brand-700 underline" href={`/d/${dealer.slug}/settings`}>{t("backToSettings")}</Link>} />
      <ConnectionsPanel dealer={dealer} canManage={can(role, "connections.manage")} canEnrol={can(role, "publications.enrol")} />
    </>
  );
}
