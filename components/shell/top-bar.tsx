import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { SessionUser } from "@/lib/auth/session";

export function TopBar({ user, children }: { user: SessionUser; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">Forecourt</Link>
        {children}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user.isPlatformAdmin && <Link href="/admin" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">Platform admin</Link>}
          <span className="hidden text-slate-600 sm:inline" data-testid="current-user">{user.name}</span>
          <SignOutButton label="Sign out" />
        </div>
      </div>
    </header>
  );
}
