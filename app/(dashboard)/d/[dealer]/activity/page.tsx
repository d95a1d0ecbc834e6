import { HistoryTimeline } from "@/components/history/history-timeline";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activity"))("title") };
}

export default async function ActivityPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer, "activity.view");
  const t = await getTranslations("activity");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HistoryTimeline dealer={dealer.slug} />
    </>
  );
}
