"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { cancelSyncAction, confirmRemovalsAction, importRemoteAction, syncNowAction } from "@/app/(dashboard)/d/[dealer]/syncs/actions";
import { Badge, Card, tableClass } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import { HeldBanner } from "@/components/migration/held-banner";
import { ImportReport } from "@/components/sync/import-report";
import type { SyncsOverview } from "@/lib/sync/overview";

const RunsChart = dynamic(() => import("@/components/sync/runs-chart"), { ssr: false, loading: () => <div className="h-56" /> });

type Run = SyncsOverview["runs"][number];
const OPEN = new Set(["QUEUED", "RUNNING"]);
const STATUS = {
  QUEUED: { label: "Queued", tone: "blue" }, RUNNING: { label: "Running", tone: "blue" }, SUCCEEDED: { label: "Done", tone: "green" },
  PARTIAL: { label: "Done with errors", tone: "amber" }, FAILED: { label: "Failed", tone: "red" }, CANCELLED: { label: "Cancelled", tone: "gray" },
  NEEDS_CONFIRMATION: { label: "Waiting for confirmation", tone: "amber" },
} as const;
const TRIGGER = { MANUAL: "Sync now", SAVE: "After a save", SCHEDULE: "Schedule", RECONCILE: "Daily reconcile", POLL: "Status check" } as const;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" }) : "—");

function Progress({ run, now }: { run: Run; now: string }) {
  const open = OPEN.has(run.status);
  const pct = run.total > 0 ? Math.round((run.done / run.total) * 100) : open ? 0 : 100;
  const elapsed = run.startedAt ? (Date.parse(now) - Date.parse(run.startedAt)) / 1000 : 0;
  const rate = elapsed > 1 && run.done > 0 ? run.done / elapsed : null;
  const left = rate && run.total > run.done ? Math.ceil((run.total - run.done) / rate) : null;
  return (
    <div className="space-y-1" data-testid="sync-progress">
      <div role="progressbar" aria-label={`Sync of ${run.connectionName}`} aria-valuemin={0} aria-valuemax={run.total || 1} aria-valuenow={run.done} className="h-3 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-600">
        {run.status === "QUEUED" ? "Waiting for the worker…" : `${run.done.toLocaleString("en")} of ${run.total.toLocaleString("en")} ads${open ? "" : " checked"}`}
        {open && rate ? ` · ${rate.toFixed(1)} ads/s` : ""}{open && left !== null ? ` · about ${left < 60 ? `${left} s` : `${Math.ceil(left / 60)} min`} left` : ""}
        {open && run.cancelRequested ? " · stopping…" : ""}
      </p>
    </div>
  );
}

export function SyncDashboard({ dealer, canRun, canConfirm, canImport, initial }: { dealer: string; canRun: boolean; canConfirm: boolean; canImport: boolean; initial: SyncsOverview }) {
  const { data = initial, refetch } = useQuery<SyncsOverview>({
    queryKey: ["syncs", dealer],
    queryFn: async () => {
      const res = await fetch(`/api/d/${dealer}/syncs`);
      if (!res.ok) throw new Error("Could not refresh the syncs.");
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
  const text = useMessage();
  const error = start.result.serverError ?? cancel.result.serverError ?? confirm.result.serverError ?? importer.result.serverError;

  const tags = new Map(data.connections.map((c) => [c.id, c.marketplace.tag]));
  const chart = [...data.runs].filter((r) => !OPEN.has(r.status)).slice(0, 12).reverse()
    .map((r) => ({ label: `${tags.get(r.connectionId) ?? r.marketplace.slice(0, 2)} ${when(r.queuedAt).slice(-5)}`, ok: r.created + r.updated + r.removed, unchanged: r.unchanged, failed: r.failed }));

  return (
    <div className="space-y-6">
      <FormMessage error={error} />
      {data.connections.length === 0 && <Card><p className="text-sm text-slate-600">No marketplace connection yet. Your admin adds them under Settings.</p></Card>}
      <div className="grid gap-4 md:grid-cols-2">
        {data.connections.map((c) => {
          const latest = data.runs.find((r) => r.connectionId === c.id);
          const open = latest && OPEN.has(latest.status) ? latest : null;
          return (
            <section key={c.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={`conn-${c.id}`} data-testid={`sync-card-${c.name}`}>
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h2 id={`conn-${c.id}`} className="font-semibold">{c.name}</h2>
                  <p className="text-xs text-slate-500">{c.marketplace.name} · every {c.syncIntervalMinutes} min · last sync {when(c.lastSyncedAt)}</p>
                </div>
                {canRun && (
                  <Button size="sm" disabled={!!open || !c.enabled || start.isPending} onClick={() => start.execute({ dealer, connectionId: c.id })}>
                    {open ? "Syncing…" : "Sync now"}
                  </Button>
                )}
              </div>
              {!c.enabled && <p className="mt-2 text-sm text-slate-600">Disabled: nothing is published here.</p>}
              {c.held && <HeldBanner dealer={dealer} marketplace={c.marketplace.name} backOffice={c.marketplace.backOffice ?? ""} />}
              {open && (
                <div className="mt-3 space-y-2">
                  <Progress run={open} now={data.now} />
                  {canRun && !open.cancelRequested && <Button size="sm" variant="secondary" onClick={() => cancel.execute({ dealer, runId: open.id })}>Cancel</Button>}
                </div>
              )}
              {latest && !open && (
                <div className="mt-3 space-y-2 text-sm">
                  {latest.status !== "NEEDS_CONFIRMATION" && <Progress run={latest} now={data.now} />}
                  <p><Badge tone={STATUS[latest.status].tone}>{STATUS[latest.status].label}</Badge>{" "}
                  <span className="text-slate-600">{latest.created} new, {latest.updated} updated, {latest.removed} removed, {latest.unchanged} unchanged, {latest.failed} failed</span></p>
                  {latest.message && latest.status !== "SUCCEEDED" && <p className="mt-1 text-slate-700">{text(latest.message)}</p>}
                  {latest.failed > 0 && <p className="mt-1"><Link className="text-brand-700 underline" href={`/d/${dealer}/activity?state=failed`}>See what failed, per ad</Link></p>}
                </div>
              )}
              {latest?.status === "NEEDS_CONFIRMATION" && (
                <div role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                  <p>This sync would remove {latest.pendingRemovals} live ad(s) — more than the safety limit. Nothing has been removed.</p>
                  {canConfirm ? (
                    <div className="mt-2 flex gap-2">
                      <Button size="sm" variant="danger" disabled={confirm.isPending} onClick={() => confirm.execute({ dealer, runId: latest.id })}>Remove {latest.pendingRemovals} ad(s)</Button>
                      <Button size="sm" variant="secondary" onClick={() => cancel.execute({ dealer, runId: latest.id })}>Cancel the sync</Button>
                    </div>
                  ) : <p className="mt-1">Ask an admin of your dealership to confirm or cancel it.</p>}
                </div>
              )}
              {latest && latest.remoteOnly.length > 0 && canImport && c.marketplace.canImport && (
                <details className="mt-3 rounded-md border border-slate-200 p-3 text-sm">
                  <summary className="cursor-pointer font-medium">{latest.remoteOnly.length} ad(s) exist only on {c.marketplace.label} — import them?</summary>
                  <ul className="mt-2 max-h-48 space-y-1 overflow-auto">
                    {latest.remoteOnly.map((ad) => (
                      <li key={ad.reference}>
                        <label className="flex items-center gap-2"><input type="checkbox" checked={!!picked[ad.reference]} onChange={(e) => setPicked((p) => ({ ...p, [ad.reference]: e.target.checked }))} />
                          <span className="font-mono text-xs">{ad.reference}</span> {ad.title ?? ""} <span className="text-xs text-slate-500">({ad.status})</span></label>
                      </li>
                    ))}
                  </ul>
                  <Button size="sm" className="mt-2" disabled={importer.isPending || !Object.values(picked).some(Boolean)}
                    onClick={() => importer.execute({ dealer, connectionId: c.id, references: Object.keys(picked).filter((k) => picked[k]) })}>Import selected</Button>
                  {importer.result.data && <ImportReport result={importer.result.data} />}
                </details>
              )}
            </section>
          );
        })}
      </div>

      {chart.length > 0 && <Card title="Recent syncs">{<RunsChart runs={chart} />}</Card>}

      <Card title="History">
        <div className="overflow-x-auto">
          <table className={tableClass.table}>
            <thead><tr>{["Started", "Marketplace", "By", "Status", "New", "Updated", "Removed", "Unchanged", "Failed", "Requests"].map((h) => <th key={h} scope="col" className={tableClass.th}>{h}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100">
              {data.runs.length === 0 && <tr><td colSpan={10} className="px-3 py-6 text-center text-slate-500">No sync yet.</td></tr>}
              {data.runs.map((r) => (
                <tr key={r.id}>
                  <td className={`${tableClass.td} whitespace-nowrap`}>{when(r.startedAt ?? r.queuedAt)}</td>
                  <td className={tableClass.td}>{r.connectionName}</td>
                  <td className={tableClass.td}>{TRIGGER[r.trigger]}</td>
                  <td className={tableClass.td}><Badge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Badge></td>
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
