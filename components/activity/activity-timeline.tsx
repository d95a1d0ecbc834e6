"use client";
import Link from "next/link";
import { useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { parseAsInteger, parseAsString, useQueryStates } from "nuqs";
import { Badge } from "@/components/ui/card";
import type { ActivityPage } from "@/lib/activity/timeline";

const filters = {
  marketplace: parseAsString.withDefault(""),
  action: parseAsString.withDefault(""),
  state: parseAsString.withDefault(""),
  period: parseAsInteger.withDefault(0),
};

const STATE_TONE: Record<string, "green" | "red" | "amber" | "gray" | "blue"> = { ok: "green", done: "green", failed: "red", error: "red", skipped: "gray", processing: "blue" };
const STATE_LABEL: Record<string, string> = { ok: "Accepted", done: "Done", failed: "Failed", error: "Error", skipped: "Skipped", processing: "Processing" };
const ACTIONS = ["create", "update", "remove", "preflight", "skip", "handle_media", "publish", "unpublish", "delete", "bump"];

/** One timeline of syncs and marketplace logs, per dealer or per car; refreshes itself. */
export function ActivityTimeline({ dealer, listingId, showReference = true }: { dealer: string; listingId?: string; showReference?: boolean }) {
  const [state, setState] = useQueryStates(filters, { history: "replace" });
  const params = useMemo(() => {
    const p = new URLSearchParams();
    if (listingId) p.set("listingId", listingId);
    for (const [k, v] of Object.entries(state)) if (v) p.set(k, String(v));
    return p.toString();
  }, [state, listingId]);
  const query = useQuery<ActivityPage>({
    queryKey: ["activity", dealer, params],
    queryFn: async () => {
      const res = await fetch(`/api/d/${dealer}/activity?${params}`);
      if (!res.ok) throw new Error("Could not load the activity. Try again.");
      return res.json();
    },
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const entries = query.data?.entries ?? [];
  const marketplaces = query.data?.marketplaces ?? [];
  // A filter from the URL stays selectable before the first answer (or for a marketplace no longer connected).
  if (state.marketplace && !marketplaces.some((m) => m.id === state.marketplace)) marketplaces.push({ id: state.marketplace, label: state.marketplace });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium text-slate-600">Marketplace
          <select className={select} value={state.marketplace} onChange={(e) => setState({ marketplace: e.target.value || null })}>
            <option value="">All</option>{marketplaces.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">Action
          <select className={select} value={state.action} onChange={(e) => setState({ action: e.target.value || null })}>
            <option value="">All</option>{ACTIONS.map((a) => <option key={a} value={a}>{a.replace("_", " ")}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">State
          <select className={select} value={state.state} onChange={(e) => setState({ state: e.target.value || null })}>
            <option value="">All</option>{Object.entries(STATE_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">Period
          <select className={select} value={state.period} onChange={(e) => setState({ period: Number(e.target.value) || null })}>
            <option value={0}>Any time</option><option value={1}>Last hour</option><option value={24}>Last 24 hours</option><option value={168}>Last 7 days</option><option value={720}>Last 30 days</option>
          </select>
        </label>
        <span className="ml-auto text-xs text-slate-500" aria-live="polite">{query.isFetching ? "Updating…" : "Live"}</span>
      </div>
      {query.error && <p role="alert" className="text-sm text-red-700">{(query.error as Error).message}</p>}
      <ol className="space-y-2" aria-label="Activity">
        {entries.length === 0 && !query.isLoading && <li className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">Nothing yet for these filters.</li>}
        {entries.map((e) => (
          <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="activity-entry">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <time className="text-xs text-slate-500" dateTime={e.at}>{new Date(e.at).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" })}</time>
              <Badge tone="gray">{e.marketplaceLabel}</Badge>
              <span className="font-medium">{e.action.replace("_", " ")}</span>
              <Badge tone={STATE_TONE[e.state] ?? "gray"}>{STATE_LABEL[e.state] ?? e.state}</Badge>
              {showReference && (e.listingId ? <Link className="font-mono text-xs text-brand-700 underline" href={`/d/${dealer}/listings/${e.listingId}`}>{e.reference}</Link> : <span className="font-mono text-xs">{e.reference}</span>)}
              <span className="text-xs text-slate-400">{e.source === "sync" ? `our sync · ${e.connectionName}` : `${e.connectionName} log`}</span>
            </div>
            {(e.message || e.code) && <p className={`mt-1 text-sm ${e.state === "failed" || e.state === "error" ? "text-red-800" : "text-slate-700"}`}>{e.message}{e.code ? <span className="ml-1 font-mono text-xs text-slate-500">({e.code})</span> : null}</p>}
            {e.warnings.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-sm text-amber-800">
                {e.warnings.map((w, i) => <li key={i}>⚠ {w.message ?? w.code}{w.field ? <span className="ml-1 text-xs text-slate-500">({w.field})</span> : null}</li>)}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
