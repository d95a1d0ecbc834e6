import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { db } from "@/lib/db";
import { healthOf } from "@/lib/connections/service";
import { translateMessage, type Translator } from "@/lib/i18n/message";
import { listingCounts } from "@/lib/listings/queries";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("overview") };
}

export default async function DealerOverview({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer);
  const [counts, connections, errors, t, tc, all, format] = await Promise.all([
    listingCounts(dealer.id),
    db.connection.findMany({ where: { dealerId: dealer.id, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, marketplace: true, enabled: true, lastCheckStatus: true, lastSyncedAt: true } }),
    db.publication.groupBy({ by: ["connectionId", "state"], where: { dealerId: dealer.id, state: { in: ["LIVE", "ERROR"] } }, _count: { _all: true } }),
    getTranslations("overview"),
    getTranslations("countries"),
    getTranslations(),
    getFormatter(),
  ]);
  const count = (connectionId: string, state: string) => errors.find((e) => e.connectionId === connectionId && e.state === state)?._count._all ?? 0;
  const stats = [
    { label: t("forSale"), value: counts.ACTIVE ?? 0 },
    { label: t("reserved"), value: counts.RESERVED ?? 0 },
    { label: t("drafts"), value: counts.DRAFT ?? 0 },
    { label: t("sold"), value: counts.SOLD ?? 0 },
  ];
  return (
    <>
      <PageHeader title={dealer.name} description={tc(dealer.country)} />
      <div className="grid gap-4 sm:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-sm text-slate-500">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold">{format.number(s.value)}</p>
          </div>
        ))}
      </div>
      <div className="mt-6">
        <Card title={t("marketplaces")}>
          {connections.length === 0 && <p className="text-sm text-slate-600">{t("noConnection")}</p>}
          <ul className="divide-y divide-slate-100">
            {connections.map((c) => {
              const health = healthOf(c);
              const live = count(c.id, "LIVE");
              const failing = count(c.id, "ERROR");
              return (
                <li key={c.id} className="flex flex-wrap items-center gap-3 py-3 text-sm">
                  <span className="font-medium">{c.name}</span>
                  <Badge tone={health.tone}>{translateMessage(all as unknown as Translator, health.label)}</Badge>
                  <span className="text-slate-600">{t("live", { count: live })}</span>
                  {failing > 0 && <Link className="text-red-700 underline" href={`/d/${dealer.slug}/listings?market=${c.id}:ERROR`}>{t("withError", { count: failing })}</Link>}
                  <span className="ml-auto text-xs text-slate-500">{c.lastSyncedAt ? t("lastSync", { time: format.dateTime(c.lastSyncedAt, { dateStyle: "short", timeStyle: "short" }) }) : t("notSynced")}</span>
                </li>
              );
            })}
          </ul>
          <p className="mt-3 text-sm"><Link className="text-brand-700 underline" href={`/d/${dealer.slug}/syncs`}>{t("syncsLink")}</Link> · <Link className="text-brand-700 underline" href={`/d/${dealer.slug}/activity?state=failed`}>{t("failedLink")}</Link></p>
        </Card>
      </div>
    </>
  );
}
