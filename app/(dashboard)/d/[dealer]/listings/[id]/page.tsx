import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ListingEditor } from "@/components/listings/listing-editor";
import { ListingView } from "@/components/listings/listing-view";
import { PublicationStatus } from "@/components/listings/publication-status";
import { CarPhotos } from "@/components/listings/car-photos";
import { ListingDiff } from "@/components/sync/listing-diff";
import { listingPreview } from "@/lib/sync/preview";
import { HistoryTimeline } from "@/components/history/history-timeline";
import { PromotionsPanel } from "@/components/promotions/promotions-panel";
import { Badge, PageHeader } from "@/components/ui/card";
import { listingStatusKey, listingStatusTone } from "@/components/listings/labels";
import { can } from "@/lib/auth/permissions";
import { editorConnections, editorListing } from "@/lib/listings/editor-data";
import { promotableConnections } from "@/lib/promotions/view";
import { requireDealerPage } from "@/lib/tenancy/page";
import { photoSettings } from "@/lib/photos/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("listings"))("car") };
}

export default async function ListingPage({ params, searchParams }: { params: Promise<{ dealer: string; id: string }>; searchParams: Promise<{ created?: string; tab?: string }> }) {
  const { dealer: slug, id } = await params;
  const { dealer, role } = await requireDealerPage(slug, "listings.view");
  const [data, connections, promotable] = await Promise.all([editorListing(dealer.id, id), editorConnections(dealer.id), promotableConnections(dealer.id)]);
  if (!data) notFound();
  const previews = await listingPreview(dealer.id, id);
  const channels = Object.fromEntries(connections.map((c) => [c.connectionId, data.channels[c.connectionId] ?? { enabled: c.onByDefault, title: null, description: null, price: null }]));
  const { created: createdFlag, tab } = await searchParams;
  const [t, tStatus] = await Promise.all([getTranslations("listings"), getTranslations("listingStatus")]);
  const created = createdFlag === "1";
  const base = `/d/${dealer.slug}/listings/${id}`;
  return (
    <>
      <PageHeader
        titleIsData
        title={data.listing.title ?? data.listing.reference ?? t("car")}
        description={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-xs">{data.listing.reference}</span>
            <Badge tone={listingStatusTone(data.status)}>{tStatus(listingStatusKey(data.status))}</Badge>
            <Link className="text-brand-700 underline" href={`/d/${dealer.slug}/listings`}>{t("back")}</Link>
          </span>
        }
      />
      {created && <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("created")}</p>}
      <CarPhotos images={data.listing.images ?? []} />
      <PublicationStatus connections={connections} publications={data.publications} listingStatus={data.status} />
      <ListingDiff previews={previews} />
      <PromotionsPanel dealer={dealer.slug} listingId={id} connections={promotable} canBuy={can(role, "promotions.buy")} canEdit={can(role, "listings.edit")}
        excludedChannels={Object.fromEntries(data.publications.map((p) => [p.connectionId, p.excludedChannels]))} />
      <nav aria-label={t("car")} className="mb-4 flex gap-1 border-b border-slate-200">
        {[{ key: undefined, label: t("tabDetails") }, { key: "activity", label: t("tabActivity") }].map((t) => (
          <Link key={t.label} href={t.key ? `${base}?tab=${t.key}` : base} aria-current={tab === t.key ? "page" : undefined}
            className={`border-b-2 px-3 py-2 text-sm font-medium ${tab === t.key ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>{t.label}</Link>
        ))}
      </nav>
      {tab === "activity"
        ? <HistoryTimeline dealer={dealer.slug} listingId={id} showCar={false} />
        : can(role, "listings.edit")
          ? <ListingEditor dealer={dealer.slug} country={dealer.country} id={id} listing={data.listing} channels={channels} connections={connections} referenceLocked={data.referenceLocked} readOnly={false} maxUploadBytes={photoSettings().maxUploadBytes} />
          : <ListingView listing={data.listing} />}
    </>
  );
}
