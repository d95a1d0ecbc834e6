"use client";
/** A car as a viewer reads it: every field that has a value, no form, and a word on why. */
import { useTranslations } from "next-intl";
import { ChangeValue } from "@/components/listings/change-list";
import type { Listing } from "@/lib/listings/schema";

/** The editor's sections, in its order; a field without a value is left out. */
const SECTIONS: { key: "basics" | "vehicle" | "location" | "blocket"; fields: (keyof Listing)[] }[] = [
  { key: "basics", fields: ["reference", "status", "title", "price", "currency", "description"] },
  { key: "vehicle", fields: ["make", "model", "variant", "customType", "year", "firstRegistration", "mileage", "fuelType", "transmission", "bodyType", "engine", "driveType", "gears", "powerKw", "color", "interiorColor", "interiorMaterial", "doors", "seats", "weight", "previousOwners", "serviceHistory", "warranty", "warrantyMonths", "co2Emission", "co2Type", "emissionClass", "paintType", "fuelConsumption", "condition", "conditionTags", "vatRegime", "vin", "carPassUrl", "features"] },
  { key: "location", fields: ["postalCode", "city", "province", "latitude", "longitude"] },
  { key: "blocket", fields: ["blocketCategory", "registrationNumber", "registrationNumberHidden", "blocketBrand", "blocketModel", "contactName", "contactPhone", "contactEmail"] },
];

const empty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

export function ListingView({ listing }: { listing: Partial<Listing> }) {
  const t = useTranslations("editor");
  const tf = useTranslations("fields") as unknown as (key: string) => string;
  const currency = listing.currency ?? "EUR";
  return (
    <div className="space-y-6" data-testid="listing-view">
      <p role="note" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">{t("readOnlyNote")}</p>
      {(listing.images?.length ?? 0) > 0 && (
        <ul className="flex gap-2 overflow-x-auto" aria-label={tf("images")}>
          {listing.images!.map((src, i) => (
            // eslint-disable-next-line @next/next/no-img-element -- the car's own photo URLs, shown as they are
            <li key={src}><img src={src} alt={`${tf("images")} ${i + 1}`} className="h-24 w-32 rounded object-cover" loading="lazy" /></li>
          ))}
        </ul>
      )}
      {SECTIONS.map((section) => {
        const shown = section.fields.filter((field) => !empty(listing[field]));
        if (shown.length === 0) return null;
        return (
          <section key={section.key} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={`view-${section.key}`}>
            <h2 id={`view-${section.key}`} className="text-base font-semibold text-slate-900">{t(section.key)}</h2>
            <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
              {shown.map((field) => (
                <div key={field} className={field === "description" || field === "features" ? "sm:col-span-2 lg:col-span-3" : undefined}>
                  <dt className="text-xs font-medium text-slate-500">{tf(field)}</dt>
                  <dd className="mt-0.5 whitespace-pre-line text-sm text-slate-900"><ChangeValue field={field} value={listing[field]} currency={currency} full /></dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
