import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ListingEditor } from "@/components/listings/listing-editor";
import { PageHeader } from "@/components/ui/card";
import { editorConnections, newListingDefaults } from "@/lib/listings/editor-data";
import { requireDealerPage } from "@/lib/tenancy/page";
import { photoSettings } from "@/lib/photos/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("listings"))("addCar") };
}

export default async function NewListingPage({ params }: { params: Promise<{ dealer: string }> }) {
  const { dealer } = await requireDealerPage((await params).dealer, "listings.edit");
  const [connections, defaults] = await Promise.all([editorConnections(dealer.id), newListingDefaults(dealer.id)]);
  const t = await getTranslations("listings");
  // A new car is offered to every marketplace, with its pre-flight shown live as the dealer types
  // (docs/decisions/enrolment.md); unticking one leaves it out.
  const channels = Object.fromEntries(connections.map((c) => [c.connectionId, { enabled: true, title: null, description: null, price: null }]));
  return (
    <>
      <PageHeader title={t("addCar")} description={<Link className="text-brand-700 underline" href={`/d/${dealer.slug}/listings`}>{t("back")}</Link>} />
      <ListingEditor dealer={dealer.slug} listing={defaults} channels={channels} connections={connections} referenceLocked={false} readOnly={false} maxUploadBytes={photoSettings().maxUploadBytes} />
    </>
  );
}
