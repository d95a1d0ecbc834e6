import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DealerForm } from "@/components/admin/dealer-form";
import { MembershipForm, RemoveMembershipButton, RoleSelect } from "@/components/admin/user-forms";
import { Card, PageHeader, stackedTableClass } from "@/components/ui/card";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export default async function DealerAdminPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePlatformAdminPage();
  const { id } = await params;
  const dealer = await db.dealer.findUnique({
    where: { id },
    select: { id: true, name: true, slug: true, country: true, parentId: true, language: true, memberships: { orderBy: { user: { name: "asc" } }, select: { role: true, user: { select: { id: true, name: true, email: true } } } } },
  });
  if (!dealer) notFound();
  const [parents, users] = await Promise.all([
    db.dealer.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
  ]);
  const { memberships, ...values } = dealer;
  const t = await getTranslations("admin.dealer");
  return (
    <>
      <PageHeader title={dealer.name} description={<span className="flex gap-4"><Link className="text-brand-700 underline" href={`/admin/dealers/${dealer.id}/connections`}>{t("connections")}</Link><Link className="text-brand-700 underline" href={`/d/${dealer.slug}`}>{t("dashboard")}</Link></span>} />
      <div className="space-y-6">
        <Card title={t("details")}><DealerForm dealer={values} parents={parents} /></Card>
        <Card title={t("people")} description={t("peopleHint")}>
          <table className={`${stackedTableClass.table} mb-6`}>
            <thead className={stackedTableClass.thead}><tr>{[t("name"), t("email"), t("role"), ""].map((h, i) => <th key={i} scope="col" className={stackedTableClass.th}>{h}</th>)}</tr></thead>
            <tbody className={stackedTableClass.tbody}>
              {memberships.length === 0 && <tr className="block sm:table-row"><td colSpan={4} className="block px-3 py-4 text-slate-500 sm:table-cell">{t("nobody")}</td></tr>}
              {memberships.map((m) => (
                <tr key={m.user.id} className={stackedTableClass.row}>
                  <td className={stackedTableClass.td} data-label={t("name")}><Link className="text-brand-700 underline" href={`/admin/users/${m.user.id}`}>{m.user.name}</Link></td>
                  <td className={stackedTableClass.td} data-label={t("email")}>{m.user.email}</td>
                  <td className={stackedTableClass.td} data-label={t("role")}><RoleSelect dealerId={dealer.id} userId={m.user.id} role={m.role} label={t("roleOf", { name: m.user.name })} /></td>
                  <td className={stackedTableClass.action}><RemoveMembershipButton dealerId={dealer.id} userId={m.user.id} label={t("removeFrom", { name: m.user.name, dealer: dealer.name })} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("add")}</h3>
          <MembershipForm fixed={{ dealerId: dealer.id }} users={users.map((u) => ({ id: u.id, label: `${u.name} (${u.email})` }))} />
        </Card>
      </div>
    </>
  );
}
