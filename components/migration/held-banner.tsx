"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";

/** On the Syncs page: a connection that sends nothing until an admin decides about the back-office ads. */
export function HeldBanner({ dealer, marketplace, backOffice }: { dealer: string; marketplace: string; backOffice: string }) {
  const t = useTranslations("migration");
  return (
    <p role="status" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="migration-held-banner">
      {t("heldBanner", { marketplace, backOffice })} <Link className="underline" href={`/d/${dealer}/settings/connections`}>{t("heldLink")}</Link>
    </p>
  );
}
