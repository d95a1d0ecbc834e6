import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InviteMemberForm, TeamTable } from "@/components/team/team-panel";
import { Card, PageHeader } from "@/components/ui/card";
import { listTeam } from "@/lib/team/service";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("team"))("title") };
}

/** The dealer admin's team page: who works here, in which role; invite, re-role, remove, reset. */
export default async function TeamPage({ params }: { params: Promise<{ dealer: string }> }) {
  const access = await requireDealerPage((await params).dealer, "team.manage");
  const [t, members] = await Promise.all([getTranslations("team"), listTeam(access.user, access)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("intro", { dealer: access.dealer.name })} />
      <div className="space-y-6">
        <Card><TeamTable dealer={access.dealer.slug} dealerName={access.dealer.name} members={members} /></Card>
        <Card title={t("inviteTitle")} description={t("inviteHint")}><InviteMemberForm dealer={access.dealer.slug} /></Card>
      </div>
    </>
  );
}
