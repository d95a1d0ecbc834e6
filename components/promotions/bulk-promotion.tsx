"use client";
/** The grid's bulk bar: a paid promotion for every selected car, through the same confirmation as the car page. */
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { PromotableConnection } from "@/lib/promotions/view";
import { PromotionDialog, type PromotionRequestDraft } from "./promotion-dialog";

export function BulkPromotion({ dealer, selectedIds, promotable, onDone }: { dealer: string; selectedIds: string[]; promotable: PromotableConnection[]; onDone: () => void }) {
  const t = useTranslations("promotions");
  const id = useId();
  const [choice, setChoice] = useState("");
  const [draft, setDraft] = useState<PromotionRequestDraft | null>(null);
  if (promotable.length === 0) return null;
  const options = promotable.flatMap((c) => c.kinds.map((k) => ({
    value: `${c.id}|${k.kind}`,
    label: promotable.length > 1 ? t("bulk.optionOn", { kind: t(`kind.${k.kind}`), connection: c.name }) : t(`kind.${k.kind}`),
  })));
  const open = () => {
    const [connectionId, kind] = choice.split("|");
    const connection = promotable.find((c) => c.id === connectionId);
    if (!connection || (kind !== "bump" && kind !== "polePosition")) return;
    setDraft({ kind, connectionId: connection.id, listingIds: selectedIds, marketplace: connection.marketplace });
  };
  return (
    <>
      <label className="sr-only" htmlFor={id}>{t("bulk.label")}</label>
      <select id={id} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{t("bulk.choose")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Button size="sm" variant="secondary" disabled={!choice} onClick={open}>{t("bulk.continue")}</Button>
      <PromotionDialog dealer={dealer} draft={draft} onClose={() => setDraft(null)} onDone={onDone} />
    </>
  );
}
