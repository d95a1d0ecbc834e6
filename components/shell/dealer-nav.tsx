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

export function DealerNav({ slug }: { slug: string }) {
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
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
