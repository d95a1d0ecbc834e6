import Link from "next/link";
import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function ConnectionsPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "connections.view");
  return (
    <>
      <PageHeader title="Connections" description={<Link className="text-brand-700 underline" href={`/d/${dealer.slug}/settings`}>Back to settings</Link>} />
      <ConnectionsPanel dealer={dealer} canManage={can(role, "connections.manage")} />
    </>
  );
}
