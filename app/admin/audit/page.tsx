import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { PageHeader } from "@/components/ui/card";
import { auditLog, auditQuerySchema } from "@/lib/audit-log";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

/** Every dealer's audit trail (and the platform's own), for platform admins only. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdminPage();
  const raw = await searchParams;
  const query = auditQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [t, page] = await Promise.all([getTranslations("auditLog"), auditLog({ kind: "platform" }, query)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <AuditLogView page={page} query={query} basePath="/admin/audit" showDealer />
    </>
  );
}
