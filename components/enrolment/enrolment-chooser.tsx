"use client";
/**
 * The enrolment screen: the cars a marketplace connection does not publish yet, in two groups —
 * pass its pre-flight now (chosen by default) or need work (each problem in the reader's words,
 * with a link to the car to fix it). Only the chosen cars are published; the next sync sends them.
 * Native checkboxes, so it works by keyboard and stacks on a phone.
 */
import Link from "next/link";
import { useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { enrolCarsAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/enrolment-actions";
import { useProblemText } from "@/components/listings/problem-text";
import { UndoChanges } from "@/components/listings/undo-changes";
import { Button, buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { EnrolmentCar, EnrolmentChoice } from "@/lib/publications/enrolment";

function CarName({ car }: { car: EnrolmentCar }) {
  return (
    <span className="min-w-0">
      <span className="font-mono text-xs text-slate-500" data-verbatim>{car.reference}</span>{" "}
      <span className="font-medium text-slate-900" data-verbatim>{car.title}</span>
    </span>
  );
}

export function EnrolmentChooser({ dealer, choice, onDone }: { dealer: string; choice: EnrolmentChoice; onDone?: () => void }) {
  const t = useTranslations("enrolment");
  const problemText = useProblemText();
  const router = useRouter();
  const { connection, ready, needsWork } = choice;
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(ready.map((c) => c.id)));
  const enrol = useAction(enrolCarsAction, { onSuccess: () => { onDone?.(); router.refresh(); } });
  const done = enrol.result.data;
  const idsError = (enrol.result.validationErrors as { ids?: { _errors?: string[] } } | undefined)?.ids?._errors?.[0];
  const toggle = (id: string) => setChosen((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  const readyIds = useMemo(() => ready.map((c) => c.id), [ready]);
  const words = (p: EnrolmentCar["problems"][number]) => problemText(connection.marketplace, p).text;

  if (done) {
    return (
      <div className="space-y-3" data-testid="enrolment-done">
        <FormMessage success={t("done", { count: done.enrolled, connection: connection.name })} />
        <div className="flex flex-wrap items-center gap-3">
          <Link className={buttonClass("primary", "sm")} href={`/d/${dealer}/syncs`}>{t("toSyncs")}</Link>
          {done.changeSetId && <UndoChanges dealer={dealer} changeSetId={done.changeSetId} />}
        </div>
      </div>
    );
  }

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        enrol.execute({ dealer, connectionId: connection.id, ids: readyIds.filter((id) => chosen.has(id)) });
      }}
    >
      <p className="text-sm text-slate-600">{t("intro", { connection: connection.name, marketplace: connection.marketplaceName })}</p>
      {choice.enrolled > 0 && <p className="text-sm text-slate-600">{t("alreadyEnrolled", { count: choice.enrolled })}</p>}

      <section aria-labelledby="enrol-ready" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="enrol-ready" className="text-base font-semibold text-slate-900">{t("ready", { count: ready.length })}</h2>
          {ready.length > 0 && (
            <div className="flex gap-2">
              <Button type="button" size="sm" variant="secondary" onClick={() => setChosen(new Set(readyIds))}>{t("selectAll")}</Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => setChosen(new Set())}>{t("selectNone")}</Button>
            </div>
          )}
        </div>
        {ready.length === 0
          ? <p className="text-sm text-slate-600">{t("noneReady")}</p>
          : (
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="enrolment-ready">
              {ready.map((car) => (
                <li key={car.id} className="px-3 py-2">
                  <label className="flex cursor-pointer items-start gap-3">
                    <input type="checkbox" className="mt-1 size-4 shrink-0" checked={chosen.has(car.id)} onChange={() => toggle(car.id)} aria-describedby={car.problems.length ? `warn-${car.id}` : undefined} />
                    <CarName car={car} />
                  </label>
                  {car.problems.length > 0 && (
                    <ul id={`warn-${car.id}`} className="ml-7 mt-1 list-disc pl-4 text-xs text-amber-800">
                      {car.problems.map((p, i) => <li key={i}>{words(p)}</li>)}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
      </section>

      <section aria-labelledby="enrol-work" className="space-y-2">
        <h2 id="enrol-work" className="text-base font-semibold text-slate-900">{t("needsWork", { count: needsWork.length })}</h2>
        {needsWork.length > 0 && <p className="text-sm text-slate-600">{t("needsWorkHint", { marketplace: connection.marketplaceName })}</p>}
        {needsWork.length > 0 && (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="enrolment-needs-work">
            {needsWork.map((car) => (
              <li key={car.id} className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0 space-y-1">
                  <CarName car={car} />
                  <ul className="list-disc pl-4 text-sm text-red-800">
                    {car.problems.filter((p) => p.severity === "error").map((p, i) => <li key={i}>{words(p)}</li>)}
                  </ul>
                </div>
                <Link className={`${buttonClass("secondary", "sm")} shrink-0 self-start`} href={`/d/${dealer}/listings/${car.id}`}>
                  {t("fix")}<span className="sr-only"> <span data-verbatim>{car.reference}</span></span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <FormMessage error={idsError ?? enrol.result.serverError} />
      {/* Stays in view on a long list (a phone in the lot); absent while nothing can be chosen. */}
      {ready.length > 0 && (
        <div className="sticky bottom-0 -mx-5 flex flex-wrap items-center gap-3 border-t border-slate-100 bg-white px-5 py-3">
          <Button type="submit" disabled={enrol.isPending || chosen.size === 0}>
            {enrol.isPending ? t("publishing") : t("publish", { count: readyIds.filter((id) => chosen.has(id)).length, connection: connection.name })}
          </Button>
          <span className="text-sm text-slate-600">{t("nextSync")}</span>
        </div>
      )}
    </form>
  );
}
