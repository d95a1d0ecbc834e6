import { Card, PageHeader } from "@/components/ui/card";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function SyncsPage({ params }: { params: Promise<{ dealer: string }> }) {
  await requireDealerPage((await params).dealer, "syncs.view");
  return (
    <>
      <PageHeader title="Syncs" />
      <Card>
        <p className="text-sm text-slate-600">Syncs arrive with the sync engine: run a sync per marketplace, watch its progress and read its history.</p>
      </Card>
    </>
  );
}
