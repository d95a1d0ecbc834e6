import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateUserForm } from "@/components/admin/user-forms";
import { Badge, Card, PageHeader, stackedTableClass } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

export default async function UsersPage() {
  await requirePlatformAdminPage();
  const [t, roles, common] = await Promise.all([getTranslations("admin.users"), getTranslations("roles"), getTranslations("common")]);
  const users = await db.user.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, isPlatformAdmin: true, memberships: { select: { role: true, dealer: { select: { name: true } } } } },
  });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card>
          <table className={stackedTableClass.table}>
            <thead className={stackedTableClass.thead}><tr>{[t("name"), t("email"), t("dealers")].map((h) => <th key={h} scope="col" className={stackedTableClass.th}>{h}</th>)}</tr></thead>
            <tbody className={stackedTableClass.tbody}>
              {users.map((u) => (
                <tr key={u.id} className={stackedTableClass.row}>
                  <td className={stackedTableClass.td} data-label={t("name")}><Link className="font-medium text-brand-700 underline" href={`/admin/users/${u.id}`}>{u.name}</Link> {u.isPlatformAdmin && <Badge tone="blue">{common("platformAdmin")}</Badge>}</td>
                  <td className={stackedTableClass.td} data-label={t("email")}>{u.email}</td>
                  <td className={stackedTableClass.td} data-label={t("dealers")}>{u.memberships.map((m) => `${m.dealer.name} (${roles(m.role)})`).join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t("create")}><CreateUserForm /></Card>
      </div>
    </>
  );
}
