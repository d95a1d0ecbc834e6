import { Card, PageHeader, tableClass } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

const PAGE_SIZE = 100;

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
  const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, newest first. Times in UTC." />
      <Card>
        <table className={tableClass.table}>
          <thead><tr>{["When", "Who", "What", "Dealer", "Details"].map((h) => <th key={h} scope="col" className={tableClass.th}>{h}</th>)}</tr></thead>
          <tbody className="divide-y divide-slate-100">
            {events.length === 0 && <tr><td colSpan={5} className="px-3 py-4 text-slate-500">Nothing yet.</td></tr>}
            {events.map((e) => (
              <tr key={e.id}>
                <td className={`${tableClass.td} whitespace-nowrap`}><time dateTime={e.createdAt.toISOString()}>{fmt.format(e.createdAt)}</time></td>
                <td className={tableClass.td}>{e.actor ? `${e.actor.name} (${e.actor.email})` : "system"}</td>
                <td className={`${tableClass.td} font-mono text-xs`}>{e.action}</td>
                <td className={tableClass.td}>{e.dealer?.name ?? "—"}</td>
                <td className={`${tableClass.td} max-w-md truncate font-mono text-xs text-slate-600`} title={JSON.stringify(e.data)}>{JSON.stringify(e.data)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.length === PAGE_SIZE && (
          <a className="mt-4 inline-block text-sm text-brand-700 underline" href={`/admin/audit?before=${encodeURIComponent(events[events.length - 1].createdAt.toISOString())}`}>Older events</a>
        )}
      </Card>
    </>
  );
}
