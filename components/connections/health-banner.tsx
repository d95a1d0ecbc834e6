import Link from "next/link";
import { db } from "@/lib/db";
import { getTranslations } from "next-intl/server";
import { healthOf } from "@/lib/connections/service";
import { translateMessage, type Translator } from "@/lib/i18n/message";

/** On every dealer page: a broken connection is obvious to everyone, with what to do next. */
export async function ConnectionHealthBanner({ dealerId, slug }: { dealerId: string; slug: string }) {
  const connections = await db.connection.findMany({ where: { dealerId, enabled: true }, select: { id: true, name: true, marketplace: true, enabled: true, lastCheckStatus: true } });
  const broken = connections.map((c) => ({ c, h: healthOf(c) })).filter(({ h }) => h.tone === "red" || h.tone === "amber");
  if (broken.length === 0) return null;
  const t = await getTranslations();
  const text = (m: string | null) => translateMessage(t as unknown as Translator, m);
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50">
      <ul className="mx-auto max-w-7xl space-y-1 px-4 py-2 text-sm text-amber-900">
        {broken.map(({ c, h }) => (
          <li key={c.id}><strong>{c.name}:</strong> {text(h.advice)} <Link className="underline" href={`/d/${slug}/settings/connections`}>{t("health.seeConnections")}</Link></li>
        ))}
      </ul>
    </div>
  );
}
