import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { TopBar } from "@/components/shell/top-bar";
import { requirePlatformAdminPage } from "@/lib/tenancy/page";

const NAV = [
  { href: "/admin/dealers", label: "dealers" },
  { href: "/admin/users", label: "users" },
  { href: "/admin/audit", label: "audit" },
] as const;

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePlatformAdminPage();
  const [t, common] = await Promise.all([getTranslations("admin.nav"), getTranslations("common")]);
  return (
    <div className="min-h-screen">
      <TopBar user={user}><span className="rounded bg-slate-900 px-2 py-0.5 text-xs font-semibold text-white">{common("platformAdmin")}</span></TopBar>
      {/* On a phone the section links sit in one row above the page instead of a column beside it. */}
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 sm:flex-row sm:gap-8 sm:py-8">
        <nav aria-label={t("label")} className="shrink-0 sm:w-44">
          <ul className="flex flex-wrap gap-1 sm:block sm:space-y-1">
            {NAV.map((n) => (
              <li key={n.href}><Link href={n.href} className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-white hover:shadow-sm">{t(n.label)}</Link></li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
