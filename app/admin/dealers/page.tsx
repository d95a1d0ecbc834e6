import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DealerForm } from "@/components/admin/dealer-form";
import { Card, PageHeader, stackedTableClass } from "@/components/ui/card";
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
          <table className={stackedTableClass.table}>
            <thead className={stackedTableClass.thead}><tr>{(["name", "slug", "country", "group", "people", "listings"] as const).map((h) => <th key={h} scope="col" className={stackedTableClass.th}>{t(`columns.${h}`)}</th>)}</tr></thead>
            <tbody className={stackedTableClass.tbody}>
              {dealers.map((d) => (
                <tr key={d.id} className={stackedTableClass.row}>
                  <td className={stackedTableClass.td} data-label={t("columns.name")}><Link className="font-medium text-brand-700 underline" href={`/admin/dealers/${d.id}`}>{d.name}</Link></td>
                  <td className={`${stackedTableClass.td} font-mono text-xs`} data-label={t("columns.slug")}>{d.slug}</td>
                  <td className={stackedTableClass.td} data-label={t("columns.country")}>{tc(d.country)}</td>
                  <td className={stackedTableClass.td} data-label={t("columns.group")}>{d.parent?.name ?? "—"}</td>
                  <td className={stackedTableClass.td} data-label={t("columns.people")}>{d._count.memberships}</td>
                  <td className={stackedTableClass.td} data-label={t("columns.listings")}>{d._count.listings}</td>
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
