import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DealerForm } from "@/components/admin/dealer-form";
import { MembershipForm, RemoveMembershipButton, RoleSelect } from "@/components/admin/user-forms";
import { Card, PageHeader, tableClass } from "@/components/ui/card";
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
          <table className={`${tableClass.table} mb-6`}>
            <thead><tr>{[t("name"), t("email"), t("role"), ""].map((h, i) => <th key={i} scope="col" className={tableClass.th}>{h}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100">
              {memberships.length === 0 && <tr><td colSpan={4} className="px-3 py-4 text-slate-500">{t("nobody")}</td></tr>}
              {memberships.map((m) => (
                <tr key={m.user.id}>
                  <td className={tableClass.td}><Link className="text-brand-700 underline" href={`/admin/users/${m.user.id}`}>{m.user.name}</Link></td>
                  <td className={tableClass.td}>{m.user.email}</td>
                  <td className={tableClass.td}><RoleSelect dealerId={dealer.id} userId={m.user.id} role={m.role} label={t("roleOf", { name: m.user.name })} /></td>
                  <td className={`${tableClass.td} text-right`}><RemoveMembershipButton dealerId={dealer.id} userId={m.user.id} label={t("removeFrom", { name: m.user.name, dealer: dealer.name })} /></td>
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
