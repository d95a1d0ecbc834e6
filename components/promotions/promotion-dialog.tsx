"use client";
/**
 * The confirmation before a paid promotion, for one car (car page) or a selection (grid): it says
 * that charges apply before anything else, then asks the server for a quote — price per car and
 * where it comes from, total, what is left of the month's budget, which cars are left out and why —
 * and buys only what the dealer saw (the confirmed total travels with the request).
 */
import { useEffect, useRef } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { quotePromotionAction, requestPromotionAction } from "@/app/(dashboard)/d/[dealer]/promotions/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import { formatMoney } from "@/lib/i18n/format";
import { isMessage } from "@/lib/i18n/message";
import type { PaidPromotion } from "@/lib/marketplaces/types";

export interface PromotionRequestDraft {
  kind: PaidPromotion;
  connectionId: string;
  listingIds: string[];
  /** The marketplace's name, for the warning shown before the quote arrives. */
  marketplace: string;
}

export function PromotionDialog({ dealer, draft, onClose, onDone }: { dealer: string; draft: PromotionRequestDraft | null; onClose: () => void; onDone?: () => void }) {
  const t = useTranslations("promotions");
  const text = useMessage();
  const locale = useLocale();
  const format = useFormatter();
  const ref = useRef<HTMLDialogElement>(null);
  const quote = useAction(quotePromotionAction);
  const buy = useAction(requestPromotionAction, { onSuccess: () => onDone?.() });
  const { execute: runQuote, reset: resetQuote } = quote;
  const { reset: resetBuy } = buy;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (draft && !dialog.open) {
      dialog.showModal();
      resetBuy();
      runQuote({ dealer, kind: draft.kind, connectionId: draft.connectionId, listingIds: draft.listingIds });
    }
    if (!draft && dialog.open) {
      dialog.close();
      resetQuote();
    }
  }, [dealer, draft, runQuote, resetQuote, resetBuy]);

  const q = quote.result.data;
  const money = (value: number | null) => (value === null || !q ? "—" : formatMoney(value, q.currency, locale));
  const left = q?.targets.filter((x) => !x.eligible) ?? [];
  const result = buy.result.data;
  const count = draft?.listingIds.length ?? 0;

  return (
    <dialog ref={ref} onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby="promotion-title"
      className="fixed inset-0 m-auto w-full max-w-lg rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40" data-testid="promotion-dialog">
      {draft && (
        <div className="space-y-4 p-5 text-sm">
          <h2 id="promotion-title" className="text-base font-semibold text-slate-900">{t(`dialog.title.${draft.kind}`, { count })}</h2>
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 font-medium text-amber-900">{t("charges", { marketplace: draft.marketplace })}</p>
          {quote.isPending && <p role="status" className="text-slate-600">{t("dialog.loading")}</p>}
          <FormMessage error={quote.result.serverError} />
          {q && !result && (
            <>
              <p className="text-slate-600">{t(`explain.${draft.kind}`, { hours: q.durationHours ?? 0 })}</p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <dt className="text-slate-500">{t("dialog.price")}</dt>
                <dd>{money(q.unitPrice)}{q.priceSource && <span className="text-slate-500"> · {t(`dialog.priceSource.${q.priceSource}`, { marketplace: q.marketplace })}</span>}</dd>
                <dt className="text-slate-500">{t("dialog.cars")}</dt>
                <dd>{q.eligible}</dd>
                <dt className="font-medium text-slate-700">{t("dialog.total")}</dt>
                <dd className="font-semibold" data-testid="promotion-total">{money(q.total)}</dd>
                <dt className="text-slate-500">{t("dialog.budget", { month: format.dateTime(new Date(`${q.budget.month}-15T12:00:00Z`), { month: "long", year: "numeric" }) })}</dt>
                <dd>{q.budget.limit === null ? t("dialog.noBudget") : t("dialog.budgetLine", { spent: money(q.budget.spent), limit: money(q.budget.limit), remaining: money(q.budget.remaining) })}</dd>
              </dl>
              {left.length > 0 && (
                <div>
                  <p className="font-medium text-slate-700">{t("dialog.leftOut", { count: left.length })}</p>
                  <ul className="mt-1 max-h-40 list-disc space-y-0.5 overflow-auto pl-5 text-slate-600">
                    {left.map((x) => <li key={x.listingId}><span className="font-mono text-xs">{x.reference}</span> — {text(x.reason)}</li>)}
                  </ul>
                </div>
              )}
              {q.blocked && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">{text(q.blocked)}</p>}
              <FormMessage error={buy.result.serverError} />
            </>
          )}
          {result && (
            <div role="status" className="space-y-2">
              <p className="font-medium text-emerald-800">{t("dialog.done", { accepted: result.accepted.length, marketplace: draft.marketplace })}</p>
              {result.failed.length > 0 && (
                <div>
                  <p className="text-red-800">{t("dialog.failed", { count: result.failed.length, marketplace: draft.marketplace })}</p>
                  <ul className="list-disc pl-5 text-slate-600">{result.failed.map((f) => <li key={f.reference}><span className="font-mono text-xs">{f.reference}</span> — {isMessage(f.message) ? text(f.message) : <q data-verbatim>{f.message}</q>}{f.code ? ` (${f.code})` : ""}</li>)}</ul>
                </div>
              )}
              {result.unknown.length > 0 && <p className="text-amber-800">{t("dialog.unknown", { count: result.unknown.length })}</p>}
              <p className="text-xs text-slate-500">{t("dialog.followOnCar")}</p>
            </div>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onClose} disabled={buy.isPending}>{result ? t("dialog.close") : t("dialog.cancel")}</Button>
            {q && !result && !q.blocked && q.total !== null && (
              <Button autoFocus disabled={buy.isPending} onClick={() => buy.execute({ dealer, kind: draft.kind, connectionId: draft.connectionId, listingIds: draft.listingIds, expectedTotal: q.total! })}>
                {buy.isPending ? t("dialog.buying") : t("dialog.confirm", { total: money(q.total) })}
              </Button>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}
