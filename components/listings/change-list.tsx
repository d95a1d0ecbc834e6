"use client";
/** A car's changes as a dealer reads them: "Price: € 18.950 → € 17.950", in their language. */
import { useLocale, useTranslations } from "next-intl";
import { formatMileage, formatMoney, formatNumber } from "@/lib/i18n/numbers";
import { ENUM_COLUMNS, type FieldChange } from "@/lib/listings/merge";

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** One field's value in the reader's words (empty, yes/no, money, mileage, translated choices, the dealer's text). */
export function ChangeValue({ field, value, currency, full = false }: { field: string; value: unknown; currency: string; full?: boolean }) {
  const t = useTranslations() as unknown as Translate;
  const locale = useLocale();
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return <span className="text-slate-400">{t("changes.empty")}</span>;
  if (typeof value === "boolean") return <>{t(value ? "common.yes" : "common.no")}</>;
  if (typeof value === "number") {
    if (field === "price") return <>{formatMoney(value, currency, locale)}</>;
    if (field === "mileage") return <>{formatMileage(value, locale)}</>;
    return <>{formatNumber(value, locale, field === "year" ? { useGrouping: false } : {})}</>;
  }
  const e = ENUM_COLUMNS[field as keyof typeof ENUM_COLUMNS];
  if (e && typeof value === "string") return <>{t(`${e.group}.${value}`)}</>;
  if (field === "images" && Array.isArray(value)) return <>{t("changes.photos", { count: value.length })}</>;
  if (field === "features" && Array.isArray(value)) return <span data-verbatim>{(value as { name: string }[]).map((f) => f.name).join(", ")}</span>;
  const text = Array.isArray(value) ? value.join(", ") : String(value);
  if (full || text.length <= 80) return <span data-verbatim>{text}</span>;
  return <span data-verbatim title={text}>{`${text.slice(0, 80)}…`}</span>;
}

export function ChangeList({ changes, currency }: { changes: FieldChange[]; currency: string }) {
  const tf = useTranslations("fields") as unknown as Translate;
  return (
    <ul className="space-y-0.5">
      {changes.map((c) => (
        <li key={c.field} className="text-xs">
          <span className="font-medium text-slate-700">{tf(c.field)}:</span>{" "}
          <span className="text-slate-500 line-through decoration-slate-300"><ChangeValue field={c.field} value={c.from} currency={currency} /></span>{" "}
          <span aria-hidden>→</span> <ChangeValue field={c.field} value={c.to} currency={currency} />
        </li>
      ))}
    </ul>
  );
}
