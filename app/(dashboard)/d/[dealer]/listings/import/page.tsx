import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CsvImport } from "@/components/listings/csv-import";
import { PageHeader } from "@/components/ui/card";
import { csvDelimiter, csvTemplate } from "@/lib/listings/csv";
import { columnGuide } from "@/lib/listings/template";
import { requestLanguage } from "@/lib/i18n/server";
import { requireDealerPage } from "@/lib/tenancy/page";
import { newListingDefaults } from "@/lib/listings/editor-data";
import { recentChangeSets } from "@/lib/listings/changesets";
import { RecentChanges } from "@/components/listings/recent-changes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("spreadsheet"))("title") };
}

export default async function ImportPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer, "listings.edit");
  const language = await requestLanguage();
  const [t, tl, template, guide, defaults, recent] = await Promise.all([getTranslations("spreadsheet"), getTranslations("listings"), csvTemplate(language), columnGuide(language), newListingDefaults(dealer.id), recentChangeSets(dealer.id)]);
  // The template's columns, each with what it holds, an example and whether it is required, in the reader's language.
  const columns = guide.map(({ field, label, kind, holds, example, requiredText }) => ({ field, label, kind, holds, example, requiredText }));
  return (
    <>
      <PageHeader title={t("title")} description={<Link className="text-brand-700 underline" href={`/d/${dealer.slug}/listings`}>{tl("back")}</Link>} />
      <CsvImport dealer={dealer.slug} template={template} delimiter={csvDelimiter(language)} columns={columns} currency={defaults.currency ?? "EUR"} />
      <RecentChanges dealer={dealer.slug} changes={recent} />
    </>
  );
}
