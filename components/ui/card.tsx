import type { ReactNode } from "react";

export function Card({ title, description, children, actions }: { title?: string; description?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {(title || actions) && (
        <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <div>
            {title && <h2 className="text-base font-semibold text-slate-900">{title}</h2>}
            {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
          </div>
          {actions}
        </header>
      )}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

/** `titleIsData`: the title is the dealer's own text (a car's title), not words of ours. */
export function PageHeader({ title, description, actions, titleIsData }: { title: string; description?: ReactNode; actions?: ReactNode; titleIsData?: boolean }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-verbatim={titleIsData ? "" : undefined}>{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      </div>
      {actions}
    </div>
  );
}

const BADGE = {
  gray: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  blue: "bg-brand-50 text-brand-700 ring-brand-100",
} as const;

export function Badge({ tone = "gray", children }: { tone?: keyof typeof BADGE; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[tone]}`}>{children}</span>;
}

export const tableClass = {
  table: "min-w-full divide-y divide-slate-200 text-sm",
  th: "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500",
  td: "px-3 py-2 align-middle text-slate-800",
  row: "hover:bg-slate-50",
};

/**
 * A table that becomes one block per row on a phone (below `sm`): the header row is hidden and each
 * cell shows its column's name before its value — give every `td` a `data-label`. From `sm` up it
 * is the plain table above. Used where a table has more columns than 390 px can hold.
 */
export const stackedTableClass = {
  table: "block min-w-full text-sm sm:table sm:divide-y sm:divide-slate-200",
  thead: "hidden sm:table-header-group",
  tbody: "block divide-y divide-slate-100 sm:table-row-group",
  th: tableClass.th,
  row: "block py-2 sm:table-row sm:py-0 sm:hover:bg-slate-50",
  td: "flex flex-wrap items-center gap-x-2 py-0.5 text-slate-800 break-words sm:table-cell sm:px-3 sm:py-2 sm:align-middle "
    + "max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:uppercase max-sm:before:font-sans max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]",
  /** A cell of buttons (no column name): its own line on a phone, right-aligned in the table. */
  action: "block py-1 sm:table-cell sm:px-3 sm:py-2 sm:text-right sm:align-middle",
};
