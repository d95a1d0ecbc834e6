import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/card";
import { HeldNote } from "@/components/migration/held-note";
import { MarketError } from "@/components/listings/market-error";
import { problemWords } from "@/components/listings/problem-words";
import type { Translator } from "@/lib/i18n/message";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { SHOWN_TONE, shownState, shownWords } from "@/lib/publications/shown-state";
import { stateCapabilitiesOf } from "@/lib/publications/state-capabilities";

interface Publication {
  connectionId: string; state: string; enabled: boolean; remoteId: string | null; remoteIds: unknown; lastErrorCode: string | null; lastErrorMessage: string | null;
  warnings: unknown; driftDetectedAt: Date | null; sentAt: Date | null; remoteStatus: string | null;
}

/** Where this car stands on each of the dealer's marketplaces, with the last error in plain words. */
export async function PublicationStatus({ connections, publications, listingStatus }: { connections: { connectionId: string; name: string; marketplace: string }[]; publications: Publication[]; listingStatus: string }) {
  if (connections.length === 0) return null;
  const [t, all, format] = await Promise.all([getTranslations("publication"), getTranslations(), getFormatter()]);

  return (
    <section aria-label={t("region")} className="mb-6 grid gap-3 md:grid-cols-2">
      {connections.map((c) => {
        const p = publications.find((x) => x.connectionId === c.connectionId);
        // One state in this marketplace's own vocabulary (lib/publications/shown-state.ts).
        const caps = stateCapabilitiesOf(c.marketplace);
        const shown = shownState(p ?? null, listingStatus, caps);
        const words = shownWords(shown, caps);
        const marketplace = isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace).label : c.marketplace;
        const vocabulary = isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace).texts.errors : {};
        const warnings = Array.isArray(p?.warnings) ? (p!.warnings as { message?: string; code?: string }[]) : [];
        return (
          <div key={c.connectionId} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`publication-${c.name}`} data-state={shown.state}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">{c.name}</p>
              <Badge tone={shown.blocked ? "amber" : SHOWN_TONE[shown.state]}>{t(words.label, { marketplace })}</Badge>
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {t(words.explain, { marketplace })}
              {p?.sentAt ? ` ${t("lastSent", { time: format.dateTime(p.sentAt, { dateStyle: "short", timeStyle: "short" }) })}` : ""}
              {p?.remoteId ? ` ${t("remoteId", { id: p.remoteId })}` : ""}
            </p>
            {shown.state === "failed" && <MarketError code={p?.lastErrorCode} message={p?.lastErrorMessage} vocabulary={vocabulary} />}
            {warnings.length > 0 && (
              <ul className="mt-2 text-sm text-amber-800">
                {warnings.map((w, i) => {
                  const said = problemWords(all as unknown as Translator, c.marketplace, w);
                  return <li key={i}>⚠ {said.quoted ? <q data-verbatim>{said.text}</q> : said.text}{said.url && <span className="ml-1 text-xs" data-verbatim>{said.url}</span>}</li>;
                })}
              </ul>
            )}
            {p && !p.enabled && p.lastErrorCode === "MIGRATION_HELD" && <HeldNote message={p.lastErrorMessage} />}
            {p?.driftDetectedAt && <p className="mt-2 text-sm text-amber-800">{t("drift")}</p>}
          </div>
        );
      })}
    </section>
  );
}
