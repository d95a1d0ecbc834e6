"use client";
/**
 * Bulk edit of the selected cars: price (new amount, by an amount, by a percentage), status and a
 * few common fields → a preview of every car's changes → apply → Undo.
 */
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { bulkEditAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { tableClass } from "@/components/ui/card";
import { useMessage } from "@/components/ui/use-message";
import { ChangeList } from "@/components/listings/change-list";
import { UndoChanges } from "@/components/listings/undo-changes";
import { conventionOf, parseNumber } from "@/lib/i18n/numbers";
import { msg } from "@/lib/i18n/message";
import { LISTING_STATUSES } from "@/lib/listings/schema";
import type { BulkEdit as Edit } from "@/lib/listings/bulk-edit-schema";

type PriceMode = "" | "set" | "amount" | "percent";
const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function BulkEdit({ dealer, ids, onClose, onApplied }: { dealer: string; ids: string[]; onClose: () => void; onApplied: () => void }) {
  const t = useTranslations("listings.bulkEdit");
  const tStatus = useTranslations("listingStatus");
  const text = useMessage();
  const locale = useLocale();
  const [mode, setMode] = useState<PriceMode>("");
  const [amount, setAmount] = useState("");
  const [status, setStatus] = useState("");
  const [city, setCity] = useState("");
  const [postalCode, setPostalCode] = useState("");
  const preview = useAction(bulkEditAction);
  const apply = useAction(bulkEditAction, { onSuccess: onApplied });

  // The amount is read the reader's way ("5,5" in Dutch); a refused text says why.
  const convention = conventionOf(locale);
  const parsed = mode && amount.trim() ? parseNumber(amount.replace(/%$/, "").trim(), convention, { decimals: 2, allowNegative: mode !== "set" }) : null;
  const amountError = parsed && !parsed.ok ? text(msg(`numbers.${parsed.problem}`, { text: amount, example: convention === "comma-decimal" ? "5,5" : "5.5", group: convention === "comma-decimal" ? "." : ",", decimal: convention === "comma-decimal" ? "," : ".", currency: "" })) : null;

  const edit = (): Edit | null => {
    const fields: Edit["fields"] = {};
    if (status) fields.status = status as Edit["fields"]["status"];
    if (city.trim()) fields.city = city.trim();
    if (postalCode.trim()) fields.postalCode = postalCode.trim();
    const price = mode && parsed?.ok && parsed.value !== null ? { mode, value: parsed.value } : undefined;
    if (mode && !price) return null;
    if (!price && Object.keys(fields).length === 0) return null;
    return { ...(price ? { price } : {}), fields } as Edit;
  };
  const run = (applyIt: boolean) => {
    const e = edit();
    if (!e) return;
    (applyIt ? apply : preview).execute({ dealer, ids, edit: e, apply: applyIt });
  };
  const reset = () => { preview.reset(); apply.reset(); };
  const p = preview.result.data?.preview;
  const applied = apply.result.data?.applied;

  return (
    <section className="space-y-3 rounded-md border border-brand-100 bg-white p-4 text-sm shadow-sm" aria-labelledby="bulk-edit-title" data-testid="bulk-edit">
      <h2 id="bulk-edit-title" className="font-semibold">{t("title", { count: ids.length })}</h2>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("price")}
          <select className={input} value={mode} onChange={(e) => { setMode(e.target.value as PriceMode); reset(); }}>
            <option value="">{t("priceKeep")}</option>
            <option value="set">{t("priceSet")}</option>
            <option value="amount">{t("priceAmount")}</option>
            <option value="percent">{t("pricePercent")}</option>
          </select>
        </label>
        {mode && (
          <label className="flex flex-col text-xs font-medium text-slate-600">{mode === "percent" ? t("percent") : t("amount")}
            <input className={`${input} w-28`} inputMode="decimal" value={amount} onChange={(e) => { setAmount(e.target.value); reset(); }} aria-invalid={!!amountError} />
          </label>
        )}
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("status")}
          <select className={input} value={status} onChange={(e) => { setStatus(e.target.value); reset(); }}>
            <option value="">{t("keep")}</option>
            {LISTING_STATUSES.map((s) => <option key={s} value={s}>{tStatus(s)}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("postalCode")}
          <input className={`${input} w-24`} value={postalCode} onChange={(e) => { setPostalCode(e.target.value); reset(); }} placeholder={t("keep")} />
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("city")}
          <input className={`${input} w-36`} value={city} onChange={(e) => { setCity(e.target.value); reset(); }} placeholder={t("keep")} />
        </label>
        <Button size="sm" variant="secondary" disabled={!edit() || preview.isPending} onClick={() => run(false)}>{preview.isPending ? t("previewing") : t("preview")}</Button>
        <Button size="sm" variant="ghost" onClick={onClose}>{t("close")}</Button>
      </div>
      {amountError && <p role="alert" className="text-sm text-red-700">{amountError}</p>}
      <FormMessage error={preview.result.serverError ?? apply.result.serverError ?? preview.result.validationErrors?.edit?._errors?.[0]} />
      {p && !applied && (
        <>
          <p data-testid="bulk-edit-summary">{t("summary", { changing: p.changing, unchanged: p.unchanged })}</p>
          {p.cars.length > 0 && (
            <div className="max-h-80 overflow-auto">
              <table className={tableClass.table}>
                <thead><tr><th scope="col" className={tableClass.th}>{t("car")}</th><th scope="col" className={tableClass.th}>{t("whatChanges")}</th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {p.cars.map((c) => (
                    <tr key={c.id}>
                      <td className={`${tableClass.td} align-top font-mono text-xs`} data-verbatim>{c.reference}</td>
                      <td className={tableClass.td}>
                        {c.problem ? <span className="text-red-700">{text(c.problem)}</span> : <ChangeList changes={c.changes} currency={c.currency} />}
                        {c.marketplace && <span className={`block text-xs font-semibold ${c.marketplace === "offline" ? "text-red-800" : "text-green-800"}`}>{t(c.marketplace === "offline" ? "goesOffline" : "comesOnline")}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.changing > 0 && <Button size="sm" disabled={apply.isPending} onClick={() => run(true)}>{apply.isPending ? t("applying") : t("apply", { count: p.changing })}</Button>}
        </>
      )}
      {applied && (
        <div className="flex flex-wrap items-center gap-3" role="status">
          <span>{t("applied", { count: applied.updated })}</span>
          {applied.changeSetId && <UndoChanges dealer={dealer} changeSetId={applied.changeSetId} onUndone={onApplied} />}
        </div>
      )}
    </section>
  );
}
