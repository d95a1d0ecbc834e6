import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ListingsGrid } from "@/components/listings/listings-grid";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { connectionLabels } from "@/lib/connections/service";
import { listingMakes, parseGridQuery, queryListingsGrid } from "@/lib/listings/grid";
import { serializeGridQuery } from "@/lib/listings/grid-url";
import { promotableConnections } from "@/lib/promotions/view";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("listings"))("title") };
}

export default async function ListingsPage({ params, searchParams }: { params: Promise<{ dealer: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "listings.view");
  const query = parseGridQuery(await searchParams);
  const [initial, makes, connections, promotable] = await Promise.all([
    queryListingsGrid(dealer.id, query),
    listingMakes(dealer.id),
    connectionLabels(dealer.id),
    can(role, "promotions.buy") ? promotableConnections(dealer.id) : Promise.resolve([]),
  ]);
  const canEdit = can(role, "listings.edit");
  const t = await getTranslations("listings");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={canEdit && (
          <div className="flex gap-2">
            <Link href={`/d/${dealer.slug}/listings/import`} className={buttonClass("secondary")}>{t("importCsv")}</Link>
            <Link href={`/d/${dealer.slug}/listings/new`} className={buttonClass("primary")}>{t("addCar")}</Link>
          </div>
        )}
      />
      <ListingsGrid
        dealer={dealer.slug}
        canEdit={canEdit}
        canDelete={can(role, "listings.delete")}
        connections={connections}
        makes={makes}
        promotable={promotable}
        initial={{ rows: initial.rows, total: initial.total, key: serializeGridQuery(query) }}
      />
    </>
  );
}
