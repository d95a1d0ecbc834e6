import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { SessionUser } from "@/lib/auth/session";

/** `bell`: the notifications button (in a dealer's pages, where it knows which dealer is in view). */
export async function TopBar({ user, children, bell }: { user: SessionUser; children?: React.ReactNode; bell?: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">Forecourt</Link>
        {children}
        <div className="ml-auto flex items-center gap-2 text-sm sm:gap-3">
          {bell}
          {user.isPlatformAdmin && <Link href="/admin" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">{t("platformAdmin")}</Link>}
          <Link href="/profile" className="hidden rounded px-2 py-1 text-slate-600 hover:bg-slate-100 sm:inline" data-testid="current-user" title={t("profile")}>{user.name}</Link>
          <SignOutButton label={t("signOut")} />
        </div>
      </div>
    </header>
  );
}
