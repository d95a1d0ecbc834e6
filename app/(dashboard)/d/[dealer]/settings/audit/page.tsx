import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { PageHeader } from "@/components/ui/card";
import { auditLog, auditQuerySchema } from "@/lib/audit-log";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

/** One dealer's audit trail, for that dealer's administrators (permission audit.view); never another dealer's. */
export default async function DealerAuditPage({ params, searchParams }: { params: Promise<{ dealer: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireDealerPage((await params).dealer, "audit.view");
  const raw = await searchParams;
  const query = auditQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [t, page] = await Promise.all([getTranslations("auditLog"), auditLog({ kind: "dealer", dealerId: access.dealer.id }, { ...query, dealer: undefined })]);
  return (
    <>
      <PageHeader title={t("title")} description={t("dealerDescription", { dealer: access.dealer.name })} />
      <AuditLogView page={page} query={{ ...query, dealer: undefined }} basePath={`/d/${access.dealer.slug}/settings/audit`} showDealer={false} />
    </>
  );
}
