import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/card";
import { HeldNote } from "@/components/migration/held-note";
import { MarketError } from "@/components/listings/market-error";
import { PUBLICATION_TONE, publicationStateOf } from "@/components/listings/labels";
import { problemWords } from "@/components/listings/problem-words";
import type { Translator } from "@/lib/i18n/message";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";

interface Publication {
  connectionId: string; state: string; enabled: boolean; remoteId: string | null; remoteIds: unknown; lastErrorCode: string | null; lastErrorMessage: string | null;
  warnings: unknown; driftDetectedAt: Date | null; sentAt: Date | null;
}

/** Where this car stands on each of the dealer's marketplaces, with the last error in plain words. */
export async function PublicationStatus({ connections, publications }: { connections: { connectionId: string; name: string; marketplace: string }[]; publications: Publication[] }) {
  if (connections.length === 0) return null;
  const [t, all, format] = await Promise.all([getTranslations("publication"), getTranslations(), getFormatter()]);

  return (
    <section aria-label={t("region")} className="mb-6 grid gap-3 md:grid-cols-2">
      {connections.map((c) => {
        const p = publications.find((x) => x.connectionId === c.connectionId);
        const key = publicationStateOf(p?.state);
        const vocabulary = isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace).texts.errors : {};
        const warnings = Array.isArray(p?.warnings) ? (p!.warnings as { message?: string; code?: string }[]) : [];
        return (
          <div key={c.connectionId} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`publication-${c.name}`}>
            <div className="flex items-center justify-between gap-2">
              <p className="font-medium">{c.name}</p>
              <Badge tone={p && !p.enabled ? "gray" : PUBLICATION_TONE[key]}>{p && !p.enabled ? t("offForCar") : t(`state.${key}`)}</Badge>
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {t(`help.${key}`)}
              {p?.sentAt ? ` ${t("lastSent", { time: format.dateTime(p.sentAt, { dateStyle: "short", timeStyle: "short" }) })}` : ""}
              {p?.remoteId ? ` ${t("remoteId", { id: p.remoteId })}` : ""}
            </p>
            {p?.state === "ERROR" && <MarketError code={p.lastErrorCode} message={p.lastErrorMessage} vocabulary={vocabulary} />}
            {warnings.length > 0 && (
              <ul className="mt-2 text-sm text-amber-800">
                {warnings.map((w, i) => {
                  const words = problemWords(all as unknown as Translator, c.marketplace, w);
                  return <li key={i}>⚠ {words.quoted ? <q data-verbatim>{words.text}</q> : words.text}{words.url && <span className="ml-1 text-xs" data-verbatim>{words.url}</span>}</li>;
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
