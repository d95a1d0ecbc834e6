"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState } from "@tanstack/react-table";
import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useAction } from "next-safe-action/hooks";
import { bulkChannelAction, bulkDeleteAction, bulkStatusAction, setListingStatusAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Badge, tableClass } from "@/components/ui/card";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { LISTING_STATUS, PUBLICATION_STATE, type PublicationStateKey } from "@/components/listings/labels";
import { BulkPromotion } from "@/components/promotions/bulk-promotion";
import type { PromotableConnection } from "@/lib/promotions/view";
import type { GridRow } from "@/lib/listings/grid";
import { serializeGridQuery } from "@/lib/listings/grid-url";

const STATUSES = ["draft", "active", "reserved", "sold"] as const;
const SORTS = ["updatedAt", "reference", "title", "make", "year", "mileage", "price", "status"] as const;
const MISSING = { price: "No price", images: "No images", location: "No postal code", registration: "No plate or VIN" } as const;

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

interface Connection { id: string; name: string; marketplaceLabel: string }
interface GridData { rows: GridRow[]; total: number }

function SortHeader({ id, label, sort, dir, onSort }: { id: (typeof SORTS)[number]; label: string; sort: string; dir: "asc" | "desc"; onSort: (sort: (typeof SORTS)[number], dir: "asc" | "desc") => void }) {
  const active = sort === id;
  return (
    <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-800" onClick={() => onSort(id, active && dir === "asc" ? "desc" : "asc")}
      aria-label={`Sort by ${label}${active ? (dir === "asc" ? ", ascending" : ", descending") : ""}`}>
      {label}<span aria-hidden>{active ? (dir === "asc" ? "▲" : "▼") : ""}</span>
    </button>
  );
}

type Pending = { kind: "status"; status: (typeof STATUSES)[number] } | { kind: "channel"; connectionId: string; enabled: boolean } | { kind: "delete" };

export function ListingsGrid({ dealer, currency, canEdit, canDelete, connections, makes, initial, promotable = [] }: {
  dealer: string; currency: string; canEdit: boolean; canDelete: boolean; connections: Connection[]; makes: string[]; initial: GridData & { key: string };
  /** Connections selling paid promotions, offered in the bulk bar to those who may buy them. */
  promotable?: PromotableConnection[];
}) {
  const [state, setState] = useQueryStates(gridParams, { history: "replace" });
  const [search, setSearch] = useState(state.q);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [bulkStatus, setBulkStatus] = useState<string>("");
  const [bulkChannel, setBulkChannel] = useState<string>("");

  // Typing searches after a short pause, and goes back to page 1.
  useEffect(() => {
    if (search === state.q) return;
    const t = setTimeout(() => setState({ q: search || null, page: null }), 300);
    return () => clearTimeout(t);
  }, [search, state.q, setState]);

  const params = useMemo(() => serializeGridQuery(state), [state]);

  const query = useQuery<GridData>({
    queryKey: ["listings", dealer, params],
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/d/${dealer}/listings?${params}`, { signal });
      if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended. Sign in again." : "Could not load the listings. Try again.");
      return res.json();
    },
    initialData: params === initial.key ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const data = query.data ?? { rows: [], total: 0 };
  const pages = Math.max(1, Math.ceil(data.total / state.size));
  const money = useMemo(() => new Intl.NumberFormat(currency === "SEK" ? "sv-SE" : "nl-BE", { style: "currency", currency, maximumFractionDigits: 0 }), [currency]);

  const onDone = () => { setSelection({}); setPending(null); query.refetch(); };
  const status = useAction(bulkStatusAction, { onSuccess: onDone });
  const channel = useAction(bulkChannelAction, { onSuccess: onDone });
  const remove = useAction(bulkDeleteAction, { onSuccess: onDone });
  const sold = useAction(setListingStatusAction, { onSuccess: () => query.refetch() });
  const busy = status.isPending || channel.isPending || remove.isPending;
  const bulkError = status.result.serverError ?? channel.result.serverError ?? remove.result.serverError ?? (remove.result.validationErrors?.ids as { _errors?: string[] } | undefined)?._errors?.[0];

  const columns = useMemo<ColumnDef<GridRow>[]>(() => {
    const sortHeader = (id: (typeof SORTS)[number], label: string) => function Header() {
      return <SortHeader id={id} label={label} sort={state.sort} dir={state.dir} onSort={(sort, dir) => setState({ sort, dir, page: null })} />;
    };
    const cols: ColumnDef<GridRow>[] = [];
    if (canEdit) {
      cols.push({
        id: "select",
        header: ({ table }) => <input type="checkbox" aria-label="Select all on this page" className="h-4 w-4" checked={table.getIsAllPageRowsSelected()} onChange={table.getToggleAllPageRowsSelectedHandler()} />,
        cell: ({ row }) => <input type="checkbox" aria-label={`Select ${row.original.reference}`} className="h-4 w-4" checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
      });
    }
    cols.push(
      { id: "reference", header: sortHeader("reference", "Ref."), cell: ({ row }) => <Link className="font-mono text-xs text-brand-700 underline" href={`/d/${dealer}/listings/${row.original.id}`}>{row.original.reference}</Link> },
      { id: "title", header: sortHeader("title", "Car"), cell: ({ row }) => (
        <div className="min-w-48">
          <Link href={`/d/${dealer}/listings/${row.original.id}`} className="font-medium hover:underline">{row.original.title}</Link>
          <p className="text-xs text-slate-500">{row.original.imageCount} photo{row.original.imageCount === 1 ? "" : "s"}</p>
        </div>
      ) },
      { id: "year", header: sortHeader("year", "Year"), cell: ({ row }) => row.original.year ?? "—" },
      { id: "mileage", header: sortHeader("mileage", "Mileage"), cell: ({ row }) => (row.original.mileage != null ? `${row.original.mileage.toLocaleString("en")} km` : "—") },
      { id: "price", header: sortHeader("price", "Price"), cell: ({ row }) => (row.original.price != null ? money.format(row.original.price) : <span className="text-amber-700">No price</span>) },
      { id: "status", header: sortHeader("status", "Status"), cell: ({ row }) => <Badge tone={LISTING_STATUS[row.original.status].tone}>{LISTING_STATUS[row.original.status].label}</Badge> },
      { id: "markets", header: () => "Marketplaces", cell: ({ row }) => (
        <ul className="flex flex-wrap gap-1">
          {connections.map((c) => {
            const p = row.original.publications.find((x) => x.connectionId === c.id);
            const key = (p?.state ?? "NOT_PUBLISHED") as PublicationStateKey;
            const s = PUBLICATION_STATE[key];
            const title = p?.lastErrorMessage ? `${c.name}: ${p.lastErrorMessage}${p.lastErrorCode ? ` (${p.lastErrorCode})` : ""}` : `${c.name}: ${s.help}`;
            return <li key={c.id} title={title}><Badge tone={p && !p.enabled ? "gray" : s.tone}>{c.marketplaceLabel}: {p && !p.enabled ? "Off" : s.label}</Badge></li>;
          })}
        </ul>
      ) },
    );
    if (canEdit) {
      cols.push({ id: "actions", header: () => <span className="sr-only">Actions</span>, cell: ({ row }) => (
        row.original.status === "SOLD" ? null : (
          <Button size="sm" variant="secondary" disabled={sold.isPending} onClick={() => sold.execute({ dealer, listingId: row.original.id, status: "sold" })}>Mark sold</Button>
        )
      ) });
    }
    return cols;
  }, [canEdit, connections, dealer, money, setState, sold, state.dir, state.sort]);

  const table = useReactTable({
    data: data.rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id,
    manualPagination: true, manualSorting: true, pageCount: pages, state: { rowSelection: selection }, onRowSelectionChange: setSelection, enableRowSelection: canEdit,
  });
  const selectedIds = Object.keys(selection).filter((k) => selection[k]);

  const confirm = () => {
    if (!pending) return;
    if (pending.kind === "status") status.execute({ dealer, ids: selectedIds, status: pending.status });
    if (pending.kind === "channel") channel.execute({ dealer, ids: selectedIds, connectionId: pending.connectionId, enabled: pending.enabled });
    if (pending.kind === "delete") remove.execute({ dealer, ids: selectedIds });
  };

  const filterSelect = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col text-xs font-medium text-slate-600">Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Reference, make, model, plate, VIN" className={`${filterSelect} w-64`} />
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">Status
          <select className={filterSelect} value={state.status[0] ?? ""} onChange={(e) => setState({ status: e.target.value ? [e.target.value as (typeof STATUSES)[number]] : null, page: null })}>
            <option value="">All</option>
            <option value="active">For sale</option><option value="reserved">Reserved</option><option value="draft">Draft</option><option value="sold">Sold</option>
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">Make
          <select className={filterSelect} value={state.make} onChange={(e) => setState({ make: e.target.value || null, page: null })}>
            <option value="">All</option>
            {makes.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        {connections.length > 0 && (
          <label className="flex flex-col text-xs font-medium text-slate-600">Marketplace
            <select className={filterSelect} value={state.market} onChange={(e) => setState({ market: e.target.value || null, page: null })}>
              <option value="">Any state</option>
              {connections.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  {(Object.keys(PUBLICATION_STATE) as PublicationStateKey[]).map((s) => <option key={s} value={`${c.id}:${s}`}>{PUBLICATION_STATE[s].label}</option>)}
                </optgroup>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col text-xs font-medium text-slate-600">Missing
          <select className={filterSelect} value={state.missing} onChange={(e) => setState({ missing: e.target.value || null, page: null })}>
            <option value="">—</option>
            {Object.entries(MISSING).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <a className={`${buttonClass("secondary", "sm")} ml-auto`} href={`/d/${dealer}/listings/export${params ? `?${params}` : ""}`}>Export CSV</a>
      </div>

      {canEdit && selectedIds.length > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm" role="region" aria-label="Bulk actions">
          <span className="font-medium">{selectedIds.length} selected</span>
          <label className="sr-only" htmlFor="bulk-status">New status</label>
          <select id="bulk-status" className={filterSelect} value={bulkStatus} onChange={(e) => setBulkStatus(e.target.value)}>
            <option value="">Change status…</option>
            <option value="active">For sale</option><option value="reserved">Reserved</option><option value="draft">Draft</option><option value="sold">Sold</option>
          </select>
          <Button size="sm" variant="secondary" disabled={!bulkStatus} onClick={() => setPending({ kind: "status", status: bulkStatus as (typeof STATUSES)[number] })}>Apply</Button>
          {connections.length > 0 && (
            <>
              <label className="sr-only" htmlFor="bulk-channel">Marketplace</label>
              <select id="bulk-channel" className={filterSelect} value={bulkChannel} onChange={(e) => setBulkChannel(e.target.value)}>
                <option value="">Marketplace…</option>
                {connections.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
              <Button size="sm" variant="secondary" disabled={!bulkChannel} onClick={() => setPending({ kind: "channel", connectionId: bulkChannel, enabled: true })}>Publish there</Button>
              <Button size="sm" variant="secondary" disabled={!bulkChannel} onClick={() => setPending({ kind: "channel", connectionId: bulkChannel, enabled: false })}>Stop publishing there</Button>
            </>
          )}
          <BulkPromotion dealer={dealer} selectedIds={selectedIds} promotable={promotable} onDone={() => query.refetch()} />
          {canDelete && <Button size="sm" variant="danger" onClick={() => setPending({ kind: "delete" })}>Delete</Button>}
          <Button size="sm" variant="ghost" onClick={() => setSelection({})}>Clear selection</Button>
        </div>
      )}
      <FormMessage error={bulkError ?? (query.error as Error | null)?.message} />

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" aria-busy={query.isFetching}>
        <table className={tableClass.table}>
          <caption className="sr-only">Listings, {data.total} in all, page {state.page} of {pages}</caption>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>{hg.headers.map((h) => <th key={h.id} scope="col" className={tableClass.th}>{flexRender(h.column.columnDef.header, h.getContext())}</th>)}</tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.rows.length === 0 && (
              <tr><td colSpan={columns.length} className="px-3 py-10 text-center text-slate-500">{query.isFetching ? "Loading…" : "No car matches these filters."}</td></tr>
            )}
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={`${tableClass.row} ${row.getIsSelected() ? "bg-brand-50" : ""}`}>
                {row.getVisibleCells().map((cell) => <td key={cell.id} className={tableClass.td}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <span>{data.total.toLocaleString("en")} car{data.total === 1 ? "" : "s"} · page {state.page} of {pages}</span>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1">Per page
            <select className={filterSelect} value={state.size} onChange={(e) => setState({ size: Number(e.target.value), page: null })}>
              {[25, 50, 100].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <Button size="sm" variant="secondary" disabled={state.page <= 1} onClick={() => setState({ page: state.page - 1 })}>Previous</Button>
          <Button size="sm" variant="secondary" disabled={state.page >= pages} onClick={() => setState({ page: state.page + 1 })}>Next</Button>
        </div>
      </nav>

      <ConfirmDialog
        open={pending !== null}
        busy={busy}
        danger={pending?.kind === "delete"}
        title={pending?.kind === "delete" ? `Delete ${selectedIds.length} car(s)?` : pending?.kind === "channel" ? (pending.enabled ? "Publish on this marketplace?" : "Stop publishing there?") : "Change the status?"}
        confirmLabel={pending?.kind === "delete" ? "Delete" : "Confirm"}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        {pending?.kind === "delete" && <p>They are removed from your inventory for good. Cars still on a marketplace must be marked sold first.</p>}
        {pending?.kind === "status" && <p>{selectedIds.length} car(s) become “{pending.status}”. The marketplaces follow at the next sync.</p>}
        {pending?.kind === "channel" && <p>{selectedIds.length} car(s) {pending.enabled ? "will be published on" : "will be taken off"} {connections.find((c) => c.id === pending.connectionId)?.name}.</p>}
      </ConfirmDialog>
    </div>
  );
}
