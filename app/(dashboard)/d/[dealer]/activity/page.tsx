import { ActivityTimeline } from "@/components/activity/activity-timeline";
import { PageHeader } from "@/components/ui/card";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function ActivityPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer, "activity.view");
  return (
    <>
      <PageHeader title="Activity" description="Every ad's story: what our syncs sent, what the marketplaces answered, their warnings, and Blocket's own log." />
      <ActivityTimeline dealer={dealer.slug} />
    </>
  );
}
