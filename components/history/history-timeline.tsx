"use client";
/**
 * A car's history and the Activity page (lib/history/timeline.ts): one entry per change — who,
 * what changed (old → new, formatted the reader's way) and each marketplace's outcome in its
 * state words — and a marketplace's log one entry per request, its lines folded. Paged by a
 * cursor ("Older entries"); the first page refreshes itself.
 */
import Link from "next/link";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { parseAsString, useQueryStates } from "nuqs";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { CarThumbnail } from "@/components/listings/car-thumbnail";
import { useProblemText } from "@/components/listings/problem-text";
import { FieldChangeText, useFieldLabel } from "@/components/sync/field-change";
import { useMessage } from "@/components/ui/use-message";
import { msg, type Translator } from "@/lib/i18n/message";
import type { HistoryEntry, HistoryPage, Outcome, Who } from "@/lib/history/timeline";

const filters = { marketplace: parseAsString.withDefault("") };
/** Changes shown before the rest folds away (a new car fills every field). */
const SHOWN_CHANGES = 6;

export function HistoryTimeline({ dealer, listingId, showCar = true }: { dealer: string; listingId?: string; showCar?: boolean }) {
  const t = useTranslations("history");
  const text = useMessage();
  const [state, setState] = useQueryStates(filters, { history: "replace" });
  const params = new URLSearchParams();
  if (listingId) params.set("listingId", listingId);
  if (state.marketplace) params.set("marketplace", state.marketplace);
  const query = useInfiniteQuery<HistoryPage>({
    queryKey: ["history", dealer, params.toString()],
    initialPageParam: null,
    queryFn: async ({ pageParam }) => {
      const p = new URLSearchParams(params);
      if (typeof pageParam === "string") p.set("cursor", pageParam);
      const res = await fetch(`/api/d/${dealer}/history?${p}`);
      if (!res.ok) throw new Error(msg("history.loadFailed"));
      return res.json();
    },
    getNextPageParam: (last) => last.nextCursor,
    // Only while the dealer looks at the newest entries: refreshing many pages would be wasteful.
    refetchInterval: (q) => ((q.state.data?.pages.length ?? 0) <= 1 ? 5000 : false),
    placeholderData: keepPreviousData,
  });
  const pages = query.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.entries);
  const marketplaces = [...(pages[0]?.marketplaces ?? [])];
  if (state.marketplace && !marketplaces.some((m) => m.id === state.marketplace)) marketplaces.push({ id: state.marketplace, label: state.marketplace });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("marketplace")}
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" value={state.marketplace} onChange={(e) => setState({ marketplace: e.target.value || null })}>
            <option value="">{t("all")}</option>{marketplaces.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
        <span className="ml-auto text-xs text-slate-500" aria-live="polite">{query.isFetching ? t("updating") : ""}</span>
      </div>
      {query.error && <p role="alert" className="text-sm text-red-700">{text((query.error as Error).message)}</p>}
      <ol className="space-y-2" aria-label={t("title")}>
        {entries.length === 0 && !query.isLoading && <li className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">{t("empty")}</li>}
        {entries.map((e) => <Entry key={e.id} entry={e} dealer={dealer} showCar={showCar} />)}
      </ol>
      {query.hasNextPage ? (
        <button type="button" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 sm:w-auto">
          {query.isFetchingNextPage ? t("loadingOlder") : t("older")}
        </button>
      ) : entries.length > 0 && <p className="text-center text-xs text-slate-500">{t("end")}</p>}
    </div>
  );
}

function useWho() {
  const t = useTranslations("history.who");
  return (who: Who | null, entry: HistoryEntry): string => {
    if (entry.kind === "log") return t("log", { connection: entry.log?.connectionName ?? "" });
    if (!who) return t("unknown");
    switch (who.by) {
      case "user": return entry.created ? t("created", { name: who.name }) : t("edited", { name: who.name });
      case "import": return who.name ? t("import", { name: who.name }) : t("importNoName");
      case "bulk": return who.name ? t("bulk", { name: who.name }) : t("bulkNoName");
      case "undo": return who.name ? t("undo", { name: who.name }) : t("undoNoName");
      case "manual": return who.name ? t("manual", { name: who.name }) : t("manualNoName");
      case "schedule": return t("schedule");
      case "save": return t("save");
      case "worker": return t("worker");
    }
  };
}

function Entry({ entry: e, dealer, showCar }: { entry: HistoryEntry; dealer: string; showCar: boolean }) {
  const t = useTranslations("history");
  const format = useFormatter();
  const who = useWho();
  const carHref = e.car.id ? `/d/${dealer}/listings/${e.car.id}?tab=activity` : null;
  const shown = e.changes.slice(0, SHOWN_CHANGES);
  const folded = e.changes.slice(SHOWN_CHANGES);
  const currency = e.currency ?? "EUR";
  return (
    <li className="flex min-w-0 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="activity-entry">
      {showCar && (carHref
        ? <Link href={carHref} tabIndex={-1} aria-hidden className="shrink-0"><CarThumbnail url={e.car.cover} alt="" /></Link>
        : <CarThumbnail url={null} alt="" />)}
      <div className="min-w-0 flex-1 [overflow-wrap:anywhere]">
        <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
          <span className="font-medium text-slate-900">{who(e.who, e)}</span>{" "}
          <time className="text-xs text-slate-500" dateTime={e.at}>{format.dateTime(new Date(e.at), { dateStyle: "medium", timeStyle: "short" })}</time>
        </div>
        {showCar && (
          <p className="text-sm text-slate-700">
            {/* The car's name is the dealer's own text. */}
            {carHref ? <Link className="text-brand-700 underline" href={carHref} data-verbatim>{e.car.name ?? e.car.reference}</Link> : <span data-verbatim>{e.car.name ?? e.car.reference}</span>}
            {e.car.name && <span className="ml-1 font-mono text-xs text-slate-500" data-verbatim>{e.car.reference}</span>}
          </p>
        )}
        {e.kind === "edit" && (
          e.created
            ? <p className="mt-1 text-sm text-slate-700">{t("createdFields", { count: e.changes.length })}</p>
            : <ul className="mt-1 space-y-0.5 text-sm text-slate-800">{shown.map((c) => <li key={c.field}><FieldChangeText change={c} currency={currency} /></li>)}</ul>
        )}
        {e.kind === "edit" && (e.created ? e.changes.length > 0 : folded.length > 0) && (
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer text-brand-700">{t("moreChanges", { count: e.created ? e.changes.length : folded.length })}</summary>
            <ul className="mt-1 space-y-0.5 text-slate-800">{(e.created ? e.changes : folded).map((c) => <li key={c.field}><FieldChangeText change={c} currency={currency} /></li>)}</ul>
          </details>
        )}
        {e.outcomes.length > 0 && <ul className="mt-2 space-y-1">{e.outcomes.map((o) => <OutcomeLine key={o.connectionName + o.at} outcome={o} />)}</ul>}
        {e.log && <LogGroup log={e.log} />}
      </div>
    </li>
  );
}

/** One marketplace's outcome: its name, the publication state in that state's words, and what it said. */
function OutcomeLine({ outcome: o }: { outcome: Outcome }) {
  const t = useTranslations("history");
  const words = useTranslations("publication") as unknown as Translator;
  const loose = useTranslations() as unknown as Translator;
  const text = useMessage();
  const problemText = useProblemText();
  const label = useFieldLabel();
  const explanation = o.code && /^[\w-]+$/.test(o.code) && loose.has(`marketErrors.${o.code}`) ? loose(`marketErrors.${o.code}`) : null;
  const ours = o.message ? text(o.message) !== o.message : false;
  const action = o.action && loose.has(`activity.actions.${o.action}`) ? loose(`activity.actions.${o.action}`) : o.action;
  return (
    <li className="text-sm" data-testid={`outcome-${o.marketplace}`}>
      <span className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium">{o.marketplaceLabel}:</span>{" "}
        <Badge tone={o.tone}>{words(o.word, { marketplace: o.marketplaceLabel })}</Badge>{" "}
        <span className="text-xs text-slate-500">{o.action ? t("sentAs", { action: action ?? "", connection: o.connectionName }) : t("waiting", { connection: o.connectionName })}</span>
      </span>
      {(explanation || o.message) && o.code !== "PREFLIGHT" && (
        <span className={`block ${o.state === "ERROR" ? "text-red-800" : "text-slate-700"}`}>
          {explanation}{ours && <>{explanation ? " " : ""}{text(o.message!)}</>}
          {o.message && !ours && <>{explanation ? " " : ""}<q data-verbatim>{o.message}</q></>}
          {o.code && <span className="ml-1 font-mono text-xs text-slate-500" data-verbatim>({o.code})</span>}
        </span>
      )}
      {o.code === "PREFLIGHT" && explanation && <span className="block text-red-800">{explanation}</span>}
      {o.warnings.length > 0 && (
        <ul className="mt-0.5 space-y-0.5 text-amber-800">
          {o.warnings.map((w, i) => {
            const words = problemText(o.marketplace, w);
            return <li key={i}>⚠ {words.quoted ? <q data-verbatim>{words.text}</q> : words.text}{words.url && <span className="ml-1 text-xs" data-verbatim>{words.url}</span>}{w.field ? <span className="ml-1 text-xs text-slate-500">({label(w.field.split(".")[0])})</span> : null}</li>;
          })}
        </ul>
      )}
    </li>
  );
}

const LOG_TONE: Record<string, "green" | "red" | "blue" | "gray"> = { done: "green", error: "red", processing: "blue" };

/** One request of a marketplace's own log: its final state up front, every line behind a disclosure. */
function LogGroup({ log }: { log: NonNullable<HistoryEntry["log"]> }) {
  const t = useTranslations("history");
  const loose = useTranslations() as unknown as Translator;
  const format = useFormatter();
  const word = (group: "actions" | "states", value: string) => (loose.has(`activity.${group}.${value}`) ? loose(`activity.${group}.${value}`) : value);
  const last = log.lines.at(-1);
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer">
        <span className="font-medium">{log.marketplaceLabel}:</span> {last ? word("actions", last.action) : ""}{" "}
        <Badge tone={LOG_TONE[log.state] ?? "gray"}>{word("states", log.state)}</Badge>{" "}
        <span className="text-xs text-slate-500">{t("steps", { count: log.lines.length })}</span>
      </summary>
      <ol className="mt-1 space-y-0.5 border-l-2 border-slate-200 pl-3">
        {log.lines.map((l, i) => (
          <li key={i} className="text-slate-700">
            <time className="text-xs text-slate-500" dateTime={l.at}>{format.dateTime(new Date(l.at), { timeStyle: "medium" })}</time>{" "}
            {word("actions", l.action)} · {word("states", l.state)}
            {l.message && <> — <q data-verbatim>{l.message}</q></>}
          </li>
        ))}
      </ol>
      {log.requestId && <p className="mt-1 font-mono text-xs text-slate-500" data-verbatim>{t("request", { id: log.requestId })}</p>}
    </details>
  );
}
