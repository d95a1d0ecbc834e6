"use client";
/** The dealer's recent imports and bulk changes, each with Undo while it can still be undone. */
import { useFormatter, useTranslations } from "next-intl";
import type { ChangeSetView } from "@/lib/listings/changesets";
import { UndoChanges } from "@/components/listings/undo-changes";
import { UNDO_WINDOW_DAYS } from "@/lib/listings/merge";

export function RecentChanges({ dealer, changes }: { dealer: string; changes: ChangeSetView[] }) {
  const t = useTranslations("changes");
  const format = useFormatter();
  if (changes.length === 0) return null;
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="recent-changes">
      <h2 id="recent-changes" className="text-base font-semibold">{t("recentTitle")}</h2>
      <p className="mt-1 text-xs text-slate-500">{t("undoHint", { days: UNDO_WINDOW_DAYS })}</p>
      <ul className="mt-3 divide-y divide-slate-100">
        {changes.map((c) => {
          const n = (key: string) => Number(c.summary[key] ?? 0);
          return (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm" data-testid="recent-change">
              <span>
                <span className="font-medium">{c.kind === "import" ? t("kindImport") : t("kindBulk")}</span>{" "}
                {t("counts", { created: n("created"), updated: n("updated") })}{" "}
                <span className="text-slate-500">{format.dateTime(new Date(c.createdAt), { dateStyle: "medium", timeStyle: "short" })}{c.actor && <> · <span data-verbatim>{c.actor}</span></>}</span>
              </span>
              {c.undoable ? <UndoChanges dealer={dealer} changeSetId={c.id} /> : <span className="text-slate-500">{t("wasUndone")}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
