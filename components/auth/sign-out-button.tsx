"use client";
import { useAction } from "next-safe-action/hooks";
import { signOutAction } from "@/app/session-actions";

export function SignOutButton({ label }: { label: string }) {
  const { execute, isPending } = useAction(signOutAction);
  return (
    <button type="button" onClick={() => execute()} disabled={isPending} className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">
      {label}
    </button>
  );
}
