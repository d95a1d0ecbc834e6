import { Badge } from "@/components/ui/card";
import { HeldNote } from "@/components/migration/held-note";
import { explainError, PUBLICATION_STATE, type PublicationStateKey } from "@/components/listings/labels";
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";

interface Publication {
  connectionId: string; state: string; enabled: boolean; remoteId: string | null; remoteIds: unknown; lastErrorCode: string | null; lastErrorMessage: string | null;
  warnings: unknown; driftDetectedAt: Date | null; sentAt: Date | null;
}

/** Where this car stands on each of the dealer's marketplaces, with the last error in plain words. */
export function PublicationStatus({ connections, publications }: { connections: { connectionId: string; name: string; marketplace: string }[]; publications: Publication[] }) {
  if (connections.length === 0) return null;
  return (
    <section aria-label="On the marketplaces" className="mb-6 grid gap-3 md:grid-cols-2">
      {connections.map((c) => {
        const p = publications.find((x) => x.connectionId === c.connectionId);
        const key = (p?.state ?? "NOT_PUBLISHED") as PublicationStateKey;
        const s = PUBLICATION_STATE[key];
        const vocabulary = isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace).texts.errors : {};
        const warnings = Array.isArray(p?.warnings) ? (p!.warnings as { message?: string; code?: string }[]) : [];
        return (
          <div key={c.connectionId} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`publication-${c.name}`}>
            <div className="flex items-center justify-between gap-2">
              <p className="font-medium">{c.name}</p>
              <Badge tone={p && !p.enabled ? "gray" : s.tone}>{p && !p.enabled ? "Off for this car" : s.label}</Badge>
            </div>
            <p className="mt-1 text-xs text-slate-500">{s.help}{p?.sentAt ? ` Last sent ${p.sentAt.toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" })}.` : ""}{p?.remoteId ? ` Id ${p.remoteId}.` : ""}</p>
            {p?.state === "ERROR" && (
              <p role="alert" className="mt-2 text-sm text-red-800">{explainError(p.lastErrorCode, p.lastErrorMessage, vocabulary)}
                {p.lastErrorMessage && explainError(p.lastErrorCode, null, vocabulary) !== p.lastErrorMessage && <span className="block text-xs text-red-700">{p.lastErrorMessage}</span>}
                {p.lastErrorCode && <span className="ml-1 font-mono text-xs text-slate-500">({p.lastErrorCode})</span>}
              </p>
            )}
            {p && !p.enabled && p.lastErrorCode === "MIGRATION_HELD" && <HeldNote message={p.lastErrorMessage} />}
            {warnings.length > 0 && <ul className="mt-2 text-sm text-amber-800">{warnings.map((w, i) => <li key={i}>⚠ {w.message ?? w.code}</li>)}</ul>}
            {p?.driftDetectedAt && <p className="mt-2 text-sm text-amber-800">Changed on the marketplace since our last update; the next sync puts your version back.</p>}
          </div>
        );
      })}
    </section>
  );
}
