"use client";
import Link from "next/link";
import { useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { parseAsInteger, parseAsString, useQueryStates } from "nuqs";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { useProblemText } from "@/components/listings/problem-text";
import { CarThumbnail } from "@/components/listings/car-thumbnail";
import { useMessage } from "@/components/ui/use-message";
import { msg, type Translator } from "@/lib/i18n/message";
import type { ActivityEntry, ActivityPage } from "@/lib/activity/timeline";
import { OUTCOME_TONE } from "@/lib/publications/shown-state";

const filters = {
  marketplace: parseAsString.withDefault(""),
  action: parseAsString.withDefault(""),
  state: parseAsString.withDefault(""),
  period: parseAsInteger.withDefault(0),
};

const STATE_TONE: Record<string, "green" | "red" | "amber" | "gray" | "blue"> = { ok: "green", done: "green", failed: "red", error: "red", skipped: "gray", processing: "blue" };
const STATES = ["ok", "done", "failed", "error", "skipped", "processing"] as const;
const ACTIONS = ["create", "update", "remove", "preflight", "skip", "handle_media", "publish", "unpublish", "delete", "bump"];

/** One timeline of syncs and marketplace logs, per dealer or per car; refreshes itself. */
export function ActivityTimeline({ dealer, listingId, showReference = true }: { dealer: string; listingId?: string; showReference?: boolean }) {
  const t = useTranslations("activity");
  const tOutcome = useTranslations("publication.outcome");
  const loose = useTranslations() as unknown as Translator;
  const format = useFormatter();
  const text = useMessage();
  const problemText = useProblemText();
  // Actions and states come from the marketplaces too: an unknown one is shown as it is.
  const word = (group: "actions" | "states", value: string) => (loose.has(`activity.${group}.${value}`) ? loose(`activity.${group}.${value}`) : value);
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
      if (!res.ok) throw new Error(msg("activity.loadFailed"));
      return res.json();
    },
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });
  const fieldName = (field: string) => {
    const [head, index] = field.split(".");
    const key = `fields.${head}`;
    const name = loose.has(key) ? loose(key) : field;
    return index !== undefined && /^\d+$/.test(index) ? `${name} ${Number(index) + 1}` : name;
  };
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const entries = query.data?.entries ?? [];
  const marketplaces = query.data?.marketplaces ?? [];
  // A filter from the URL stays selectable before the first answer (or for a marketplace no longer connected).
  if (state.marketplace && !marketplaces.some((m) => m.id === state.marketplace)) marketplaces.push({ id: state.marketplace, label: state.marketplace });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("marketplace")}
          <select className={select} value={state.marketplace} onChange={(e) => setState({ marketplace: e.target.value || null })}>
            <option value="">{t("all")}</option>{marketplaces.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("action")}
          <select className={select} value={state.action} onChange={(e) => setState({ action: e.target.value || null })}>
            <option value="">{t("all")}</option>{ACTIONS.map((a) => <option key={a} value={a}>{word("actions", a)}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("state")}
          <select className={select} value={state.state} onChange={(e) => setState({ state: e.target.value || null })}>
            <option value="">{t("all")}</option>{STATES.map((k) => <option key={k} value={k}>{word("states", k)}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("period")}
          <select className={select} value={state.period} onChange={(e) => setState({ period: Number(e.target.value) || null })}>
            <option value={0}>{t("periods.any")}</option><option value={1}>{t("periods.hour")}</option><option value={24}>{t("periods.day")}</option><option value={168}>{t("periods.week")}</option><option value={720}>{t("periods.month")}</option>
          </select>
        </label>
        <span className="ml-auto text-xs text-slate-500" aria-live="polite">{query.isFetching ? t("updating") : t("live")}</span>
      </div>
      {query.error && <p role="alert" className="text-sm text-red-700">{text((query.error as Error).message)}</p>}
      <ol className="space-y-2" aria-label={t("title")}>
        {entries.length === 0 && !query.isLoading && <li className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">{t("empty")}</li>}
        {entries.map((e) => (
          <li key={e.id} className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="activity-entry">
            {showReference && e.listingId && (
              <Link href={`/d/${dealer}/listings/${e.listingId}`} tabIndex={-1} aria-hidden className="shrink-0">
                <CarThumbnail url={e.cover} alt="" />
              </Link>
            )}
            <div className="min-w-0 flex-1 [overflow-wrap:anywhere]">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <time className="text-xs text-slate-500" dateTime={e.at}>{format.dateTime(new Date(e.at), { dateStyle: "short", timeStyle: "medium" })}</time>
              <Badge tone="gray">{e.marketplaceLabel}</Badge>
              <span className="font-medium">{word("actions", e.action)}</span>
              {e.outcome
                ? <Badge tone={OUTCOME_TONE[e.outcome]}>{tOutcome(e.outcome, { marketplace: e.marketplaceLabel })}</Badge>
                : <Badge tone={STATE_TONE[e.state] ?? "gray"}>{word("states", e.state)}</Badge>}
              {showReference && (e.listingId ? <Link className="font-mono text-xs text-brand-700 underline" href={`/d/${dealer}/listings/${e.listingId}`}>{e.reference}</Link> : <span className="font-mono text-xs">{e.reference}</span>)}
              <span className="text-xs text-slate-400">{e.source === "sync" ? t("ourSync", { connection: e.connectionName }) : t("marketplaceLog", { connection: e.connectionName })}</span>
            </div>
            {(e.message || e.code) && <EntryMessage entry={e} />}
            {e.warnings.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-sm text-amber-800">
                {e.warnings.map((w, i) => {
                  const words = problemText(e.marketplace, w);
                  return <li key={i}>⚠ {words.quoted ? <q data-verbatim>{words.text}</q> : words.text}{words.url && <span className="ml-1 text-xs" data-verbatim>{words.url}</span>}{w.field ? <span className="ml-1 text-xs text-slate-500">({fieldName(w.field)})</span> : null}</li>;
                })}
              </ul>
            )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * What an entry says: our explanation of the code (or our own message), then what the marketplace
 * said, quoted as it said it, and the code.
 */
function EntryMessage({ entry: e }: { entry: ActivityEntry }) {
  const loose = useTranslations() as unknown as Translator;
  const text = useMessage();
  const explanation = e.code && /^[\w-]+$/.test(e.code) && loose.has(`marketErrors.${e.code}`) ? loose(`marketErrors.${e.code}`) : null;
  const ours = e.message ? text(e.message) !== e.message : false;
  // A pre-flight failure's problems are listed one by one below; its message only repeats them.
  if (e.code === "PREFLIGHT") return <p className="mt-1 text-sm text-red-800">{explanation}</p>;
  // Our own messages are catalog messages; any other text is the marketplace's, quoted as it said it.
  const quoted = e.message && !ours ? e.message : null;
  return (
    <p className={`mt-1 text-sm ${e.state === "failed" || e.state === "error" ? "text-red-800" : "text-slate-700"}`}>
      {explanation}
      {ours && <>{explanation ? " " : ""}{text(e.message)}</>}
      {quoted && <>{explanation ? " " : ""}<q data-verbatim>{quoted}</q></>}
      {e.code ? <span className="ml-1 font-mono text-xs text-slate-500" data-verbatim>({e.code})</span> : null}
    </p>
  );
}
