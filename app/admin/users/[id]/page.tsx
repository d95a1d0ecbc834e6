import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { MembershipForm, RemoveMembershipButton, ResetPasswordForm, RoleSelect, UserLanguageForm } from "@/components/admin/user-forms";
import { DeleteUserButton, SignOutUserEverywhereButton } from "@/components/auth/sign-out-everywhere";
import { isLanguage } from "@/lib/i18n/locales";
import { Card, PageHeader, stackedTableClass } from "@/components/ui/card";
import { db } from "@/lib/db";
import { openSessionCount } from "@/lib/auth/sessions";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export default async function UserAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requirePlatformAdminPage();
  const { id } = await params;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, isPlatformAdmin: true, language: true, memberships: { orderBy: { dealer: { name: "asc" } }, select: { role: true, dealer: { select: { id: true, name: true } } } } },
  });
  if (!user) notFound();
  const [dealers, open, sessions, deletion, t] = await Promise.all([
    db.dealer.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    openSessionCount(user.id),
    getTranslations("sessions"),
    getTranslations("userAdmin"),
    getTranslations("admin.user"),
  ]);
  return (
    <>
      <PageHeader title={user.name} description={user.isPlatformAdmin ? t("emailAdmin", { email: user.email }) : user.email} />
      <div className="space-y-6">
        <Card title={t("language")}><UserLanguageForm userId={user.id} language={isLanguage(user.language) ? user.language : null} /></Card>
        <Card title={t("dealers")}>
          <table className={`${stackedTableClass.table} mb-6`}>
            <thead className={stackedTableClass.thead}><tr>{[t("dealer"), t("role"), ""].map((h, i) => <th key={i} scope="col" className={stackedTableClass.th}>{h}</th>)}</tr></thead>
            <tbody className={stackedTableClass.tbody}>
              {user.memberships.length === 0 && <tr className="block sm:table-row"><td colSpan={3} className="block px-3 py-4 text-slate-500 sm:table-cell">{t("noDealer")}</td></tr>}
              {user.memberships.map((m) => (
                <tr key={m.dealer.id} className={stackedTableClass.row}>
                  <td className={stackedTableClass.td} data-label={t("dealer")}><Link className="text-brand-700 underline" href={`/admin/dealers/${m.dealer.id}`}>{m.dealer.name}</Link></td>
                  <td className={stackedTableClass.td} data-label={t("role")}><RoleSelect dealerId={m.dealer.id} userId={user.id} role={m.role} label={t("roleAt", { dealer: m.dealer.name })} /></td>
                  <td className={stackedTableClass.action}><RemoveMembershipButton dealerId={m.dealer.id} userId={user.id} label={t("removeFrom", { name: user.name, dealer: m.dealer.name })} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("addToDealer")}</h3>
          <MembershipForm fixed={{ userId: user.id }} dealers={dealers} />
        </Card>
        <Card title={t("password")} description={t("passwordHint")}><ResetPasswordForm userId={user.id} /></Card>
        <Card title={sessions("title")} description={sessions("openCount", { count: open })}>
          <p className="mb-4 text-sm text-slate-600">{sessions("adminHint")}</p>
          <SignOutUserEverywhereButton userId={user.id} name={user.name} />
        </Card>
        {user.id !== admin.id && (
          <Card title={deletion("deleteTitle")} description={deletion("deleteHint")}><DeleteUserButton userId={user.id} name={user.name} /></Card>
        )}
      </div>
    </>
  );
}
