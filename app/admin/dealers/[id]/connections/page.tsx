import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { PageHeader } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export default async function AdminConnectionsPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePlatformAdminPage();
  const dealer = await db.dealer.findUnique({ where: { id: (await params).id }, select: { id: true, slug: true, name: true, country: true } });
  if (!dealer) notFound();
  return (
    <>
      <PageHeader title={`${dealer.name}: connections`} description={<Link className="text-brand-700 underline" href={`/admin/dealers/${dealer.id}`}>Back to the dealer</Link>} />
      <ConnectionsPanel dealer={dealer} canManage />
    </>
  );
}
