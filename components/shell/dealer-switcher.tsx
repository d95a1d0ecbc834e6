import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** A disclosure menu of links: works with the keyboard and without JavaScript. */
export async function DealerSwitcher({ current, dealers }: { current: { slug: string; name: string }; dealers: { slug: string; name: string; country: string }[] }) {
  const t = await getTranslations("nav");
  if (dealers.length < 2) return <span className="text-sm font-medium text-slate-700" data-testid="dealer-name">{current.name}</span>;
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50" data-testid="dealer-name" aria-label={t("switchDealer", { name: current.name })}>
        {current.name} <span aria-hidden>▾</span>
      </summary>
      <ul className="absolute left-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        {dealers.map((d) => (
          <li key={d.slug}>
            <Link href={`/d/${d.slug}`} aria-current={d.slug === current.slug ? "page" : undefined} className="flex justify-between px-3 py-2 text-sm hover:bg-slate-50 aria-[current=page]:font-semibold">
              <span>{d.name}</span>
              <span className="text-xs text-slate-500">{d.country}</span>
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
