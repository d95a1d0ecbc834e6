import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { EnrolmentChooser } from "@/components/enrolment/enrolment-chooser";
import { Card, PageHeader } from "@/components/ui/card";
import { NotFoundError } from "@/lib/errors";
import { enrolmentChoice } from "@/lib/publications/enrolment";
import { requireDealerPage } from "@/lib/tenancy/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("enrolment"))("pageTitle") };
}

/** Choose which cars a connection publishes (lib/publications/enrolment.ts). Another dealer's connection is not found. */
export default async function EnrolPage({ params }: { params: Promise<{ dealer: string; id: string }> }) {
  const { dealer: slug, id } = await params;
  const access = await requireDealerPage(slug, "publications.enrol");
  const choice = await enrolmentChoice(access, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const t = await getTranslations("enrolment");
  return (
    <>
      <PageHeader
        title={t("title", { connection: choice.connection.name })}
        description={<Link className="text-brand-700 underline" href={`/d/${access.dealer.slug}/settings/connections`}>{t("back")}</Link>}
      />
      <Card>
        <EnrolmentChooser dealer={access.dealer.slug} choice={choice} />
      </Card>
    </>
  );
}
