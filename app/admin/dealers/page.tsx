import Link from "next/link";
import { DealerForm } from "@/components/admin/dealer-form";
import { Card, PageHeader, tableClass } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export default async function DealersPage() {
  await requirePlatformAdminPage();
  const dealers = await db.dealer.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true, country: true, parent: { select: { name: true } }, _count: { select: { memberships: true, listings: true } } },
  });
  return (
    <>
      <PageHeader title="Dealers" description="Every dealership on Forecourt." />
      <div className="space-y-6">
        <Card>
          <table className={tableClass.table}>
            <thead><tr>{["Name", "Slug", "Country", "Group", "People", "Listings"].map((h) => <th key={h} scope="col" className={tableClass.th}>{h}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100">
              {dealers.map((d) => (
                <tr key={d.id} className={tableClass.row}>
                  <td className={tableClass.td}><Link className="font-medium text-brand-700 underline" href={`/admin/dealers/${d.id}`}>{d.name}</Link></td>
                  <td className={`${tableClass.td} font-mono text-xs`}>{d.slug}</td>
                  <td className={tableClass.td}>{d.country}</td>
                  <td className={tableClass.td}>{d.parent?.name ?? "—"}</td>
                  <td className={tableClass.td}>{d._count.memberships}</td>
                  <td className={tableClass.td}>{d._count.listings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Create a dealer">
          <DealerForm parents={dealers.map((d) => ({ id: d.id, name: d.name }))} />
        </Card>
      </div>
    </>
  );
}
