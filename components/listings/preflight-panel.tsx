"use client";
import { useTranslations } from "next-intl";
import { preflight } from "@/lib/listings/preflight";
import type { Listing } from "@/lib/listings/schema";
import type { EditorConnection, ChannelValues } from "@/components/listings/listing-editor";
import { useProblemText } from "@/components/listings/problem-text";

const focusField = (field: string) => {
  const name = `listing.${field.split(".")[0]}`;
  const el = document.getElementsByName(name)[0] as HTMLElement | undefined;
  el?.focus();
};

/** A live checklist per marketplace the car is published on, from each adapter's own rules. */
export function PreflightPanel({ listing, connections, channels }: { listing: Listing | null; connections: EditorConnection[]; channels: Record<string, Partial<ChannelValues>> }) {
  const t = useTranslations("preflight");
  const problemText = useProblemText();
  const enabled = connections.filter((c) => channels[c.connectionId]?.enabled !== false);
  if (connections.length === 0) {
    return <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm" aria-label={t("title")}>{t("noConnection")}</section>;
  }
  const overrides = Object.fromEntries(Object.entries(channels).map(([id, c]) => [id, { title: c.title ?? null, description: c.description ?? null, price: c.price ?? null }]));
  const results = listing ? preflight(listing, enabled, overrides) : [];
  return (
    <section className="space-y-3" aria-label={t("title")} aria-live="polite">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{t("title")}</h2>
      {!listing && <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t("fixFirst")}</p>}
      {enabled.length === 0 && <p className="text-sm text-slate-600">{t("nowhere")}</p>}
      {results.map((r) => {
        const errors = r.problems.filter((p) => p.severity === "error");
        const warnings = r.problems.filter((p) => p.severity === "warning");
        return (
          <div key={r.connectionId} className={`rounded-lg border p-3 shadow-sm ${r.ok ? "border-emerald-200 bg-emerald-50" : "border-red-200 bg-red-50"}`} data-testid={`preflight-${r.name}`}>
            <p className={`text-sm font-semibold ${r.ok ? "text-emerald-800" : "text-red-800"}`}>{r.ok ? `✓ ${t("ready", { name: r.name })}` : `✗ ${t("toFix", { name: r.name, count: errors.length })}`}</p>
            {(errors.length > 0 || warnings.length > 0) && (
              <ul className="mt-2 space-y-1 text-sm">
                {[...errors, ...warnings].map((p, i) => {
                  const words = problemText(r.identity.marketplace, p);
                  const label = <span>{words.text}</span>;
                  return (
                  <li key={i} className={p.severity === "error" ? "text-red-800" : "text-amber-800"}>
                    {p.field ? <button type="button" className="text-left underline decoration-dotted" onClick={() => focusField(p.field)}>{label}</button> : label}
                    <span className="sr-only"> ({t(p.severity === "error" ? "error" : "warning")})</span>
                  </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}
