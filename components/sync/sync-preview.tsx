"use client";
/** The dry run before "Sync now": what the next sync would create, update and take offline, per car. */
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { useMessage } from "@/components/ui/use-message";
import { msg } from "@/lib/i18n/message";
import type { SyncPlan } from "@/lib/sync/preview";
import { FieldChangeText } from "./field-change";

const TONE = { create: "blue", update: "blue", remove: "red", failed: "red", held: "amber", waiting: "gray", unchanged: "green", off: "gray" } as const;

/** `holdRunId`: the plan of a waiting removal hold's confirmation (that hold's cars may go offline). */
export function SyncPreview({ dealer, connectionId, holdRunId }: { dealer: string; connectionId: string; holdRunId?: string }) {
  const t = useTranslations("preview");
  const text = useMessage();
  const { data, isError, isPending } = useQuery<SyncPlan>({
    queryKey: ["sync-plan", dealer, connectionId, holdRunId ?? null],
    queryFn: async () => {
      const res = await fetch(`/api/d/${dealer}/syncs/plan?connection=${encodeURIComponent(connectionId)}${holdRunId ? `&hold=${encodeURIComponent(holdRunId)}` : ""}`);
      if (!res.ok) throw new Error(msg("preview.failed"));
      return res.json();
    },
    staleTime: 0,
  });
  if (isPending) return <p role="status" className="text-sm text-slate-600">{t("loading")}</p>;
  if (isError || !data) return <p role="alert" className="text-sm text-red-700">{t("failed")}</p>;
  const offline = data.cars.filter((c) => c.offline && c.action !== "held");
  return (
    <div className="space-y-2 text-sm" data-testid="sync-preview">
      <p>{t("summary", { ...data.counts })}</p>
      {data.hold && <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900">{t("hold", { removals: data.hold.removals, live: data.hold.live })}</p>}
      {offline.length > 0 && <p className="text-red-800">{t("offline", { cars: offline.map((c) => `${c.title || c.reference} (${c.reference}, ${t(`reason.${c.offline!}`)})`).join("; ") })}</p>}
      {data.cars.length === 0 && <p className="text-slate-600">{t("nothing")}</p>}
      {data.cars.length > 0 && (
        <ul className="max-h-80 space-y-2 overflow-auto">
          {data.cars.map((car) => (
            <li key={car.listingId} className="border-t border-slate-100 pt-1">
              <p className="flex flex-wrap items-center gap-2">
                <a className="text-brand-700 underline" href={`/d/${dealer}/listings/${car.listingId}`}><span data-verbatim>{car.title || car.reference}</span></a>
                <span className="font-mono text-xs text-slate-500">{car.reference}</span>
                <Badge tone={TONE[car.action]}>{t(`action.${car.action}`)}</Badge>
                {car.offline && <span className="text-xs text-red-700">{t(`reason.${car.offline}`)}</span>}
              </p>
              {car.diff && car.diff.baseline === "sent" && car.diff.changes.length > 0 && (
                <ul className="list-disc pl-5">{car.diff.changes.map((c) => <li key={c.field}><FieldChangeText change={c} currency={data.marketplace.currency} /></li>)}</ul>
              )}
              {car.diff?.baseline === "unknown" && <p className="text-slate-600">{t("baselineUnknown")}</p>}
              {car.resend && <p className="text-slate-600">{t("resend")}</p>}
              {car.problems.length > 0 && <ul className="list-disc pl-5 text-red-700">{car.problems.map((p) => <li key={`${p.field}|${p.code}`}>{text(p.message)}</li>)}</ul>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
