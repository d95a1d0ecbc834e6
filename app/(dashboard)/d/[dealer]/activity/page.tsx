import { Card, PageHeader } from "@/components/ui/card";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function ActivityPage({ params }: { params: Promise<{ dealer: string }> }) {
  await requireDealerPage((await params).dealer, "activity.view");
  return (
    <>
      <PageHeader title="Activity" />
      <Card>
        <p className="text-sm text-slate-600">Activity arrives with the sync engine: one timeline per ad of sync results, Okasie warnings and Blocket&apos;s action logs.</p>
      </Card>
    </>
  );
}
