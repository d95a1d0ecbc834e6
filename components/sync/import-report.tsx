"use client";
/** After importing ads that existed only on the marketplace: what came in, what did not and why, and per ad what had no place in a car. */
import { useTranslations } from "next-intl";
import { useMessage } from "@/components/ui/use-message";
import type { ImportResult } from "@/lib/sync/import";

export function ImportReport({ result }: { result: ImportResult }) {
  const t = useTranslations("imports.report");
  const text = useMessage();
  return (
    <div role="status" className="mt-2 space-y-2 text-sm" data-testid="import-report">
      <p className="text-emerald-800">{t("imported", { count: result.imported.length })}</p>
      {result.skipped.length > 0 && (
        <div>
          <p className="font-medium text-slate-800">{t("skipped", { count: result.skipped.length })}</p>
          <ul className="list-disc pl-5 text-slate-700">{result.skipped.map((s) => <li key={s.reference}><span className="font-mono text-xs" data-verbatim>{s.reference}</span>{s.field ? ` (${s.field})` : ""} — {text(s.reason)}</li>)}</ul>
        </div>
      )}
      {result.notKept.map((n) => (
        <details key={n.reference} className="rounded-md border border-amber-200 bg-amber-50 p-2">
          <summary className="cursor-pointer text-amber-900">{t("notKept", { reference: n.reference, count: n.fields.length })}</summary>
          <table className="mt-1 w-full text-xs">
            <thead><tr className="text-left text-slate-500"><th scope="col" className="pr-2">{t("field")}</th><th scope="col" className="pr-2">{t("value")}</th><th scope="col">{t("why")}</th></tr></thead>
            <tbody>{n.fields.map((f, i) => <tr key={i} className="align-top"><td className="pr-2 font-mono">{f.field}</td><td className="break-all pr-2">{f.value}</td><td>{text(f.reason)}</td></tr>)}</tbody>
          </table>
        </details>
      ))}
      {result.notKept.length > 0 && <p className="text-xs text-slate-500">{t("audit")}</p>}
    </div>
  );
}
