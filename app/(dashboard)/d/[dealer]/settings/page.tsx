import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { buttonClass } from "@/components/ui/button";
import { BudgetCard } from "@/components/promotions/budget-card";
import { Card, PageHeader, tableClass } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { requireDealerPage } from "@/lib/tenancy/page";
import { NumberingCard } from "@/components/listings/numbering-card";
import { proposedReference, referencePatternOf } from "@/lib/listings/reference-numbers";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("settings") };
}

export default async function SettingsPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "settings.view");
  const tt = await getTranslations("team");
  const members = can(role, "team.manage")
    ? await db.membership.findMany({ where: { dealerId: dealer.id }, orderBy: { user: { name: "asc" } }, select: { role: true, user: { select: { name: true, email: true } } } })
    : [];
  const [t, tc, roles, ta, pattern, nextReference] = await Promise.all([getTranslations("settings"), getTranslations("countries"), getTranslations("roles"), getTranslations("auditLog"), referencePatternOf(dealer.id), proposedReference(dealer.id)]);
  return (
    <>
      <PageHeader title={t("title")} description={`${dealer.name} · ${tc(dealer.country)}`} />
      <div className="space-y-6">
        <ConnectionsPanel dealer={dealer} canManage={can(role, "connections.manage")} canEnrol={can(role, "publications.enrol")} />
        <NumberingCard dealer={dealer.slug} pattern={pattern} next={nextReference} canSet={can(role, "settings.numbering")} />
        {can(role, "promotions.view") && <BudgetCard dealer={dealer} canSet={can(role, "promotions.budget")} />}
        {members.length > 0 && (
          <Card title={tt("title")} description={tt("settingsHint", { count: members.length })}
            actions={<Link href={`/d/${dealer.slug}/settings/team`} className={buttonClass("secondary", "sm")}>{tt("manage")}</Link>}>
            <table className={tableClass.table}>
              <thead><tr><th scope="col" className={tableClass.th}>{t("name")}</th><th scope="col" className={tableClass.th}>{t("email")}</th><th scope="col" className={tableClass.th}>{t("role")}</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {members.map((m) => (
                  <tr key={m.user.email}><td className={tableClass.td}>{m.user.name}</td><td className={`${tableClass.td} break-all`}>{m.user.email}</td><td className={tableClass.td}>{roles(m.role)}</td></tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
        {can(role, "audit.view") && (
          <Card title={ta("title")} description={ta("settingsHint")}
            actions={<Link href={`/d/${dealer.slug}/settings/audit`} className={buttonClass("secondary", "sm")}>{ta("open")}</Link>}>{null}</Card>
        )}
      </div>
    </>
  );
}
