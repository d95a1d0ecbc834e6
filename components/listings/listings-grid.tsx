"use client";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState } from "@tanstack/react-table";
import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useAction } from "next-safe-action/hooks";
import { useLocale, useTranslations } from "next-intl";
import { bulkChannelAction, bulkDeleteAction, bulkStatusAction, setListingStatusAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Badge, tableClass } from "@/components/ui/card";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { listingStatusKey, listingStatusTone } from "@/components/listings/labels";
import { SHOWN_TONE, shownState, shownWords, statesOf, type StateCapabilities } from "@/lib/publications/shown-state";
import { useMessage } from "@/components/ui/use-message";
import { UndoChanges } from "@/components/listings/undo-changes";
import { BulkEdit } from "@/components/listings/bulk-edit";
import { BulkEnrolment } from "@/components/enrolment/bulk-enrolment";
import { CarThumbnail } from "@/components/listings/car-thumbnail";
import { msg, type Translator } from "@/lib/i18n/message";
import { formatMileage, formatMoney } from "@/lib/i18n/format";
import { BulkPromotion } from "@/components/promotions/bulk-promotion";
import type { PromotableConnection } from "@/lib/promotions/view";
import type { GridRow } from "@/lib/listings/grid";
import { serializeGridQuery } from "@/lib/listings/grid-url";

const STATUSES = ["draft", "active", "reserved", "sold"] as const;
const SORTS = ["updatedAt", "reference", "title", "make", "year", "mileage", "price", "status"] as const;
const MISSING = ["price", "images", "location", "registration"] as const;

const gridParams = {
  page: parseAsInteger.withDefault(1),
  size: parseAsInteger.withDefault(50),
  sort: parseAsStringLiteral(SORTS).withDefault("updatedAt"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("desc"),
  status: parseAsArrayOf(parseAsStringLiteral(STATUSES)).withDefault([]),
  make: parseAsString.withDefault(""),
  market: parseAsString.withDefault(""),
  missing: parseAsString.withDefault(""),
  q: parseAsString.withDefault(""),
};

interface Connection { id: string; name: string; marketplaceLabel: string; states: StateCapabilities }
interface GridData { rows: GridRow[]; total: number }

function SortHeader({ id, label, sort, dir, onSort }: { id: (typeof SORTS)[number]; label: string; sort: string; dir: "asc" | "desc"; onSort: (sort: (typeof SORTS)[number], dir: "asc" | "desc") => void }) {
  const t = useTranslations("listings.grid");
  const active = sort === id;
  return (
    <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-800" onClick={() => onSort(id, active && dir === "asc" ? "desc" : "asc")}
      aria-label={active ? t(dir === "asc" ? "sortedAscending" : "sortedDescending", { column: label }) : t("sortBy", { column: label })}>
      {label}<span aria-hidden>{active ? (dir === "asc" ? "▲" : "▼") : ""}</span>
    </button>
  );
}

type Pending = { kind: "status"; status: (typeof STATUSES)[number] } | { kind: "channel"; connectionId: string; enabled: boolean } | { kind: "delete" };

export function ListingsGrid({ dealer, canEdit, canDelete, connections, makes, initial, promotable = [] }: {
  dealer: string; canEdit: boolean; canDelete: boolean; connections: Connection[]; makes: string[]; initial: GridData & { key: string };
  /** Connections selling paid promotions, offered in the bulk bar to those who may buy them. */
  promotable?: PromotableConnection[];
}) {
  const t = useTranslations("listings.grid");
  const tStatus = useTranslations("listingStatus");
  const tState = useTranslations("publication");
  const tCommon = useTranslations("common");
  const text = useMessage();
  const loose = useTranslations() as unknown as Translator;
  const explain = useCallback((code: string | null, message: string) => {
    if (text(message) !== message) return text(message);
    return code && /^[\w-]+$/.test(code) && loose.has(`marketErrors.${code}`) ? loose(`marketErrors.${code}`) : null;
  }, [loose, text]);
  const locale = useLocale();
  const [state, setState] = useQueryStates(gridParams, { history: "replace" });
  const [search, setSearch] = useState(state.q);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [bulkStatus, setBulkStatus] = useState<string>("");
  const [bulkChannel, setBulkChannel] = useState<string>("");

  // Typing searches after a short pause, and goes back to page 1.
  useEffect(() => {
    if (search === state.q) return;
    const timer = setTimeout(() => setState({ q: search || null, page: null }), 300);
    return () => clearTimeout(timer);
  }, [search, state.q, setState]);

  const params = useMemo(() => serializeGridQuery(state), [state]);

  const query = useQuery<GridData>({
    queryKey: ["listings", dealer, params],
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/d/${dealer}/listings?${params}`, { signal });
      if (!res.ok) throw new Error(res.status === 401 ? msg("auth.sessionEnded") : msg("listings.grid.loadFailed"));
      return res.json();
    },
    initialData: params === initial.key ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const data = query.data ?? { rows: [], total: 0 };
  const pages = Math.max(1, Math.ceil(data.total / state.size));

  const onDone = () => { setSelection({}); setPending(null); query.refetch(); };
  // The last bulk status or marketplace change, offered for undo until the next one.
  const [lastChange, setLastChange] = useState<string | null>(null);
  // The cars a bulk edit was opened for (kept while its preview, result and Undo are shown).
  const [editing, setEditing] = useState<string[] | null>(null);
  // "Publish there" opens the enrolment screen for the selected cars (components/enrolment).
  const [enrolling, setEnrolling] = useState<{ connectionId: string; ids: string[] } | null>(null);
  const onUndoable = ({ data }: { data?: { changeSetId: string | null } }) => { setLastChange(data?.changeSetId ?? null); onDone(); };
  const status = useAction(bulkStatusAction, { onSuccess: onUndoable });
  const channel = useAction(bulkChannelAction, { onSuccess: onUndoable });
  const remove = useAction(bulkDeleteAction, { onSuccess: onDone });
  const sold = useAction(setListingStatusAction, { onSuccess: () => query.refetch() });
  const busy = status.isPending || channel.isPending || remove.isPending;
  const bulkError = status.result.serverError ?? channel.result.serverError ?? remove.result.serverError
    ?? (remove.result.validationErrors?.ids as { _errors?: string[] } | undefined)?._errors?.[0]
    ?? (status.result.validationErrors?.ids as { _errors?: string[] } | undefined)?._errors?.[0];

  const columns = useMemo<ColumnDef<GridRow>[]>(() => {
    const sortHeader = (id: (typeof SORTS)[number], label: string) => function Header() {
      return <SortHeader id={id} label={label} sort={state.sort} dir={state.dir} onSort={(sort, dir) => setState({ sort, dir, page: null })} />;
    };
    const cols: ColumnDef<GridRow>[] = [];
    if (canEdit) {
      cols.push({
        id: "select",
        header: ({ table }) => <input type="checkbox" aria-label={t("selectPage")} className="h-4 w-4" checked={table.getIsAllPageRowsSelected()} onChange={table.getToggleAllPageRowsSelectedHandler()} />,
        cell: ({ row }) => <input type="checkbox" aria-label={t("selectRow", { reference: row.original.reference })} className="h-4 w-4" checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
      });
    }
    cols.push(
      { id: "cover", header: () => <span className="sr-only">{t("cover")}</span>, cell: ({ row }) => (
        <Link href={`/d/${dealer}/listings/${row.original.id}`} tabIndex={-1} aria-hidden>
          <CarThumbnail url={row.original.thumbnail} alt="" />
        </Link>
      ) },
      { id: "reference", header: sortHeader("reference", t("reference")), cell: ({ row }) => <Link className="font-mono text-xs text-brand-700 underline" href={`/d/${dealer}/listings/${row.original.id}`}>{row.original.reference}</Link> },
      { id: "title", header: sortHeader("title", t("car")), cell: ({ row }) => (
        <div className="md:min-w-48">
          <Link href={`/d/${dealer}/listings/${row.original.id}`} className="font-medium hover:underline" data-verbatim>{row.original.title}</Link>
          <p className="text-xs text-slate-500">{t("photos", { count: row.original.imageCount })}</p>
        </div>
      ) },
      { id: "year", header: sortHeader("year", t("year")), cell: ({ row }) => row.original.year ?? "—" },
      { id: "mileage", header: sortHeader("mileage", t("mileage")), cell: ({ row }) => (row.original.mileage != null ? <span className="whitespace-nowrap">{formatMileage(row.original.mileage, locale)}</span> : "—") },
      { id: "price", header: sortHeader("price", t("price")), cell: ({ row }) => (row.original.price != null ? <span className="whitespace-nowrap">{formatMoney(row.original.price, row.original.currency, locale)}</span> : <span className="text-amber-700">{t("noPrice")}</span>) },
      { id: "status", header: sortHeader("status", t("status")), cell: ({ row }) => <Badge tone={listingStatusTone(row.original.status)}>{tStatus(listingStatusKey(row.original.status))}</Badge> },
      { id: "markets", header: () => t("marketplaces"), cell: ({ row }) => (
        <ul className="flex flex-wrap gap-1">
          {connections.map((c) => {
            const p = row.original.publications.find((x) => x.connectionId === c.id);
            // The same state as the car's page, in this marketplace's words (lib/publications/shown-state.ts).
            const shown = shownState(p ?? null, row.original.status, c.states);
            const words = shownWords(shown, c.states);
            const marketplace = c.marketplaceLabel;
            const help = tState(words.explain, { marketplace });
            // The tooltip explains in our words; what the marketplace said in its own is on the car's page.
            const why = shown.state === "failed" && p?.lastErrorMessage ? explain(p.lastErrorCode, p.lastErrorMessage) : null;
            const title = `${c.name}: ${tState(words.label, { marketplace })}. ${why ?? help}`;
            return <li key={c.id} title={title}><Badge tone={shown.blocked ? "amber" : SHOWN_TONE[shown.state]}>{c.marketplaceLabel}: {tState(words.short)}</Badge></li>;
          })}
        </ul>
      ) },
    );
    if (canEdit) {
      cols.push({ id: "actions", header: () => <span className="sr-only">{t("actions")}</span>, cell: ({ row }) => (
        row.original.status === "SOLD" ? null : (
          <Button size="sm" variant="secondary" disabled={sold.isPending} onClick={() => sold.execute({ dealer, listingId: row.original.id, status: "sold" })}>{t("markSold")}</Button>
        )
      ) });
    }
    return cols;
  }, [canEdit, connections, dealer, explain, locale, setState, sold, state.dir, state.sort, t, tState, tStatus]);

  const table = useReactTable({
    data: data.rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id,
    manualPagination: true, manualSorting: true, pageCount: pages, state: { rowSelection: selection }, onRowSelectionChange: setSelection, enableRowSelection: canEdit,
  });
  const selectedIds = Object.keys(selection).filter((k) => selection[k]);
  const count = selectedIds.length;

  const confirm = () => {
    if (!pending) return;
    if (pending.kind === "status") status.execute({ dealer, ids: selectedIds, status: pending.status });
    if (pending.kind === "channel") channel.execute({ dealer, ids: selectedIds, connectionId: pending.connectionId, enabled: pending.enabled });
    if (pending.kind === "delete") remove.execute({ dealer, ids: selectedIds });
  };

  const statusOptions = (["active", "reserved", "draft", "sold"] as const).map((s) => <option key={s} value={s}>{tStatus(s)}</option>);
  const filterSelect = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const loadError = query.error ? (query.error as Error).message : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3" role="search">
        <label className="flex w-full flex-col text-xs font-medium text-slate-600 sm:w-auto">{t("search")}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t("searchPlaceholder")} className={`${filterSelect} w-full sm:w-64`} />
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("status")}
          <select className={filterSelect} value={state.status[0] ?? ""} onChange={(e) => setState({ status: e.target.value ? [e.target.value as (typeof STATUSES)[number]] : null, page: null })}>
            <option value="">{t("all")}</option>
            {statusOptions}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("make")}
          <select className={filterSelect} value={state.make} onChange={(e) => setState({ make: e.target.value || null, page: null })}>
            <option value="">{t("all")}</option>
            {makes.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        {connections.length > 0 && (
          <label className="flex flex-col text-xs font-medium text-slate-600">{t("marketplace")}
            <select className={filterSelect} value={state.market} onChange={(e) => setState({ market: e.target.value || null, page: null })}>
              <option value="">{t("anyState")}</option>
              {connections.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  {statesOf(c.states).map((s) => <option key={s} value={`${c.id}:${s}`}>{tState(shownWords({ state: s, blocked: false, removing: false }, c.states).label, { marketplace: c.marketplaceLabel })}</option>)}
                </optgroup>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col text-xs font-medium text-slate-600">{t("missing")}
          <select className={filterSelect} value={state.missing} onChange={(e) => setState({ missing: e.target.value || null, page: null })}>
            <option value="">—</option>
            {MISSING.map((k) => <option key={k} value={k}>{t(`missingWhat.${k}`)}</option>)}
          </select>
        </label>
        <a className={`${buttonClass("secondary", "sm")} ml-auto`} href={`/d/${dealer}/listings/export${params ? `?${params}` : ""}`}>{t("export")}</a>
      </div>

      {canEdit && count > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm" role="region" aria-label={t("bulk.region")}>
          <span className="font-medium">{t("bulk.selected", { count })}</span>
          <label className="sr-only" htmlFor="bulk-status">{t("bulk.newStatus")}</label>
          <select id="bulk-status" className={filterSelect} value={bulkStatus} onChange={(e) => setBulkStatus(e.target.value)}>
            <option value="">{t("bulk.changeStatus")}</option>
            {statusOptions}
          </select>
          <Button size="sm" variant="secondary" disabled={!bulkStatus} onClick={() => setPending({ kind: "status", status: bulkStatus as (typeof STATUSES)[number] })}>{t("bulk.apply")}</Button>
          {connections.length > 0 && (
            <>
              <label className="sr-only" htmlFor="bulk-channel">{t("marketplace")}</label>
              <select id="bulk-channel" className={filterSelect} value={bulkChannel} onChange={(e) => setBulkChannel(e.target.value)}>
                <option value="">{t("bulk.chooseMarketplace")}</option>
                {connections.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
              <Button size="sm" variant="secondary" disabled={!bulkChannel} onClick={() => setEnrolling({ connectionId: bulkChannel, ids: selectedIds })}>{t("bulk.publishThere")}</Button>
              <Button size="sm" variant="secondary" disabled={!bulkChannel} onClick={() => setPending({ kind: "channel", connectionId: bulkChannel, enabled: false })}>{t("bulk.stopThere")}</Button>
            </>
          )}
          <Button size="sm" variant="secondary" onClick={() => setEditing(selectedIds)}>{t("bulk.edit")}</Button>
          <BulkPromotion dealer={dealer} selectedIds={selectedIds} promotable={promotable} onDone={() => query.refetch()} />
          {canDelete && <Button size="sm" variant="danger" onClick={() => setPending({ kind: "delete" })}>{t("bulk.delete")}</Button>}
          <Button size="sm" variant="ghost" onClick={() => setSelection({})}>{t("bulk.clear")}</Button>
        </div>
      )}
      <FormMessage error={bulkError ?? loadError} />
      {canEdit && enrolling && <BulkEnrolment key={`${enrolling.connectionId}:${enrolling.ids.join(",")}`} dealer={dealer} connectionId={enrolling.connectionId} ids={enrolling.ids} onClose={() => setEnrolling(null)} onDone={() => query.refetch()} />}
      {canEdit && editing && <BulkEdit key={editing.join(",")} dealer={dealer} ids={editing} onClose={() => setEditing(null)} onApplied={() => query.refetch()} />}
      {lastChange && (
        <div className="flex flex-wrap items-center gap-3 text-sm" role="status" data-testid="bulk-undo">
          <span>{t("bulk.doneUndo")}</span>
          <UndoChanges key={lastChange} dealer={dealer} changeSetId={lastChange} onUndone={() => query.refetch()} />
        </div>
      )}

      {/* On a phone: one card per car (photo, title, price, status, marketplaces, quick actions). */}
      <ul className="space-y-3 md:hidden" aria-label={t("caption", { total: data.total, page: state.page, pages })} aria-busy={query.isFetching} data-testid="listing-cards">
        {data.rows.length === 0 && <li className="rounded-lg border border-slate-200 bg-white px-3 py-10 text-center text-sm text-slate-500">{query.isFetching ? tCommon("loading") : t("empty")}</li>}
        {table.getRowModel().rows.map((row) => {
          const cell = (id: string) => {
            const c = row.getVisibleCells().find((x) => x.column.id === id);
            return c ? flexRender(c.column.columnDef.cell, c.getContext()) : null;
          };
          const r = row.original;
          return (
            <li key={row.id} className={`rounded-lg border bg-white p-3 shadow-sm ${row.getIsSelected() ? "border-brand-600 bg-brand-50" : "border-slate-200"}`} data-testid="listing-card">
              <div className="flex gap-3">
                <Link href={`/d/${dealer}/listings/${r.id}`} tabIndex={-1} aria-hidden className="shrink-0">
                  <CarThumbnail url={r.thumbnail} alt="" className="h-20 w-28" />
                </Link>
                <div className="min-w-0 flex-1">
                  <div className="flex items-start gap-2">
                    <div className="min-w-0 flex-1 break-words">{cell("title")}</div>
                    {canEdit && <div className="pt-0.5">{cell("select")}</div>}
                  </div>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
                    {cell("reference")}
                    {r.year != null && <span>{r.year}</span>}
                    {r.mileage != null && <span>{formatMileage(r.mileage, locale)}</span>}
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-sm font-semibold">{cell("price")} {cell("status")}</p>
                </div>
              </div>
              {connections.length > 0 && <div className="mt-2">{cell("markets")}</div>}
              <div className="mt-2 flex flex-wrap gap-2">
                <Link className={buttonClass("secondary", "sm")} href={`/d/${dealer}/listings/${r.id}`}>{t("open")}</Link>
                {cell("actions")}
              </div>
            </li>
          );
        })}
      </ul>

      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block" aria-busy={query.isFetching}>
        <table className={tableClass.table}>
          <caption className="sr-only">{t("caption", { total: data.total, page: state.page, pages })}</caption>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>{hg.headers.map((h) => <th key={h.id} scope="col" className={tableClass.th}>{flexRender(h.column.columnDef.header, h.getContext())}</th>)}</tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.rows.length === 0 && (
              <tr><td colSpan={columns.length} className="px-3 py-10 text-center text-slate-500">{query.isFetching ? tCommon("loading") : t("empty")}</td></tr>
            )}
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={`${tableClass.row} ${row.getIsSelected() ? "bg-brand-50" : ""}`}>
                {row.getVisibleCells().map((cell) => <td key={cell.id} className={tableClass.td}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label={t("pagesLabel")} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <span>{t("summary", { total: data.total, page: state.page, pages })}</span>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1">{t("perPage")}
            <select className={filterSelect} value={state.size} onChange={(e) => setState({ size: Number(e.target.value), page: null })}>
              {[25, 50, 100].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <Button size="sm" variant="secondary" disabled={state.page <= 1} onClick={() => setState({ page: state.page - 1 })}>{t("previous")}</Button>
          <Button size="sm" variant="secondary" disabled={state.page >= pages} onClick={() => setState({ page: state.page + 1 })}>{t("next")}</Button>
        </div>
      </nav>

      <ConfirmDialog
        open={pending !== null}
        busy={busy}
        danger={pending?.kind === "delete"}
        title={pending?.kind === "delete" ? t("confirm.deleteTitle", { count }) : pending?.kind === "channel" ? (pending.enabled ? t("confirm.publishTitle") : t("confirm.stopTitle")) : t("confirm.statusTitle")}
        confirmLabel={pending?.kind === "delete" ? t("bulk.delete") : tCommon("confirm")}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        {pending?.kind === "delete" && <p>{t("confirm.deleteBody")}</p>}
        {pending?.kind === "status" && <p>{t("confirm.statusBody", { count, status: tStatus(pending.status) })}</p>}
        {pending?.kind === "channel" && <p>{t(pending.enabled ? "confirm.publishBody" : "confirm.stopBody", { count, marketplace: connections.find((c) => c.id === pending.connectionId)?.name ?? "" })}</p>}
      </ConfirmDialog>
    </div>
  );
}
