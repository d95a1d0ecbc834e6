"use client";
/**
 * The bell in the header (issue #15 item 6): what needs the user, polled from
 * /api/d/{dealer}/notifications so it stays fresh without a reload. A button whose label carries
 * the count opens a non-modal panel: focus moves into it, Escape or a click outside closes it and
 * focus returns to the button. Each item links to where to act; read marks are kept per user.
 */
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "next-safe-action/hooks";
import { useFormatter, useTranslations } from "next-intl";
import { markNotificationsReadAction } from "@/app/(dashboard)/d/[dealer]/notifications/actions";
import type { Inbox, Notification } from "@/lib/notifications/inbox";

/** How often the bell asks again while the page is open (React Query also asks on focus). */
const POLL_MS = 30_000;

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

function Item({ item, onRead, busy }: { item: Notification; onRead: () => void; busy: boolean }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const values = { marketplace: item.marketplace, connection: item.connectionName, count: item.count };
  return (
    <li className={`border-t border-slate-100 px-3 py-2 text-sm ${item.read ? "text-slate-600" : "bg-amber-50/60 text-slate-900"}`} data-testid="notification" data-kind={item.kind}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        {!item.read && <span className="rounded bg-amber-200 px-1 text-xs font-semibold text-amber-900">{t("new")}</span>}
        {!item.current && <span className="text-xs font-semibold text-slate-500" data-verbatim>{item.dealer.name}</span>}
        <span className="text-xs text-slate-500">{t("since", { time: format.dateTime(new Date(item.openedAt), { dateStyle: "short", timeStyle: "short" }) })}</span>
      </p>
      <p className="mt-0.5 break-words">{t(`kind.${item.kind}`, values)}</p>
      {item.cars.length > 0 && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {item.cars.map((car) => (
            <li key={car.reference} className="break-words">
              {car.href ? <Link className="text-brand-700 underline" href={car.href}><span data-verbatim>{car.title || car.reference}</span></Link> : <span data-verbatim>{car.title || car.reference}</span>}{" "}
              <span className="font-mono text-xs text-slate-500" data-verbatim>{car.reference}</span>
            </li>
          ))}
          {item.count > item.cars.length && item.kind !== "SYNC_FAILING" && <li className="list-none text-slate-600">{t("more", { count: item.count - item.cars.length })}</li>}
        </ul>
      )}
      {item.reach === "informed" && <p className="mt-1 text-slate-700">{item.whoCanAct.length ? t("whoCan", { names: item.whoCanAct.join(", ") }) : t("noOne")}</p>}
      <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link className="font-medium text-brand-700 underline" href={item.href}>{t(`action.${item.kind}`)}</Link>
        {!item.read && <button type="button" className="text-slate-600 underline hover:text-slate-900 disabled:opacity-50" disabled={busy} onClick={onRead}>{t("markRead")}</button>}
      </p>
    </li>
  );
}

export function NotificationBell({ dealer }: { dealer: string }) {
  const t = useTranslations("notifications");
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const queryClient = useQueryClient();
  const queryKey = ["notifications", dealer];
  const { data, isError, isPending } = useQuery<Inbox>({
    queryKey,
    queryFn: async () => {
      const res = await fetch(`/api/d/${dealer}/notifications`, { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`notifications: ${res.status}`);
      return res.json();
    },
    refetchInterval: POLL_MS,
  });
  const mark = useAction(markNotificationsReadAction, { onSettled: () => queryClient.invalidateQueries({ queryKey }) });
  const unread = data?.unread ?? 0;

  // Placed against the viewport under the button, as wide as fits (the button need not be at the edge).
  const [place, setPlace] = useState<{ top: number; right: number; width: number } | null>(null);
  const toggle = () => {
    const r = button.current?.getBoundingClientRect();
    if (r && !open) {
      const vw = document.documentElement.clientWidth;
      const width = Math.min(416, vw - 16);
      setPlace({ top: r.bottom + 8, right: Math.min(Math.max(8, vw - r.right), vw - width - 8), width });
    }
    setOpen((o) => !o);
  };

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onPointer = (e: PointerEvent) => { if (!wrapper.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  return (
    <div ref={wrapper} className="relative" onKeyDown={(e) => { if (e.key === "Escape" && open) { e.stopPropagation(); close(true); } }}>
      <button
        ref={button}
        type="button"
        className="relative inline-flex h-9 w-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
        aria-label={t("button", { count: unread })}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={toggle}
      >
        <BellIcon />
        {unread > 0 && <span aria-hidden="true" className="absolute -right-0.5 -top-0.5 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[0.7rem] font-semibold leading-[1.1rem] text-white" data-testid="notification-count">{unread > 99 ? "99+" : unread}</span>}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-label={t("title")}
          tabIndex={-1}
          style={place ?? undefined}
          className="fixed z-40 max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white shadow-lg focus:outline-none"
          data-testid="notification-panel"
        >
          <div className="flex items-center justify-between gap-2 px-3 py-2">
            <h2 className="text-sm font-semibold text-slate-900">{t("title")}</h2>
            <div className="flex items-center gap-2">
              {unread > 0 && <button type="button" className="text-sm text-brand-700 underline disabled:opacity-50" disabled={mark.isPending} onClick={() => mark.execute({ dealer, all: true })}>{t("markAll")}</button>}
              <button type="button" className="rounded px-2 py-0.5 text-sm text-slate-600 hover:bg-slate-100" onClick={() => close(true)}>{t("close")}</button>
            </div>
          </div>
          {isPending && <p role="status" className="px-3 pb-3 text-sm text-slate-600">{t("loading")}</p>}
          {isError && !data && <p role="alert" className="px-3 pb-3 text-sm text-red-700">{t("failed")}</p>}
          {data && data.items.length === 0 && <p className="px-3 pb-3 text-sm text-slate-600">{t("empty")}</p>}
          {data && data.items.length > 0 && (
            <ul>
              {data.items.map((item) => <Item key={item.id} item={item} busy={mark.isPending} onRead={() => mark.execute({ dealer, ids: [item.id] })} />)}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
