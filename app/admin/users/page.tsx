import Link from "next/link";
import { CreateUserForm } from "@/components/admin/user-forms";
import { Badge, Card, PageHeader, tableClass } from "@/components/ui/card";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

export default async function UsersPage() {
  await requirePlatformAdminPage();
  const users = await db.user.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, isPlatformAdmin: true, memberships: { select: { role: true, dealer: { select: { name: true } } } } },
  });
  return (
    <>
      <PageHeader title="Users" description="There is no public sign-up: people get an account here." />
      <div className="space-y-6">
        <Card>
          <table className={tableClass.table}>
            <thead><tr>{["Name", "E-mail", "Dealers"].map((h) => <th key={h} scope="col" className={tableClass.th}>{h}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id} className={tableClass.row}>
                  <td className={tableClass.td}><Link className="font-medium text-brand-700 underline" href={`/admin/users/${u.id}`}>{u.name}</Link> {u.isPlatformAdmin && <Badge tone="blue">Platform admin</Badge>}</td>
                  <td className={tableClass.td}>{u.email}</td>
                  <td className={tableClass.td}>{u.memberships.map((m) => `${m.dealer.name} (${ROLE_LABELS[m.role]})`).join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Create a user"><CreateUserForm /></Card>
      </div>
    </>
  );
}
