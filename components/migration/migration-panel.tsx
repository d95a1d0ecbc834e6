"use client";
/**
 * Moving the ads a dealer already has in the marketplace's back office (Blocket Admin): offered as
 * soon as the connection exists. The dealer pastes their ads, sees which car takes over which ad
 * and what happens to everything else, confirms the cars that could not be matched, and runs it
 * (as a sync, followed on the Syncs page). Running it again never sends anything twice.
 */
import { useMemo, useState } from "react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { previewMigrationAction, runMigrationAction, skipMigrationAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/publishing-actions";
import { Badge, tableClass } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import type { CarOutcome, MigrationPlan } from "@/lib/migration/plan";
import type { MigrationStatus } from "@/lib/migration/service";

const TONE: Record<CarOutcome, "green" | "blue" | "amber" | "gray"> = {
  takesOver: "green", new: "blue", newConfirmed: "blue", alreadyLinked: "gray", heldNoPlate: "amber", heldNoPhotos: "amber", heldDuplicatePlate: "amber", notSent: "gray",
};
const GROUPS: { key: "takesOver" | "new" | "held" | "notSent"; outcomes: CarOutcome[] }[] = [
  { key: "held", outcomes: ["heldDuplicatePlate", "heldNoPhotos", "heldNoPlate"] },
  { key: "takesOver", outcomes: ["takesOver"] },
  { key: "new", outcomes: ["new", "newConfirmed", "alreadyLinked"] },
  { key: "notSent", outcomes: ["notSent"] },
];

function Plan({ plan, names, confirmed, onConfirm }: { plan: MigrationPlan; names: { marketplace: string; backOffice: string }; confirmed: Set<string>; onConfirm: (id: string, on: boolean) => void }) {
  const t = useTranslations("migration");
  return (
    <div className="space-y-4">
      {GROUPS.map((g) => {
        const cars = plan.cars.filter((c) => g.outcomes.includes(c.outcome));
        if (cars.length === 0) return null;
        return (
          <section key={g.key} aria-label={t(`group.${g.key}`, { count: cars.length })}>
            <h4 className="font-medium text-slate-800">{t(`group.${g.key}`, { count: cars.length })}</h4>
            <p className="text-xs text-slate-500">{t(`explain.${g.key}`, names)}</p>
            <div className="mt-1 overflow-x-auto">
              <table className={tableClass.table}>
                <thead><tr>
                  <th scope="col" className={tableClass.th}>{t("columns.car")}</th>
                  <th scope="col" className={tableClass.th}>{t("columns.plate")}</th>
                  <th scope="col" className={tableClass.th}>{t("columns.ad", names)}</th>
                  <th scope="col" className={tableClass.th}>{t("columns.outcome")}</th>
                </tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {cars.map((c) => (
                    <tr key={c.listingId} data-testid={`migration-car-${c.reference}`}>
                      <td className={tableClass.td}><span className="font-mono text-xs">{c.reference}</span> <span data-verbatim>{c.title}</span></td>
                      <td className={`${tableClass.td} font-mono text-xs`}>{c.plate ?? "—"}</td>
                      <td className={tableClass.td}>{c.adminAd ? <span>{c.adminAd.remoteId ? <span className="font-mono text-xs">{c.adminAd.remoteId}</span> : t("noAdNumber")}{c.adminAd.title ? <span data-verbatim>{` · ${c.adminAd.title}`}</span> : null}</span> : "—"}</td>
                      <td className={tableClass.td}>
                        <Badge tone={TONE[c.outcome]}>{t(`outcome.${c.outcome}`, names)}</Badge>
                        {(c.outcome === "heldNoPlate" || c.outcome === "newConfirmed") && (
                          <label className="mt-1 flex items-center gap-1 text-xs">
                            <input type="checkbox" checked={confirmed.has(c.listingId)} onChange={(e) => onConfirm(c.listingId, e.target.checked)} />
                            {t("confirmNew", names)}
                          </label>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      <section aria-label={t("unmatchedTitle", { count: plan.unmatchedAdminAds.length })}>
        <h4 className="font-medium text-slate-800">{t("unmatchedTitle", { count: plan.unmatchedAdminAds.length })}</h4>
        <p className="text-xs text-slate-500">{t("explain.unmatched", names)}</p>
        {plan.unmatchedAdminAds.length > 0 && (
          <ul className="mt-1 space-y-0.5 text-sm" data-testid="migration-unmatched">
            {plan.unmatchedAdminAds.map((a) => <li key={a.plate}><span className="font-mono text-xs">{a.plate}</span>{a.remoteId ? ` · ${a.remoteId}` : ""}{a.title ? ` · ${a.title}` : ""}</li>)}
          </ul>
        )}
      </section>
    </div>
  );
}

export function MigrationPanel({ dealer, connectionId, names, status, rehearsal }: {
  dealer: string; connectionId: string; names: { marketplace: string; backOffice: string }; status: MigrationStatus; rehearsal: boolean;
}) {
  const t = useTranslations("migration");
  const text = useMessage();
  const format = useFormatter();
  const [open, setOpen] = useState(status.state === "PENDING");
  const [editing, setEditing] = useState(false);
  const [list, setList] = useState("");
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<"run" | "skip" | null>(null);
  const preview = useAction(previewMigrationAction);
  const run = useAction(runMigrationAction, { onSuccess: () => setConfirming(null) });
  const skip = useAction(skipMigrationAction, { onSuccess: () => { setConfirming(null); setOpen(false); } });
  const plan = preview.result.data?.plan;
  const sending = plan ? plan.counts.takesOver + plan.counts.new + plan.counts.newConfirmed : 0;
  const held = plan ? plan.counts.heldNoPlate + plan.counts.heldNoPhotos + plan.counts.heldDuplicatePlate : 0;
  const confirmedList = useMemo(() => [...confirmed], [confirmed]);
  const setConfirm = (id: string, on: boolean) => {
    const next = new Set(confirmed);
    if (on) next.add(id);
    else next.delete(id);
    setConfirmed(next);
    preview.execute({ dealer, connectionId, list, confirmedNew: [...next] });
  };
  const listId = `migration-list-${connectionId}`;

  return (
    <div className={`rounded-md border p-3 text-sm ${status.state === "PENDING" ? "border-brand-200 bg-brand-50/50" : "border-slate-200"}`} data-testid="migration">
      <h3 className="font-medium text-slate-900">{t("title", names)}</h3>
      {status.state === "PENDING" && <p className="mt-1">{t("question", names)}</p>}
      {status.state === "SKIPPED" && <p className="mt-1 text-slate-600">{t("state.SKIPPED", names)}</p>}
      {status.last && (
        <p className="mt-1 text-slate-600">
          {t("lastRun", {
            when: format.dateTime(new Date(status.last.createdAt), { dateStyle: "medium", timeStyle: "short" }),
            takesOver: status.last.counts.takesOver, created: status.last.counts.new + status.last.counts.newConfirmed,
            held: status.last.counts.heldNoPlate + status.last.counts.heldNoPhotos + status.last.counts.heldDuplicatePlate,
          })}
          {status.last.run && <> {t("lastRunSync", { status: status.last.run.status, done: status.last.run.done, total: status.last.run.total })} <Link className="text-brand-700 underline" href={`/d/${dealer}/syncs`}>{t("syncsLink")}</Link></>}
        </p>
      )}
      <div className="mt-2 flex flex-wrap gap-2">
        {!editing && <Button size="sm" variant={status.state === "PENDING" ? "primary" : "secondary"} onClick={() => { setEditing(true); setOpen(true); }}>{status.state === "PENDING" ? t("start", names) : t("runAgain")}</Button>}
        {status.state === "PENDING" && <Button size="sm" variant="secondary" onClick={() => setConfirming("skip")}>{t("skip")}</Button>}
      </div>
      {open && editing && (
        <div className="mt-3 space-y-3">
          {rehearsal && <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">{t("rehearsalWarning", names)}</p>}
          <div className="space-y-1">
            <label htmlFor={listId} className="block font-medium text-slate-700">{t("listLabel", names)}</label>
            <textarea id={listId} rows={6} value={list} onChange={(e) => setList(e.target.value)} aria-describedby={`${listId}-hint`}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" placeholder={"ABC123;1200000123;Volvo XC60\nDEF456"} />
            <p id={`${listId}-hint`} className="text-xs text-slate-500">{t("listHint")}</p>
          </div>
          <Button size="sm" disabled={preview.isPending} onClick={() => preview.execute({ dealer, connectionId, list, confirmedNew: confirmedList })}>{preview.isPending ? t("previewing") : t("preview")}</Button>
          <FormMessage error={preview.result.serverError} />
          {preview.result.data && (
            <div className="space-y-3" data-testid="migration-preview">
              <p className="font-medium">{t("summary", { takesOver: plan!.counts.takesOver, created: plan!.counts.new + plan!.counts.newConfirmed, held, unmatched: plan!.counts.unmatchedAdminAds })}</p>
              {preview.result.data.problems.length > 0 && (
                <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-2">
                  <p className="font-medium text-amber-900">{t("problemsTitle", { count: preview.result.data.problems.length })}</p>
                  <ul className="text-xs text-amber-900">{preview.result.data.problems.map((p) => <li key={p.line}>{t("line", { line: p.line })}: <span className="font-mono">{p.text}</span> — {text(p.reason)}</li>)}</ul>
                </div>
              )}
              <Plan plan={plan!} names={names} confirmed={confirmed} onConfirm={setConfirm} />
              <Button disabled={run.isPending || rehearsal} onClick={() => setConfirming("run")}>{t("run")}</Button>
            </div>
          )}
          <FormMessage error={run.result.serverError} success={run.hasSucceeded ? t("started") : null} />
          {run.hasSucceeded && <Link className="text-brand-700 underline" href={`/d/${dealer}/syncs`}>{t("syncsLink")}</Link>}
        </div>
      )}
      <FormMessage error={skip.result.serverError} />
      <ConfirmDialog open={confirming === "run"} busy={run.isPending} title={t("runConfirmTitle")} confirmLabel={t("run")}
        onCancel={() => setConfirming(null)} onConfirm={() => run.execute({ dealer, connectionId, list, confirmedNew: confirmedList })}>
        <p>{t("runConfirm", { send: sending, held, marketplace: names.marketplace })}</p>
      </ConfirmDialog>
      <ConfirmDialog open={confirming === "skip"} busy={skip.isPending} title={t("skipConfirmTitle")} confirmLabel={t("skipConfirmButton")}
        onCancel={() => setConfirming(null)} onConfirm={() => skip.execute({ dealer, connectionId })}>
        <p>{t("skipConfirm", names)}</p>
      </ConfirmDialog>
    </div>
  );
}
