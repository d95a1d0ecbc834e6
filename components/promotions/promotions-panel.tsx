"use client";
/**
 * A car's paid promotions, per connection that sells them: the buttons (for those who may spend),
 * which of the marketplace's channels its renewals appear on, and the history — state, price, who,
 * how long it lasts, and the marketplace's own log lines — refreshed while one is under way.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { setExcludedChannelsAction } from "@/app/(dashboard)/d/[dealer]/promotions/actions";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import { formatMoney } from "@/lib/i18n/format";
import { isMessage } from "@/lib/i18n/message";
import { channelList } from "@/lib/promotions/channels";
import type { PromotionView } from "@/lib/promotions/service";
import type { PromotableConnection } from "@/lib/promotions/view";
import { PromotionDialog, type PromotionRequestDraft } from "./promotion-dialog";

const TONE = { SENT: "amber", ACCEPTED: "blue", DONE: "green", FAILED: "red" } as const;

function ChannelChoice({ dealer, listingId, connection, initial, canEdit }: { dealer: string; listingId: string; connection: PromotableConnection; initial: string[]; canEdit: boolean }) {
  const t = useTranslations("promotions");
  const locale = useLocale();
  const [excluded, setExcluded] = useState(initial.join(","));
  const save = useAction(setExcludedChannelsAction);
  const options = [
    { value: "", label: t("channels.all", { channels: channelList(connection.channels, locale) }) },
    ...connection.channels.map((leftOut) => {
      const kept = connection.channels.filter((c) => c !== leftOut);
      return { value: leftOut, label: t("channels.only", { channels: channelList(kept, locale) }) };
    }),
  ];
  const id = `channels-${connection.id}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-slate-600">{t("channels.label")}</label>
      <select id={id} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" disabled={!canEdit || save.isPending} value={excluded}
        onChange={(e) => {
          setExcluded(e.target.value);
          save.execute({ dealer, listingId, connectionId: connection.id, excludedChannels: e.target.value ? e.target.value.split(",") : [] });
        }}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {save.hasSucceeded && <span role="status" className="text-emerald-700">{t("channels.saved")}</span>}
      <FormMessage error={save.result.serverError} />
    </div>
  );
}

function History({ promotions, connection }: { promotions: PromotionView[]; connection: PromotableConnection }) {
  const t = useTranslations("promotions");
  const format = useFormatter();
  const locale = useLocale();
  const text = useMessage();
  const mine = promotions.filter((p) => p.connectionId === connection.id);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  if (mine.length === 0) return <p className="text-slate-500">{t("history.empty")}</p>;
  return (
    <ol className="space-y-2" aria-label={t("history.title")}>
      {mine.map((p) => (
        <li key={p.id} className="rounded-md border border-slate-200 p-2" data-testid="promotion-entry">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{t(`kind.${p.kind as "bump" | "polePosition"}`)}</span>
            <Badge tone={TONE[p.state as keyof typeof TONE] ?? "gray"}>{t(`state.${p.state as keyof typeof TONE}`)}</Badge>
            <span className="text-slate-600">{formatMoney(p.price, p.currency, locale)}</span>
          </div>
          <p className="text-xs text-slate-500">
            {t("history.by", { name: p.requestedBy ?? "—", date: when(p.requestedAt) })}
            {p.activeUntil && ` · ${t("history.activeUntil", { date: when(p.activeUntil) })}`}
            {p.excludedChannels.length > 0 && ` · ${t("history.leftOut", { channels: channelList(p.excludedChannels, locale) })}`}
          </p>
          {p.message && <p className="text-sm text-red-800">{isMessage(p.message) ? text(p.message) : <q data-verbatim>{p.message}</q>}{p.code && <span className="ml-1 font-mono text-xs text-slate-500">({p.code})</span>}</p>}
          {p.log.length > 0 && (
            <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-600">
              {/* The marketplace's own log words, quoted as they came. */}
              {p.log.map((l, i) => <li key={i}>{when(l.at)} · <span data-verbatim>{l.action}/{l.state}{l.message ? ` · ${l.message}` : ""}</span></li>)}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

export function PromotionsPanel({ dealer, listingId, connections, excludedChannels, canBuy, canEdit }: {
  dealer: string; listingId: string; connections: PromotableConnection[]; excludedChannels: Record<string, string[]>; canBuy: boolean; canEdit: boolean;
}) {
  const t = useTranslations("promotions");
  const [draft, setDraft] = useState<PromotionRequestDraft | null>(null);
  const { data, refetch } = useQuery<{ promotions: PromotionView[] }>({
    queryKey: ["promotions", dealer, listingId],
    queryFn: async () => {
      const res = await fetch(`/api/d/${dealer}/listings/${listingId}/promotions`);
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    },
    // Live while the marketplace works on one; calm otherwise.
    refetchInterval: (q) => (q.state.data?.promotions.some((p) => p.state === "SENT" || p.state === "ACCEPTED") ? 2000 : false),
  });
  if (connections.length === 0) return null;
  return (
    <section aria-label={t("panel")} className="mb-6 space-y-3">
      {connections.map((c) => (
        <div key={c.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid={`promotions-${c.name}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h2 className="font-medium">{t("title", { connection: c.name })}</h2>
              <p className="text-xs text-amber-800">{t("charges", { marketplace: c.marketplace })}</p>
            </div>
            {canBuy && (
              <div className="flex flex-wrap gap-2">
                {c.kinds.map((k) => (
                  <Button key={k.kind} size="sm" variant="secondary" onClick={() => setDraft({ kind: k.kind, connectionId: c.id, listingIds: [listingId], marketplace: c.marketplace })}>
                    {t(`action.${k.kind}`)}
                  </Button>
                ))}
              </div>
            )}
          </div>
          {c.channels.length > 1 && c.kinds.some((k) => k.channelChoice) && (
            <div className="mt-2"><ChannelChoice dealer={dealer} listingId={listingId} connection={c} initial={excludedChannels[c.id] ?? []} canEdit={canEdit} /></div>
          )}
          <div className="mt-2"><History promotions={data?.promotions ?? []} connection={c} /></div>
        </div>
      ))}
      <PromotionDialog dealer={dealer} draft={draft} onClose={() => setDraft(null)} onDone={() => void refetch()} />
    </section>
  );
}
