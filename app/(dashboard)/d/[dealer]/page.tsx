import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { db } from "@/lib/db";
import { healthOf } from "@/lib/connections/service";
import { translateMessage, type Translator } from "@/lib/i18n/message";
import { listingCounts } from "@/lib/listings/queries";
import { requireDealerPage } from "@/lib/tenancy/page";
import { can } from "@/lib/auth/permissions";
import { confirmersOf, openHolds } from "@/lib/sync/holds";
import { shownStateCounts } from "@/lib/publications/shown-counts";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("overview") };
}

export default async function DealerOverview({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer);
  const [holds, confirmers, tp, ts, counts, connections, shown, t, tc, all, format] = await Promise.all([
    openHolds(dealer.id), confirmersOf(dealer.id), getTranslations("preview"), getTranslations("syncs.guard"),
    listingCounts(dealer.id),
    db.connection.findMany({ where: { dealerId: dealer.id, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, marketplace: true, enabled: true, lastCheckStatus: true, lastSyncedAt: true } }),
    shownStateCounts(dealer.id),
    getTranslations("overview"),
    getTranslations("countries"),
    getTranslations(),
    getFormatter(),
  ]);
  // The same states as the badges on the grid and the car page (lib/publications/shown-state.ts).
  const count = (connectionId: string, state: "live" | "processing" | "failed" | "blocked") => shown.get(connectionId)?.[state] ?? 0;
  const stats = [
    { label: t("forSale"), value: counts.ACTIVE ?? 0 },
    { label: t("reserved"), value: counts.RESERVED ?? 0 },
    { label: t("drafts"), value: counts.DRAFT ?? 0 },
    { label: t("sold"), value: counts.SOLD ?? 0 },
  ];
  return (
    <>
      <PageHeader title={dealer.name} description={tc(dealer.country)} />
      {holds.map((hold) => (
        <section key={hold.runId} role="alert" data-testid="overview-hold" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-semibold">{t("hold", { marketplace: hold.marketplaceLabel, count: hold.cars.length })}</p>
          <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5">
            {hold.cars.map((car) => <li key={car.listingId}><Link className="underline" href={`/d/${dealer.slug}/listings/${car.listingId}`}><span data-verbatim>{car.title || car.reference}</span></Link> <span className="font-mono text-xs">{car.reference}</span> — {tp(`reason.${car.reason}`)}</li>)}
          </ul>
          <p className="mt-2">
            <Link className="font-medium underline" href={`/d/${dealer.slug}/syncs`}>{can(role, "syncs.confirmRemoval") ? t("holdReview") : t("holdSee")}</Link>
            {!can(role, "syncs.confirmRemoval") && <> · {confirmers.length ? ts("whoCan", { names: confirmers.join(", ") }) : ts("noAdmin")}</>}
          </p>
        </section>
      ))}
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
              const live = count(c.id, "live");
              const processing = count(c.id, "processing");
              const failing = count(c.id, "failed");
              const blocked = count(c.id, "blocked");
              const marketplace = isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace).label : c.marketplace;
              return (
                <li key={c.id} className="flex flex-wrap items-center gap-3 py-3 text-sm">
                  <span className="font-medium">{c.name}</span>
                  <Badge tone={health.tone}>{translateMessage(all as unknown as Translator, health.label)}</Badge>
                  <span className="text-slate-600">{t("live", { count: live })}</span>
                  {processing > 0 && <Link className="text-slate-600 underline" href={`/d/${dealer.slug}/listings?market=${c.id}:processing`}>{t("processing", { count: processing, marketplace })}</Link>}
                  {failing > 0 && <Link className="text-red-700 underline" href={`/d/${dealer.slug}/listings?market=${c.id}:failed`}>{t("withError", { count: failing })}</Link>}
                  {blocked > 0 && <span className="text-amber-800">{t("blocked", { count: blocked })}</span>}
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
