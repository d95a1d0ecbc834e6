import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader, tableClass } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

const PAGE_SIZE = 100;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requirePlatformAdminPage();
  const { before } = await searchParams;
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const events = await db.auditEvent.findMany({
    where: beforeDate ? { createdAt: { lt: beforeDate } } : {},
    orderBy: { createdAt: "desc" },
    take: PAGE_SIZE,
    select: { id: true, action: true, targetType: true, targetId: true, data: true, createdAt: true, actor: { select: { name: true, email: true } }, dealer: { select: { name: true } } },
  });
  const [t, format] = await Promise.all([getTranslations("admin.audit"), getFormatter()]);
  // What happened, in words; the code stays beside it for searching and for actions added later.
  const what = (action: string) => {
    const key = `actions.${action.replace(".", "_")}`;
    return t.has(key as "actions.dealer_created") ? t(key as "actions.dealer_created") : null;
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <table className={tableClass.table}>
          <thead><tr>{(["when", "who", "what", "dealer", "details"] as const).map((h) => <th key={h} scope="col" className={tableClass.th}>{t(`columns.${h}`)}</th>)}</tr></thead>
          <tbody className="divide-y divide-slate-100">
            {events.length === 0 && <tr><td colSpan={5} className="px-3 py-4 text-slate-500">{t("empty")}</td></tr>}
            {events.map((e) => (
              <tr key={e.id}>
                <td className={`${tableClass.td} whitespace-nowrap`}><time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</time></td>
                <td className={tableClass.td}>{e.actor ? `${e.actor.name} (${e.actor.email})` : t("system")}</td>
                <td className={tableClass.td}>{what(e.action)} <span className="block font-mono text-xs text-slate-500" data-verbatim>{e.action}</span></td>
                <td className={tableClass.td}>{e.dealer?.name ?? "—"}</td>
                <td className={`${tableClass.td} max-w-md truncate font-mono text-xs text-slate-600`} title={JSON.stringify(e.data)} data-verbatim>{JSON.stringify(e.data)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.length === PAGE_SIZE && (
          <a className="mt-4 inline-block text-sm text-brand-700 underline" href={`/admin/audit?before=${encodeURIComponent(events[events.length - 1].createdAt.toISOString())}`}>{t("older")}</a>
        )}
      </Card>
    </>
  );
}
