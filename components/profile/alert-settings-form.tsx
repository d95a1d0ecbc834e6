"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { updateMyAlertsAction } from "@/app/profile/alert-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { AlertFrequency } from "@/lib/generated/prisma/enums";
import type { MailKind as AlertKind } from "@/lib/alerts/kinds";

const FREQUENCIES: AlertFrequency[] = ["IMMEDIATE", "DAILY", "OFF"];
const KINDS: AlertKind[] = ["TOKEN_REJECTED", "REMOVAL_HOLD", "LISTING_ERRORS", "SYNC_FAILING"];

/** How often, and about what, Forecourt e-mails this user. */
export function AlertSettingsForm({ frequency: initialFrequency, kinds: initialKinds }: { frequency: AlertFrequency; kinds: AlertKind[] }) {
  const t = useTranslations("alertSettings");
  const tc = useTranslations("common");
  const [frequency, setFrequency] = useState<AlertFrequency>(initialFrequency);
  const [kinds, setKinds] = useState<Set<AlertKind>>(new Set(initialKinds));
  const { execute, result, isPending, hasSucceeded } = useAction(updateMyAlertsAction);
  const toggle = (kind: AlertKind, on: boolean) => setKinds((prev) => {
    const next = new Set(prev);
    if (on) next.add(kind);
    else next.delete(kind);
    return next;
  });
  return (
    <form
      className="space-y-5"
      aria-label={t("title")}
      onSubmit={(e) => {
        e.preventDefault();
        execute({ frequency, kinds: KINDS.filter((k) => kinds.has(k)) });
      }}
    >
      <FormMessage error={result.serverError} success={hasSucceeded && !isPending ? t("saved") : null} />
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("frequency")}</legend>
        {FREQUENCIES.map((f) => (
          <label key={f} className="flex min-h-11 items-center gap-3 text-sm sm:min-h-0">
            <input type="radio" name="frequency" value={f} checked={frequency === f} onChange={() => setFrequency(f)} className="h-4 w-4" />
            {t(f)}
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-2" disabled={frequency === "OFF"} aria-describedby="alert-kinds-hint">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("kinds")}</legend>
        {KINDS.map((k) => (
          <label key={k} className={`flex min-h-11 items-center gap-3 text-sm sm:min-h-0 ${frequency === "OFF" ? "text-slate-400" : ""}`}>
            <input type="checkbox" name="kinds" value={k} checked={kinds.has(k)} onChange={(e) => toggle(k, e.target.checked)} className="h-4 w-4" />
            {t(k)}
          </label>
        ))}
        <p id="alert-kinds-hint" className="text-xs text-slate-500">{t("kindsHint")}</p>
      </fieldset>
      <Button type="submit" disabled={isPending}>{isPending ? tc("saving") : t("save")}</Button>
    </form>
  );
}
