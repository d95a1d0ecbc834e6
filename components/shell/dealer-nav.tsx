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

/**
 * The dealer's sections: tabs on wide screens; on a phone one "Menu" button that opens the list
 * (a native disclosure, so Enter/Space open it and Tab walks the links; it closes on navigation).
 *
 * `heldRemovals`: removals waiting for this admin's confirmation, shown on the Syncs item.
 */
export function DealerNav({ slug, heldRemovals = 0 }: { slug: string; heldRemovals?: number }) {
  const path = usePathname();
  const t = useTranslations("nav");
  const base = `/d/${slug}`;
  const items = ITEMS.map((item) => {
    const href = base + item.href;
    return { ...item, href, active: item.href === "" ? path === base : path.startsWith(href) };
  });
  const current = items.find((i) => i.active);
  return (
    <nav aria-label={t("dealer")} className="border-b border-slate-200 bg-white">
      <ul className="mx-auto hidden max-w-7xl gap-1 px-4 md:flex">
        {items.map((item) => (
          <li key={item.label}>
            <Link href={item.href} aria-current={item.active ? "page" : undefined} className={`inline-block border-b-2 px-3 py-2.5 text-sm font-medium ${item.active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
              {t(item.label)}
              {item.label === "syncs" && <HoldBadge count={heldRemovals} testId="nav-hold" />}
            </Link>
          </li>
        ))}
      </ul>
      {/* Re-mounted on every page, so the menu is closed after following a link. */}
      <details key={path} className="group md:hidden" data-testid="mobile-menu">
        <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-2.5 text-sm font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
          <span>
            <span aria-hidden className="mr-2 inline-block group-open:hidden">☰</span>
            <span aria-hidden className="mr-2 hidden group-open:inline-block">✕</span>
            {t("menu")}{current && <span className="text-slate-500"> · {t(current.label)}</span>}
          </span>
        </summary>
        <ul className="border-t border-slate-100 pb-2">
          {items.map((item) => (
            <li key={item.label}>
              <Link href={item.href} aria-current={item.active ? "page" : undefined} className={`block px-4 py-3 text-base ${item.active ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-50"}`}>
                {t(item.label)}
                {item.label === "syncs" && <HoldBadge count={heldRemovals} testId="nav-hold-menu" />}
              </Link>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}

function HoldBadge({ count, testId }: { count: number; testId: string }) {
  const t = useTranslations("nav");
  if (count <= 0) return null;
  return (
    <span data-testid={testId} className="ml-1.5 rounded-full bg-amber-500 px-1.5 py-0.5 text-xs font-semibold text-white" title={t("holdBadge", { count })}>
      {count}<span className="sr-only"> — {t("holdBadge", { count })}</span>
    </span>
  );
}
