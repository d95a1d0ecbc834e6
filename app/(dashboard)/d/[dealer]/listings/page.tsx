import Link from "next/link";
import { ListingsGrid } from "@/components/listings/listings-grid";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { connectionLabels } from "@/lib/connections/service";
import { listingMakes, parseGridQuery, queryListingsGrid } from "@/lib/listings/grid";
import { serializeGridQuery } from "@/lib/listings/grid-url";
import { promotableConnections } from "@/lib/promotions/view";
import { requireDealerPage } from "@/lib/tenancy/page";

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
  return (
    <>
      <PageHeader
        title="Listings"
        description="Your inventory, and where each car stands on every marketplace."
        actions={canEdit && (
          <div className="flex gap-2">
            <Link href={`/d/${dealer.slug}/listings/import`} className={buttonClass("secondary")}>Import CSV</Link>
            <Link href={`/d/${dealer.slug}/listings/new`} className={buttonClass("primary")}>Add a car</Link>
          </div>
        )}
      />
      <ListingsGrid
        dealer={dealer.slug}
        currency={dealer.country === "SE" ? "SEK" : "EUR"}
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
