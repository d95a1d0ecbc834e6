import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CsvImport } from "@/components/listings/csv-import";
import { PageHeader } from "@/components/ui/card";
import { columnKind, csvDelimiter, csvTemplate } from "@/lib/listings/csv";
import { CSV_COLUMNS, ENUM_COLUMNS, csvWriting } from "@/lib/listings/csv-vocabulary";
import { requestLanguage } from "@/lib/i18n/server";
import { requireDealerPage } from "@/lib/tenancy/page";
import { newListingDefaults } from "@/lib/listings/editor-data";
import { recentChangeSets } from "@/lib/listings/changesets";
import { RecentChanges } from "@/components/listings/recent-changes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("csv"))("title") };
}

export default async function ImportPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer, "listings.edit");
  const language = await requestLanguage();
  const [t, tl, template, words, defaults, recent] = await Promise.all([getTranslations("csv"), getTranslations("listings"), csvTemplate(language), csvWriting(language), newListingDefaults(dealer.id), recentChangeSets(dealer.id)]);
  // The template's columns, each with what it holds, in the reader's language.
  const columns = CSV_COLUMNS.map((field) => ({
    field, label: words.header[field]!, kind: columnKind(field),
    choices: ENUM_COLUMNS[field]?.values.map((v) => words.value(field, v)),
  }));
  return (
    <>
      <PageHeader title={t("title")} description={<Link className="text-brand-700 underline" href={`/d/${dealer.slug}/listings`}>{tl("back")}</Link>} />
      <CsvImport dealer={dealer.slug} template={template} delimiter={csvDelimiter(language)} columns={columns} currency={defaults.currency ?? "EUR"} />
      <RecentChanges dealer={dealer.slug} changes={recent} />
    </>
  );
}
