import { Badge, PageHeader, tableClass } from "@/components/ui/card";
import { StatusButton } from "@/components/listings/status-button";
import { can } from "@/lib/auth/permissions";
import { recentListings } from "@/lib/listings/queries";
import { requireDealerPage } from "@/lib/tenancy/page";

const STATUS_TONE = { ACTIVE: "green", RESERVED: "amber", DRAFT: "gray", SOLD: "blue" } as const;
const STATUS_LABEL = { ACTIVE: "Active", RESERVED: "Reserved", DRAFT: "Draft", SOLD: "Sold" } as const;

export default async function ListingsPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer, role } = await requireDealerPage((await params).dealer, "listings.view");
  const listings = await recentListings(dealer.id);
  const canEdit = can(role, "listings.edit");
  const money = new Intl.NumberFormat(dealer.country === "SE" ? "sv-SE" : "nl-BE", { style: "currency", currency: dealer.country === "SE" ? "SEK" : "EUR", maximumFractionDigits: 0 });
  return (
    <>
      <PageHeader title="Listings" description="Your inventory. The full editor, grid, filters and CSV import arrive with the listings module." />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className={tableClass.table}>
          <caption className="sr-only">Listings of {dealer.name}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={tableClass.th}>Reference</th>
              <th scope="col" className={tableClass.th}>Car</th>
              <th scope="col" className={tableClass.th}>Year</th>
              <th scope="col" className={tableClass.th}>Mileage</th>
              <th scope="col" className={tableClass.th}>Price</th>
              <th scope="col" className={tableClass.th}>Status</th>
              {canEdit && <th scope="col" className={tableClass.th}><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {listings.length === 0 && (
              <tr><td colSpan={7} className="px-3 py-8 text-center text-slate-500">No listings yet.</td></tr>
            )}
            {listings.map((l) => (
              <tr key={l.id} className={tableClass.row}>
                <td className={`${tableClass.td} font-mono text-xs`}>{l.reference}</td>
                <td className={tableClass.td}>{l.title}</td>
                <td className={tableClass.td}>{l.year ?? "—"}</td>
                <td className={tableClass.td}>{l.mileage != null ? `${l.mileage.toLocaleString("en")} km` : "—"}</td>
                <td className={tableClass.td}>{l.price != null ? money.format(l.price) : "—"}</td>
                <td className={tableClass.td}><Badge tone={STATUS_TONE[l.status]}>{STATUS_LABEL[l.status]}</Badge></td>
                {canEdit && (
                  <td className={`${tableClass.td} text-right`}>
                    {l.status === "SOLD"
                      ? <StatusButton dealer={dealer.slug} listingId={l.id} status="active" label="Put back on sale" />
                      : <StatusButton dealer={dealer.slug} listingId={l.id} status="sold" label="Mark sold" />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
