import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { BudgetCard } from "@/components/promotions/budget-card";
import { Card, PageHeader, tableClass } from "@/components/ui/card";
import { ROLE_LABELS, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function SettingsPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "settings.view");
  const members = can(role, "connections.manage")
    ? await db.membership.findMany({ where: { dealerId: dealer.id }, orderBy: { user: { name: "asc" } }, select: { role: true, user: { select: { name: true, email: true } } } })
    : [];
  return (
    <>
      <PageHeader title="Settings" description={`${dealer.name} · ${dealer.country === "BE" ? "Belgium" : "Sweden"}`} />
      <div className="space-y-6">
        <ConnectionsPanel dealer={dealer} canManage={can(role, "connections.manage")} />
        {can(role, "promotions.view") && <BudgetCard dealer={dealer} canSet={can(role, "promotions.budget")} />}
        {members.length > 0 && (
          <Card title="Team" description="Ask a platform admin to add or remove people.">
            <table className={tableClass.table}>
              <thead><tr><th scope="col" className={tableClass.th}>Name</th><th scope="col" className={tableClass.th}>E-mail</th><th scope="col" className={tableClass.th}>Role</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {members.map((m) => (
                  <tr key={m.user.email}><td className={tableClass.td}>{m.user.name}</td><td className={tableClass.td}>{m.user.email}</td><td className={tableClass.td}>{ROLE_LABELS[m.role]}</td></tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </div>
    </>
  );
}
