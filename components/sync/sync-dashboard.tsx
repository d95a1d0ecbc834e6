"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { useFormatter, useTranslations } from "next-intl";
import { cancelSyncAction, confirmRemovalsAction, importRemoteAction, syncNowAction } from "@/app/(dashboard)/d/[dealer]/syncs/actions";
import { Badge, Card, tableClass } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import { HeldBanner } from "@/components/migration/held-banner";
import { ImportReport } from "@/components/sync/import-report";
import { msg } from "@/lib/i18n/message";
import type { SyncsOverview } from "@/lib/sync/overview";
import { HoldPlan } from "./hold-plan";
import { SyncPreview } from "./sync-preview";

const RunsChart = dynamic(() => import("@/components/sync/runs-chart"), { ssr: false, loading: () => <div className="h-56" /> });

type Run = SyncsOverview["runs"][number];
const OPEN = new Set(["QUEUED", "RUNNING"]);
/** Tone per run status; the words are `syncs.status.*`. */
const TONE = { QUEUED: "blue", RUNNING: "blue", SUCCEEDED: "green", PARTIAL: "amber", FAILED: "red", CANCELLED: "gray", NEEDS_CONFIRMATION: "amber" } as const;

/** Dates and times the reader's way, in the request's time zone (the dealer's). */
function useWhen() {
  const format = useFormatter();
  return (iso: string | null, style: "short" | "time" = "short") =>
    iso ? format.dateTime(new Date(iso), style === "time" ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" }) : "—";
}

function Progress({ run, now }: { run: Run; now: string }) {
  const t = useTranslations("syncs.progress");
  const open = OPEN.has(run.status);
  const pct = run.total > 0 ? Math.round((run.done / run.total) * 100) : open ? 0 : 100;
  const elapsed = run.startedAt ? (Date.parse(now) - Date.parse(run.startedAt)) / 1000 : 0;
  const rate = elapsed > 1 && run.done > 0 ? run.done / elapsed : null;
  const left = rate && run.total > run.done ? Math.ceil((run.total - run.done) / rate) : null;
  return (
    <div className="space-y-1" data-testid="sync-progress">
      <div role="progressbar" aria-label={t("label", { name: run.connectionName })} aria-valuemin={0} aria-valuemax={run.total || 1} aria-valuenow={run.done} className="h-3 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-600">
        {run.status === "QUEUED" ? t("waiting") : t(open ? "done" : "checked", { done: run.done, total: run.total })}
        {open && rate ? ` · ${t("rate", { rate: Math.round(rate * 10) / 10 })}` : ""}
        {open && left !== null ? ` · ${left < 60 ? t("secondsLeft", { seconds: left }) : t("minutesLeft", { minutes: Math.ceil(left / 60) })}` : ""}
        {open && run.cancelRequested ? ` · ${t("stopping")}` : ""}
      </p>
    </div>
  );
}

export function SyncDashboard({ dealer, canRun, canConfirm, canImport, initial }: { dealer: string; canRun: boolean; canConfirm: boolean; canImport: boolean; initial: SyncsOverview }) {
  const t = useTranslations("syncs");
  const text = useMessage();
  const when = useWhen();
  const { data = initial, refetch } = useQuery<SyncsOverview>({
    queryKey: ["syncs", dealer],
    queryFn: async () => {
      const res = await fetch(`/api/d/${dealer}/syncs`);
      if (!res.ok) throw new Error(msg("syncs.refreshFailed"));
      return res.json();
    },
    initialData: initial,
    // Live while something runs; calm otherwise.
    refetchInterval: (q) => (q.state.data?.runs.some((r) => OPEN.has(r.status)) ? 1000 : 10_000),
  });
  const start = useAction(syncNowAction, { onSuccess: () => refetch() });
  const cancel = useAction(cancelSyncAction, { onSuccess: () => refetch() });
  const confirm = useAction(confirmRemovalsAction, { onSuccess: () => refetch() });
  const importer = useAction(importRemoteAction, { onSuccess: () => refetch() });
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const [previewing, setPreviewing] = useState<string | null>(null);
  const tp = useTranslations("preview");
  const error = start.result.serverError ?? cancel.result.serverError ?? confirm.result.serverError ?? importer.result.serverError;

  const tags = new Map(data.connections.map((c) => [c.id, c.marketplace.tag]));
  const chart = [...data.runs].filter((r) => !OPEN.has(r.status)).slice(0, 12).reverse()
    .map((r) => ({ label: `${tags.get(r.connectionId) ?? r.marketplace.slice(0, 2)} ${when(r.queuedAt, "time")}`, ok: r.created + r.updated + r.removed, unchanged: r.unchanged, failed: r.failed }));

  return (
    <div className="space-y-6">
      <FormMessage error={error} />
      {data.connections.length === 0 && <Card><p className="text-sm text-slate-600">{t("noConnection")}</p></Card>}
      <div className="grid gap-4 md:grid-cols-2">
        {data.connections.map((c) => {
          const latest = data.runs.find((r) => r.connectionId === c.id);
          const open = latest && OPEN.has(latest.status) ? latest : null;
          // A hold waits until an admin acts, whatever ran after it.
          const waiting = data.runs.find((r) => r.connectionId === c.id && r.status === "NEEDS_CONFIRMATION") ?? null;
          return (
            <section key={c.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={`conn-${c.id}`} data-testid={`sync-card-${c.name}`}>
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h2 id={`conn-${c.id}`} className="font-semibold">{c.name}</h2>
                  <p className="text-xs text-slate-500">{c.marketplace.name} · {t("every", { minutes: c.syncIntervalMinutes })} · {t("lastSync", { time: when(c.lastSyncedAt) })}</p>
                </div>
                {canRun && (
                  <Button size="sm" disabled={!!open || !c.enabled || start.isPending} onClick={() => start.execute({ dealer, connectionId: c.id })}>
                    {open ? t("syncing") : t("syncNow")}
                  </Button>
                )}
              </div>
              {!c.enabled && <p className="mt-2 text-sm text-slate-600">{t("disabled")}</p>}
              {c.enabled && !open && (
                <div className="mt-2">
                  <Button size="sm" variant="secondary" aria-expanded={previewing === c.id} onClick={() => setPreviewing(previewing === c.id ? null : c.id)}>
                    {previewing === c.id ? tp("close") : tp("open")}
                  </Button>
                  {previewing === c.id && <div className="mt-2"><SyncPreview dealer={dealer} connectionId={c.id} /></div>}
                </div>
              )}
              {c.held && <HeldBanner dealer={dealer} marketplace={c.marketplace.name} backOffice={c.marketplace.backOffice ?? ""} />}
              {open && (
                <div className="mt-3 space-y-2">
                  <Progress run={open} now={data.now} />
                  {canRun && !open.cancelRequested && <Button size="sm" variant="secondary" onClick={() => cancel.execute({ dealer, runId: open.id })}>{t("cancel")}</Button>}
                </div>
              )}
              {latest && !open && (
                <div className="mt-3 space-y-2 text-sm">
                  {latest.status !== "NEEDS_CONFIRMATION" && <Progress run={latest} now={data.now} />}
                  <p><Badge tone={TONE[latest.status]}>{t(`status.${latest.status}`)}</Badge>{" "}
                  <span className="text-slate-600">{t("counts", { created: latest.created, updated: latest.updated, removed: latest.removed, unchanged: latest.unchanged, failed: latest.failed })}</span></p>
                  {latest.message && latest.status !== "SUCCEEDED" && <p className="mt-1 text-slate-700">{text(latest.message)}</p>}
                  {latest.failed > 0 && <p className="mt-1"><Link className="text-brand-700 underline" href={`/d/${dealer}/activity?state=failed`}>{t("seeFailed")}</Link></p>}
                </div>
              )}
              {waiting && (
                <div role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="removal-hold">
                  <p>{t("guard.held", { count: waiting.pendingRemovals })}</p>
                  {waiting.heldRemovals.length > 0 && (
                    <>
                      <p className="mt-2 font-medium">{t("guard.cars")}</p>
                      <ul className="mt-1 max-h-56 list-disc overflow-auto pl-5">
                        {waiting.heldRemovals.map((car) => (
                          <li key={car.listingId}><Link className="underline" href={`/d/${dealer}/listings/${car.listingId}`}><span data-verbatim>{car.title || car.reference}</span></Link> <span className="font-mono text-xs">{car.reference}</span> — {tp(`reason.${car.reason}`)}</li>
                        ))}
                      </ul>
                      {waiting.pendingRemovals > waiting.heldRemovals.length && <p>{t("guard.more", { count: waiting.pendingRemovals - waiting.heldRemovals.length })}</p>}
                    </>
                  )}
                  {canConfirm ? (
                    <div className="mt-2 flex flex-wrap gap-2">
                      <Button size="sm" variant="danger" disabled={confirm.isPending} onClick={() => confirm.execute({ dealer, runId: waiting.id, listingIds: waiting.heldRemovals.map((car) => car.listingId) })}>{t("guard.remove", { count: waiting.heldRemovals.length || waiting.pendingRemovals })}</Button>
                      <Button size="sm" variant="secondary" onClick={() => cancel.execute({ dealer, runId: waiting.id })}>{t("guard.cancel")}</Button>
                    </div>
                  ) : <p className="mt-1">{t("guard.askAdmin")} {data.confirmers.length ? t("guard.whoCan", { names: data.confirmers.join(", ") }) : t("guard.noAdmin")}</p>}
                  <HoldPlan dealer={dealer} connectionId={c.id} connectionName={c.name} runId={waiting.id} />
                </div>
              )}
              {latest && latest.remoteOnly.length > 0 && canImport && c.marketplace.canImport && (
                <details className="mt-3 rounded-md border border-slate-200 p-3 text-sm">
                  <summary className="cursor-pointer font-medium">{t("remoteOnly.offer", { count: latest.remoteOnly.length, marketplace: c.marketplace.label })}</summary>
                  <ul className="mt-2 max-h-48 space-y-1 overflow-auto">
                    {latest.remoteOnly.map((ad) => (
                      <li key={ad.reference}>
                        <label className="flex items-center gap-2"><input type="checkbox" checked={!!picked[ad.reference]} onChange={(e) => setPicked((p) => ({ ...p, [ad.reference]: e.target.checked }))} />
                          <span className="font-mono text-xs" data-verbatim>{ad.reference}</span> <span data-verbatim>{ad.title ?? ""}</span> <span className="text-xs text-slate-500">({t.has(`remoteStatus.${ad.status}` as "remoteStatus.live") ? t(`remoteStatus.${ad.status}` as "remoteStatus.live") : ad.status})</span></label>
                      </li>
                    ))}
                  </ul>
                  <Button size="sm" className="mt-2" disabled={importer.isPending || !Object.values(picked).some(Boolean)}
                    onClick={() => importer.execute({ dealer, connectionId: c.id, references: Object.keys(picked).filter((k) => picked[k]) })}>{t("remoteOnly.import")}</Button>
                  {importer.result.data && <ImportReport result={importer.result.data} />}
                </details>
              )}
            </section>
          );
        })}
      </div>

      {chart.length > 0 && <Card title={t("recent")}>{<RunsChart runs={chart} />}</Card>}

      <Card title={t("history")}>
        <div className="overflow-x-auto">
          <table className={tableClass.table}>
            <thead><tr>{(["started", "connection", "trigger", "status", "created", "updated", "removed", "unchanged", "failed", "requests"] as const).map((h) => <th key={h} scope="col" className={tableClass.th}>{t(`columns.${h}`)}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100">
              {data.runs.length === 0 && <tr><td colSpan={10} className="px-3 py-6 text-center text-slate-500">{t("none")}</td></tr>}
              {data.runs.map((r) => (
                <tr key={r.id}>
                  <td className={`${tableClass.td} whitespace-nowrap`}>{when(r.startedAt ?? r.queuedAt)}</td>
                  <td className={tableClass.td}>{r.connectionName}</td>
                  <td className={tableClass.td}>{t(`trigger.${r.trigger}`)}</td>
                  <td className={tableClass.td}><Badge tone={TONE[r.status]}>{t(`status.${r.status}`)}</Badge></td>
                  <td className={tableClass.td}>{r.created}</td><td className={tableClass.td}>{r.updated}</td><td className={tableClass.td}>{r.removed}</td>
                  <td className={tableClass.td}>{r.unchanged}</td><td className={tableClass.td}>{r.failed}</td><td className={tableClass.td}>{r.requests}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
