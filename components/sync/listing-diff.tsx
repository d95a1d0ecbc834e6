"use client";
/** The car page's "what the next sync changes", per marketplace: last sent → will send, and what stays. */
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { useMessage } from "@/components/ui/use-message";
import type { ListingPreview } from "@/lib/sync/preview";
import { FieldChangeText, useFieldLabel } from "./field-change";

const TONE = { create: "blue", update: "blue", remove: "red", failed: "red", held: "amber", waiting: "gray", unchanged: "green", off: "gray" } as const;

export function ListingDiff({ previews }: { previews: ListingPreview[] }) {
  const t = useTranslations("diff");
  const tp = useTranslations("preview");
  const text = useMessage();
  const label = useFieldLabel();
  if (previews.length === 0) return null;
  return (
    <section aria-labelledby="next-sync" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="listing-diff">
      <h2 id="next-sync" className="mb-2 font-semibold">{t("heading")}</h2>
      <ul className="space-y-3">
        {previews.map(({ connectionId, connectionName, marketplace, car }) => (
          <li key={connectionId} className="text-sm" data-testid={`diff-${marketplace.label}`}>
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{marketplace.label}</span>
              <span className="text-xs text-slate-500">{connectionName}</span>
              <Badge tone={TONE[car.action]}>{tp(`action.${car.action}`)}</Badge>
              {car.offline && <span className="text-xs text-red-700">{tp(`reason.${car.offline}`)}</span>}
            </p>
            {car.action === "unchanged" && <p className="text-slate-600">{t("nothing", { marketplace: marketplace.label })}</p>}
            {car.diff?.baseline === "unknown" && <p className="text-slate-600">{tp("baselineUnknown")}</p>}
            {car.resend && <p className="text-slate-600">{tp("resend")}</p>}
            {car.diff && car.diff.changes.length > 0 && (
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {car.diff.changes.map((c) => <li key={c.field}><FieldChangeText change={c} currency={marketplace.currency} marketplace={marketplace.label} /></li>)}
              </ul>
            )}
            {car.diff && car.diff.unchanged.length > 0 && (
              <details className="mt-1 text-slate-600">
                <summary className="cursor-pointer">{tp("stays", { count: car.diff.unchanged.length })}</summary>
                <p className="mt-1">{car.diff.unchanged.map(label).join(", ")}</p>
              </details>
            )}
            {car.problems.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-red-700">{car.problems.map((p) => <li key={`${p.field}|${p.code}`}>{text(p.message)}</li>)}</ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
