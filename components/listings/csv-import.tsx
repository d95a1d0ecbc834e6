"use client";
import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useMessage } from "@/components/ui/use-message";
import type { NumberConvention } from "@/lib/i18n/numbers";
import { importCsvAction, previewCsvAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { tableClass } from "@/components/ui/card";

const MAX_BYTES = 5 * 1024 * 1024;

/** Upload → preview (every row's problems, nothing written) → import in one transaction. */
export function CsvImport({ dealer, columns }: { dealer: string; columns: string[] }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [numbers, setNumbers] = useState<NumberConvention | undefined>(undefined);
  const t = useTranslations("csv");
  const text = useMessage();
  const preview = useAction(previewCsvAction);
  const run = useAction(importCsvAction);
  const p = preview.result.data;

  const onFile = async (file: File | undefined) => {
    preview.reset();
    run.reset();
    setCsv(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setFileError("The file is larger than 5 MB; split it into smaller files.");
    setFileError(null);
    setFileName(file.name);
    const text = await file.text();
    setCsv(text);
    setNumbers(undefined);
    preview.execute({ dealer, csv: text, skipInvalid: false });
  };

  const template = "data:text/csv;charset=utf-8," + encodeURIComponent(columns.join(",") + "\r\n");
  const imported = run.result.data?.imported;
  return (
    <div className="space-y-6">
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <label htmlFor="csv-file" className="block text-sm font-medium text-slate-700">CSV file</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" className="mt-1 block text-sm" onChange={(e) => onFile(e.target.files?.[0])} />
        <p className="mt-2 text-xs text-slate-500">
          One car per row, a header row with the column names. Lists (photos, features, condition tags) are separated by “|”; a feature may be “Category: Name”.{" "}
          <a className="text-brand-700 underline" href={template} download="forecourt-listings-template.csv">Download the template</a>. Rows whose reference you already have update that car.
        </p>
        <div className="mt-3"><FormMessage error={fileError ?? preview.result.serverError ?? preview.result.validationErrors?.csv?._errors?.[0]} /></div>
        {preview.isPending && <p role="status" className="mt-3 text-sm text-slate-600">Checking {fileName}…</p>}
      </div>

      {p && (
        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="preview-title">
          <h2 id="preview-title" className="text-base font-semibold">Preview of {fileName}</h2>
          <p className="mt-1 text-sm text-slate-600" data-testid="csv-summary">
            {p.rows} row(s): {p.valid} valid ({p.creates} new, {p.updates} update{p.updates === 1 ? "" : "s"}), {p.rows - p.valid} with problems. Nothing has been written yet.
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor="csv-numbers" className="text-slate-700">{t("numbersLabel")}</label>
            <select
              id="csv-numbers"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              value={p.numbers.convention}
              onChange={(e) => {
                const chosen = e.target.value as NumberConvention;
                setNumbers(chosen);
                run.reset();
                if (csv) preview.execute({ dealer, csv, skipInvalid: false, numbers: chosen });
              }}
            >
              <option value="comma-decimal">{t("commaDecimal")}</option>
              <option value="dot-decimal">{t("dotDecimal")}</option>
            </select>
            <span className="text-slate-500" data-testid="csv-numbers-source">{numbers ? t("numbersChosen") : p.numbers.detected ? t("numbersDetected") : t("numbersAssumed")}</span>
          </div>
          {p.unknownColumns.length > 0 && <p className="mt-1 text-sm text-amber-800">Ignored columns: {p.unknownColumns.join(", ")}.</p>}
          {p.problems.length > 0 && (
            <table className={`${tableClass.table} mt-4`}>
              <caption className="sr-only">Problems per row</caption>
              <thead><tr><th scope="col" className={tableClass.th}>Line</th><th scope="col" className={tableClass.th}>Reference</th><th scope="col" className={tableClass.th}>Field</th><th scope="col" className={tableClass.th}>Problem</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {p.problems.slice(0, 500).map((x, i) => (
                  <tr key={i}><td className={tableClass.td}>{x.line}</td><td className={`${tableClass.td} font-mono text-xs`}>{x.reference ?? "—"}</td><td className={`${tableClass.td} font-mono text-xs`}>{x.field || "—"}</td><td className={tableClass.td}>{text(x.message)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {p.valid > 0 && csv && imported === undefined && (
              <Button disabled={run.isPending} onClick={() => run.execute({ dealer, csv, skipInvalid: p.problems.length > 0, numbers: p.numbers.convention })}>
                {run.isPending ? "Importing…" : p.problems.length > 0 ? `Import the ${p.valid} valid row(s), skip the rest` : `Import ${p.valid} row(s)`}
              </Button>
            )}
            <FormMessage error={run.result.serverError} success={imported !== undefined ? `Imported ${imported} car(s).` : null} />
            {imported !== undefined && <Link className="text-sm text-brand-700 underline" href={`/d/${dealer}/listings`}>See your listings</Link>}
          </div>
        </section>
      )}
    </div>
  );
}
