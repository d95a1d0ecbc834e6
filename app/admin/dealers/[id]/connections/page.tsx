import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { PageHeader } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export default async function AdminConnectionsPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePlatformAdminPage();
  const dealer = await db.dealer.findUnique({ where: { id: (await params).id }, select: { id: true, slug: true, name: true, country: true } });
  if (!dealer) notFound();
  const t = await getTranslations("admin.dealer");
  return (
    <>
      <PageHeader title={t("connectionsTitle", { name: dealer.name })} description={<Link className="text-brand-700 underline" href={`/admin/dealers/${dealer.id}`}>{t("back")}</Link>} />
      <ConnectionsPanel dealer={dealer} canManage />
    </>
  );
}
