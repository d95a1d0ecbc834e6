import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DealerForm } from "@/components/admin/dealer-form";
import { Card, PageHeader, tableClass } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.dealers"))("title") };
}

export default async function DealersPage() {
  await requirePlatformAdminPage();
  const [t, tc] = await Promise.all([getTranslations("admin.dealers"), getTranslations("countries")]);
  const dealers = await db.dealer.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true, country: true, parent: { select: { name: true } }, _count: { select: { memberships: true, listings: true } } },
  });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card>
          <table className={tableClass.table}>
            <thead><tr>{(["name", "slug", "country", "group", "people", "listings"] as const).map((h) => <th key={h} scope="col" className={tableClass.th}>{t(`columns.${h}`)}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100">
              {dealers.map((d) => (
                <tr key={d.id} className={tableClass.row}>
                  <td className={tableClass.td}><Link className="font-medium text-brand-700 underline" href={`/admin/dealers/${d.id}`}>{d.name}</Link></td>
                  <td className={`${tableClass.td} font-mono text-xs`}>{d.slug}</td>
                  <td className={tableClass.td}>{tc(d.country)}</td>
                  <td className={tableClass.td}>{d.parent?.name ?? "—"}</td>
                  <td className={tableClass.td}>{d._count.memberships}</td>
                  <td className={tableClass.td}>{d._count.listings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t("create")}>
          <DealerForm parents={dealers.map((d) => ({ id: d.id, name: d.name }))} />
        </Card>
      </div>
    </>
  );
}
