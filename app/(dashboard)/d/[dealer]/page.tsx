import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { listingCounts } from "@/lib/listings/queries";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function DealerOverview({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer);
  const counts = await listingCounts(dealer.id);
  const stats = [
    { label: "Active", value: counts.ACTIVE ?? 0 },
    { label: "Reserved", value: counts.RESERVED ?? 0 },
    { label: "Drafts", value: counts.DRAFT ?? 0 },
    { label: "Sold", value: counts.SOLD ?? 0 },
  ];
  return (
    <>
      <PageHeader title={dealer.name} description={dealer.country === "BE" ? "Belgium · publishes to Okasie" : "Sweden · publishes to Blocket/Bytbil"} />
      <div className="grid gap-4 sm:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-sm text-slate-500">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold">{s.value}</p>
          </div>
        ))}
      </div>
      <div className="mt-6">
        <Card title="Next steps">
          <ul className="list-inside list-disc space-y-1 text-sm text-slate-700">
            <li><Link className="text-brand-700 underline" href={`/d/${dealer.slug}/listings`}>Review your listings</Link></li>
            <li><Link className="text-brand-700 underline" href={`/d/${dealer.slug}/syncs`}>See marketplace syncs</Link></li>
          </ul>
        </Card>
      </div>
    </>
  );
}
