"use client";
/**
 * "Publish there" for the cars selected in the grid: the same enrolment screen, for those cars
 * only. Turning a marketplace on enrols nothing by itself — the dealer sees which of the cars pass.
 */
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { enrolmentChoiceAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/enrolment-actions";
import { EnrolmentChooser } from "@/components/enrolment/enrolment-chooser";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

export function BulkEnrolment({ dealer, connectionId, ids, onClose, onDone }: { dealer: string; connectionId: string; ids: string[]; onClose: () => void; onDone: () => void }) {
  const t = useTranslations("enrolment");
  const choice = useAction(enrolmentChoiceAction);
  const { execute } = choice;
  useEffect(() => { execute({ dealer, connectionId, ids }); }, [execute, dealer, connectionId, ids]);
  const data = choice.result.data;
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm" aria-labelledby="bulk-enrolment-title" data-testid="bulk-enrolment">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id="bulk-enrolment-title" className="text-base font-semibold text-slate-900">
          {data ? t("bulkTitle", { connection: data.connection.name }) : t("pageTitle")}
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose}>{t("close")}</Button>
      </div>
      {choice.isPending && <p role="status" className="text-sm text-slate-600">{t("loading")}</p>}
      <FormMessage error={choice.result.serverError} />
      {data && <EnrolmentChooser dealer={dealer} choice={data} onDone={onDone} />}
    </section>
  );
}
