"use client";
import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useMessage } from "@/components/ui/use-message";
import type { NumberConvention } from "@/lib/i18n/numbers";
import type { ColumnKind } from "@/lib/listings/csv";
import { importCsvAction, previewCsvAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { tableClass } from "@/components/ui/card";
import { ChangeList } from "@/components/listings/change-list";
import { UndoChanges } from "@/components/listings/undo-changes";

const MAX_BYTES = 5 * 1024 * 1024;

export interface TemplateColumn { field: string; label: string; kind: ColumnKind; holds: string; example: string; requiredText: string }

/** An Excel workbook travels to the server as base64 (server actions take text); a CSV as its text. */
const isWorkbook = (file: File) => /\.xlsx$/i.test(file.name) || file.type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * Upload → preview (every car's changes old → new, cars going offline or coming online, problems
 * and doubtful values; nothing written) → import in one transaction → what was written, with Undo.
 */
export function CsvImport({ dealer, template, delimiter, columns, currency }: { dealer: string; template: string; delimiter: string; columns: TemplateColumn[]; currency: string }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [format, setFormat] = useState<"csv" | "xlsx">("csv");
  const [fileName, setFileName] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [numbers, setNumbers] = useState<NumberConvention | undefined>(undefined);
  const [confirmed, setConfirmed] = useState(false);
  const [emptyClears, setEmptyClears] = useState(false);
  const t = useTranslations("csv");
  const ts = useTranslations("spreadsheet");
  const tf = useTranslations("fields");
  const text = useMessage();
  const preview = useAction(previewCsvAction);
  const run = useAction(importCsvAction);
  const p = preview.result.data;
  const columnName = (field: string, column?: string) => column ?? (field ? (tf as unknown as (k: string) => string)(`${field.split(".")[0]}`) : "—");

  const onFile = async (file: File | undefined) => {
    preview.reset();
    run.reset();
    setCsv(null);
    setConfirmed(false);
    if (!file) return;
    if (file.size > MAX_BYTES) return setFileError(t("tooLarge"));
    setFileError(null);
    setFileName(file.name);
    const kind = isWorkbook(file) ? "xlsx" : "csv";
    const content = kind === "xlsx" ? await base64Of(file) : await file.text();
    setCsv(content);
    setFormat(kind);
    setNumbers(undefined);
    preview.execute({ dealer, csv: content, format: kind, skipInvalid: false, emptyClears });
  };

  const href = "data:text/csv;charset=utf-8," + encodeURIComponent(template);
  const done = run.result.data;
  const imported = done?.imported;
  const blocking = p?.warnings.filter((w) => w.mustConfirm).length ?? 0;
  return (
    <div className="space-y-6">
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <label htmlFor="csv-file" className="block text-sm font-medium text-slate-700">{ts("file")}</label>
        <input id="csv-file" type="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block w-full max-w-full text-sm" onChange={(e) => onFile(e.target.files?.[0])} />
        <label className="mt-3 flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox" className="mt-0.5 h-4 w-4" checked={emptyClears}
            onChange={(e) => {
              setEmptyClears(e.target.checked);
              run.reset();
              if (csv) preview.execute({ dealer, csv, format, skipInvalid: false, numbers, emptyClears: e.target.checked });
            }}
          />
          <span><span className="font-medium">{t("emptyClears")}</span> <span className="block text-xs text-slate-500">{t("emptyClearsHelp")}</span></span>
        </label>
        <p className="mt-2 text-xs text-slate-500">
          {t("intro", { delimiter })} {t("updates")}
        </p>
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="templates">
          <span className="text-slate-700">{ts("templates")}</span>
          <a className="text-brand-700 underline" href={href} download={t("templateFile")}>{ts("templateCsv")}</a>
          <a className="text-brand-700 underline" href={`/d/${dealer}/listings/export?template=1&format=xlsx`} download>{ts("templateXlsx")}</a>
        </p>
        <p className="mt-1 text-xs text-slate-500">{ts("csvTemplateNote")}</p>
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">{t("columnsTitle")}</summary>
          <div className="mt-2 max-h-96 overflow-auto">
            <table className={tableClass.table}>
              <thead><tr><th scope="col" className={tableClass.th}>{t("column")}</th><th scope="col" className={tableClass.th}>{t("holds")}</th><th scope="col" className={tableClass.th}>{ts("example")}</th><th scope="col" className={tableClass.th}>{ts("requiredHeader")}</th><th scope="col" className={tableClass.th}>{t("fieldName")}</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {columns.map((c) => (
                  <tr key={c.field}>
                    <td className={tableClass.td}>{c.label}</td>
                    <td className={tableClass.td}>{c.holds}</td>
                    <td className={`${tableClass.td} break-words text-xs`} data-verbatim>{c.example}</td>
                    <td className={tableClass.td}>{c.requiredText}</td>
                    <td className={`${tableClass.td} font-mono text-xs`} data-verbatim>{c.field}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
        <div className="mt-3"><FormMessage error={fileError ?? preview.result.serverError ?? preview.result.validationErrors?.csv?._errors?.[0]} /></div>
        {preview.isPending && <p role="status" className="mt-3 text-sm text-slate-600">{t("checking", { file: fileName })}</p>}
      </div>

      {p && (
        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="preview-title">
          <h2 id="preview-title" className="text-base font-semibold">{t("previewTitle", { file: fileName })}</h2>
          <p className="mt-1 text-sm text-slate-600" data-testid="csv-summary">
            {t("summary", { rows: p.rows, creates: p.creates, updates: p.updates, unchanged: p.unchanged, invalid: p.rows - p.valid })}{" "}
            {!done?.imported && t("notWrittenYet")}
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
                setConfirmed(false);
                run.reset();
                if (csv) preview.execute({ dealer, csv, format, skipInvalid: false, numbers: chosen, emptyClears });
              }}
            >
              <option value="comma-decimal">{t("commaDecimal")}</option>
              <option value="dot-decimal">{t("dotDecimal")}</option>
            </select>
            <span className="text-slate-500" data-testid="csv-numbers-source">{numbers ? t("numbersChosen") : p.numbers.detected ? t("numbersDetected") : t("numbersAssumed")}</span>
          </div>
          {p.unknownColumns.length > 0 && <p className="mt-1 text-sm text-amber-800">{t("ignoredColumns")} <span data-verbatim>{p.unknownColumns.join(", ")}</span></p>}
          {(p.goingOffline > 0 || p.comingOnline > 0) && (
            <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="csv-moves">
              {p.goingOffline > 0 && <p className="font-semibold">{t("goingOffline", { count: p.goingOffline })}</p>}
              {p.comingOnline > 0 && <p className="font-semibold">{t("comingOnline", { count: p.comingOnline })}</p>}
            </div>
          )}
          {p.cars.length > 0 && (
            <details className="mt-4" open={p.cars.length <= 50}>
              <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("changesTitle", { count: p.creates + p.updates })}</summary>
              <div className="mt-2 max-h-[32rem] overflow-auto">
                <table className={tableClass.table} data-testid="csv-changes">
                  <thead><tr><th scope="col" className={tableClass.th}>{t("reference")}</th><th scope="col" className={tableClass.th}>{t("whatChanges")}</th></tr></thead>
                  <tbody className="divide-y divide-slate-100">
                    {p.cars.map((c) => (
                      <tr key={c.reference}>
                        <td className={`${tableClass.td} align-top`}>
                          <span className="font-mono text-xs" data-verbatim>{c.reference}</span>
                          <span className="ml-2 text-xs text-slate-500">{c.kind === "create" ? t("newCar") : t("changedCar")}</span>
                          {c.marketplace && (
                            <span className={`mt-1 block text-xs font-semibold ${c.marketplace === "offline" ? "text-red-800" : "text-green-800"}`}>
                              {t(c.marketplace === "offline" ? "offlineOn" : "onlineOn")} <span data-verbatim>{c.marketplaces.join(", ")}</span>
                            </span>
                          )}
                        </td>
                        <td className={tableClass.td}><ChangeList changes={c.changes} currency={String(c.changes.find((x) => x.field === "currency")?.to ?? currency)} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {p.creates + p.updates > p.cars.length && <p className="mt-1 text-xs text-slate-500">{t("changesMore", { shown: p.cars.length, total: p.creates + p.updates })}</p>}
            </details>
          )}
          {p.problems.length > 0 && (
            <table className={`${tableClass.table} mt-4`}>
              <caption className="sr-only">{t("problemsCaption")}</caption>
              <thead><tr><th scope="col" className={tableClass.th}>{t("line")}</th><th scope="col" className={tableClass.th}>{t("reference")}</th><th scope="col" className={tableClass.th}>{t("column")}</th><th scope="col" className={tableClass.th}>{t("problem")}</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {p.problems.slice(0, 500).map((x, i) => (
                  <tr key={i}><td className={tableClass.td}>{x.line}</td><td className={`${tableClass.td} font-mono text-xs`} data-verbatim>{x.reference ?? "—"}</td><td className={`${tableClass.td} text-xs`} data-verbatim={x.column ? "" : undefined}>{columnName(x.field, x.column)}</td><td className={tableClass.td}>{text(x.message)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          {p.warnings.length > 0 && (
            <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="csv-warnings">
              <h3 className="font-semibold">{t("warningsTitle", { count: p.warnings.length })}</h3>
              <p className="mt-1">{blocking > 0 ? t("warningsMustConfirm") : t("warningsIntro")}</p>
              <table className={`${tableClass.table} mt-2`}>
                <thead><tr><th scope="col" className={tableClass.th}>{t("line")}</th><th scope="col" className={tableClass.th}>{t("reference")}</th><th scope="col" className={tableClass.th}>{t("column")}</th><th scope="col" className={tableClass.th}>{t("check")}</th></tr></thead>
                <tbody className="divide-y divide-amber-100">
                  {p.warnings.slice(0, 500).map((w, i) => (
                    <tr key={i}><td className={tableClass.td}>{w.line}</td><td className={`${tableClass.td} font-mono text-xs`} data-verbatim>{w.reference}</td><td className={`${tableClass.td} text-xs`} data-verbatim={w.column ? "" : undefined}>{columnName(w.field, w.column)}</td><td className={tableClass.td}>{text(w.message)}</td></tr>
                  ))}
                </tbody>
              </table>
              {blocking > 0 && (
                <label className="mt-3 flex items-start gap-2 font-medium">
                  <input type="checkbox" className="mt-0.5 h-4 w-4" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                  {t("confirmWarnings", { count: blocking })}
                </label>
              )}
            </div>
          )}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {p.creates + p.updates > 0 && csv && imported === undefined && (
              <Button disabled={run.isPending || (blocking > 0 && !confirmed)} onClick={() => run.execute({ dealer, csv, format, skipInvalid: p.problems.length > 0, numbers: p.numbers.convention, confirmWarnings: confirmed, emptyClears })}>
                {run.isPending ? t("importing") : p.problems.length > 0 ? t("importValid", { count: p.creates + p.updates }) : t("importAll", { count: p.creates + p.updates })}
              </Button>
            )}
            {p.valid > 0 && p.creates + p.updates === 0 && <p role="status" className="text-sm text-slate-700">{t("nothingToWrite")}</p>}
            <FormMessage error={run.result.serverError} success={done && done.imported > 0 ? t("written", { created: done.created, updated: done.updated, unchanged: done.unchanged, skipped: done.skipped }) : null} />
            {done && done.imported === 0 && done.preview.creates + done.preview.updates > 0 && <p role="alert" className="text-sm text-red-800">{t("nothingImported")}</p>}
            {done?.changeSetId && <UndoChanges dealer={dealer} changeSetId={done.changeSetId} />}
            {imported !== undefined && imported > 0 && <Link className="text-sm text-brand-700 underline" href={`/d/${dealer}/listings`}>{t("seeListings")}</Link>}
          </div>
        </section>
      )}
    </div>
  );
}
