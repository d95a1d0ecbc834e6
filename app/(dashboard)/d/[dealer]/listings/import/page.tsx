import Link from "next/link";
import { CsvImport } from "@/components/listings/csv-import";
import { PageHeader } from "@/components/ui/card";
import { CSV_COLUMNS } from "@/lib/listings/csv";
import { requireDealerPage } from "@/lib/tenancy/page";

export default async function ImportPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer, "listings.edit");
  return (
    <>
      <PageHeader title="Import cars from CSV" description={<Link className="text-brand-700 underline" href={`/d/${dealer.slug}/listings`}>Back to listings</Link>} />
      <CsvImport dealer={dealer.slug} columns={CSV_COLUMNS as string[]} />
    </>
  );
}
