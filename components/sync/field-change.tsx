"use client";
/**
 * One field of a diff as a dealer reads it: "Price € 21.950 → € 20.950", numbers, money and
 * mileage formatted the reader's way; photos as what happened to them. Values are data (shown as
 * they are); field names come from the catalog.
 */
import { useLocale, useTranslations } from "next-intl";
import { formatMileage, formatMoney, formatNumber } from "@/lib/i18n/format";
import type { FieldChange } from "@/lib/sync/diff";

export function useFieldLabel() {
  const fields = useTranslations("fields");
  const diff = useTranslations("diff");
  return (field: string) => (field === "visible" ? diff("visible") : fields.has(field as "price") ? fields(field as "price") : field);
}

function useValue(currency: string) {
  const locale = useLocale();
  const t = useTranslations("diff");
  const status = useTranslations("listingStatus");
  return (kind: FieldChange["kind"], value: unknown): string => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return t("empty");
    if (kind === "money" && typeof value === "number") return formatMoney(value, currency, locale);
    if (kind === "mileage" && typeof value === "number") return formatMileage(value, locale);
    if (typeof value === "number") return formatNumber(value, locale);
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (kind === "status" && typeof value === "string" && status.has(value as "draft")) return status(value as "draft");
    if (kind === "photos" && Array.isArray(value)) return t("photoCount", { count: value.length });
    if (Array.isArray(value)) return value.join(", ");
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  };
}

export function FieldChangeText({ change, currency, marketplace }: { change: FieldChange; currency: string; marketplace?: string }) {
  const t = useTranslations("diff");
  const label = useFieldLabel();
  const value = useValue(currency);
  const photos = change.photos;
  return (
    <span data-testid={`change-${change.field}`}>
      {marketplace ? `${marketplace}: ` : ""}
      <span className="font-medium">{label(change.field)}</span>{" "}
      {photos && photos.added === 0 && photos.removed === 0
        ? t("photosReordered")
        : <><span data-verbatim className="text-slate-500 line-through decoration-slate-300">{value(change.kind, change.before)}</span> → <span data-verbatim>{value(change.kind, change.after)}</span>
          {photos ? ` (${t("photosChanged", { added: photos.added, removed: photos.removed })}${photos.reordered ? `, ${t("photosReordered")}` : ""})` : ""}</>}
    </span>
  );
}
