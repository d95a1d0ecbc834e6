"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const ITEMS = [
  { href: "", label: "overview" },
  { href: "/listings", label: "listings" },
  { href: "/syncs", label: "syncs" },
  { href: "/activity", label: "activity" },
  { href: "/settings", label: "settings" },
] as const;

/** `heldRemovals`: removals waiting for this admin's confirmation, shown on the Syncs item. */
export function DealerNav({ slug, heldRemovals = 0 }: { slug: string; heldRemovals?: number }) {
  const path = usePathname();
  const t = useTranslations("nav");
  const base = `/d/${slug}`;
  return (
    <nav aria-label={t("dealer")} className="border-b border-slate-200 bg-white">
      <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4">
        {ITEMS.map((item) => {
          const href = base + item.href;
          const active = item.href === "" ? path === base : path.startsWith(href);
          return (
            <li key={item.label}>
              <Link href={href} aria-current={active ? "page" : undefined} className={`inline-block border-b-2 px-3 py-2.5 text-sm font-medium ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
                {t(item.label)}
                {item.label === "syncs" && heldRemovals > 0 && (
                  <span data-testid="nav-hold" className="ml-1.5 rounded-full bg-amber-500 px-1.5 py-0.5 text-xs font-semibold text-white" title={t("holdBadge", { count: heldRemovals })}>
                    {heldRemovals}<span className="sr-only"> — {t("holdBadge", { count: heldRemovals })}</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
