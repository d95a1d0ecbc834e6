/**
 * XLSX export and import of listings (ExcelJS; docs/decisions/0007-spreadsheets.md says why).
 * The same columns, labels and list forms as the CSV (lib/listings/csv.ts), but typed: prices,
 * mileage and other numbers are number cells, the first registration a date cell, everything else
 * a text cell — a text cell is never a formula, so nothing a dealer typed can run in Excel.
 *
 * Import reads the first sheet into a table and hands it to the CSV's merge, preview and undo.
 * Number cells are numbers (no locale guessing); a formula cell gives the value Excel computed and
 * saved with it, and one without such a value is refused on its own cell. The server is protected
 * before ExcelJS opens anything: a size cap on the upload, and a zip guard that inflates with a
 * hard limit (lib/util/zip-bounds.ts), so a zip bomb is refused after bounded work.
 */
import "server-only";
import ExcelJS from "exceljs";
import { msg } from "@/lib/i18n/message";
import type { Language } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { db } from "@/lib/db";
import { fromRow } from "@/lib/listings/store";
import { gridWhere, type GridQuery } from "@/lib/listings/grid";
import { CellRefused, columnKind, MAX_CSV_ROWS, textCell, type SheetCell, type SheetTable } from "@/lib/listings/csv";
import { CSV_COLUMNS, csvWriting, type CsvWriting } from "@/lib/listings/csv-vocabulary";
import { columnGuide } from "@/lib/listings/template";
import type { Listing } from "@/lib/listings/schema";
import { checkZipBounds } from "@/lib/util/zip-bounds";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The upload cap (as for a CSV). */
export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
/** What a workbook may unpack to: a 10 000-car export is about 25 MB of XML. */
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Parts of a workbook: a few dozen in any real one. */
const MAX_XLSX_ENTRIES = 500;
/** Columns read from the sheet: ours are about 60. */
const MAX_XLSX_COLUMNS = 200;

/** How a number column is shown in Excel (the separators follow the reader's own Excel). */
const NUMBER_FORMATS: Partial<Record<string, string>> = { price: "#,##0.00", mileage: "#,##0", latitude: "0.0000000", longitude: "0.0000000" };

/** One field as a typed spreadsheet value. */
function xlsxCell(listing: Listing, column: (typeof CSV_COLUMNS)[number], words: CsvWriting): ExcelJS.CellValue {
  const value = listing[column];
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (columnKind(column) === "month" && typeof value === "string") {
    const [year, month] = value.split("-").map(Number);
    return new Date(Date.UTC(year!, month! - 1, 1));
  }
  return textCell(listing, column, words);
}

/** The cars sheet's name, header row and column formats. */
async function carsSheet(workbook: ExcelJS.Workbook, language: Language) {
  const [{ t }, words] = await Promise.all([translatorFor(language), csvWriting(language)]);
  const sheet = workbook.addWorksheet(t("spreadsheet.carsSheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = CSV_COLUMNS.map((column) => {
    const kind = columnKind(column);
    const numFmt = kind === "month" ? "yyyy-mm" : (NUMBER_FORMATS[column] ?? (kind === "number" ? "General" : "@"));
    return { header: words.header[column]!, key: column, width: Math.max(12, Math.min(40, words.header[column]!.length + 4)), style: { numFmt } };
  });
  sheet.getRow(1).font = { bold: true };
  return { sheet, words };
}

/** The listings matching the grid's filter as an XLSX workbook in the reader's language. */
export async function exportXlsx(dealerId: string, query: GridQuery, language: Language = "en"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const { sheet, words } = await carsSheet(workbook, language);
  const where = await gridWhere(dealerId, query);
  let cursor: string | undefined;
  for (;;) {
    const page = await db.listing.findMany({ where, orderBy: { id: "asc" }, take: 500, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    if (page.length === 0) break;
    for (const row of page) {
      const listing = fromRow(row);
      sheet.addRow(CSV_COLUMNS.map((column) => xlsxCell(listing, column, words)));
    }
    cursor = page[page.length - 1]!.id;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The import template: an empty cars sheet, and a second sheet explaining every column. */
export async function xlsxTemplate(language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await carsSheet(workbook, language);
  const [{ t }, guide] = await Promise.all([translatorFor(language), columnGuide(language)]);
  const explanation = workbook.addWorksheet(t("spreadsheet.explanationSheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  explanation.columns = [
    { header: t("csv.column"), width: 28 }, { header: t("csv.holds"), width: 60 }, { header: t("spreadsheet.example"), width: 36 },
    { header: t("spreadsheet.requiredHeader"), width: 18 }, { header: t("csv.fieldName"), width: 22 },
  ];
  explanation.getRow(1).font = { bold: true };
  // Every cell here is text: an example such as "-" or "=" would otherwise become a formula.
  for (const c of guide) explanation.addRow([c.label, c.holds, c.example, c.requiredText, c.field]).eachCell((cell) => { cell.numFmt = "@"; cell.alignment = { wrapText: true, vertical: "top" }; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One cell as the import reads it; formulas give their computed value. */
function readCell(value: ExcelJS.CellValue): SheetCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("error" in value) return new CellRefused(msg("spreadsheet.errorCell", { error: value.error }));
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : readCell(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    // Excel saves what a formula computed; a file without it (written by a program) says nothing we could trust.
    if (result === undefined || result === null) return new CellRefused(msg("spreadsheet.formulaWithoutValue"));
    return readCell(result as ExcelJS.CellValue);
  }
  return undefined;
}

const refused = (message: string): SheetTable => ({ headers: [], records: [], delimiter: null, escaped: false, errors: [], problems: [{ line: 1, reference: null, field: "", message }] });

/**
 * An uploaded workbook as a table for the import: its first sheet, the header in row 1. Refuses,
 * with a message for the dealer, a file that is too large, unpacks too large, or is no workbook.
 */
export async function xlsxTable(file: Buffer): Promise<SheetTable> {
  if (file.length > MAX_XLSX_BYTES) return refused(msg("csv.tooLarge"));
  const bounds = checkZipBounds(file, { maxBytes: MAX_XLSX_UNPACKED_BYTES, maxEntries: MAX_XLSX_ENTRIES });
  if (!bounds.ok) return refused(bounds.reason === "notZip" ? msg("spreadsheet.notXlsx") : msg("spreadsheet.unpacksTooLarge", { max: MAX_XLSX_UNPACKED_BYTES / 1024 / 1024 }));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    return refused(msg("spreadsheet.notXlsx"));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return refused(msg("spreadsheet.noSheet"));
  if (sheet.actualRowCount - 1 > MAX_CSV_ROWS) return refused(msg("csv.tooManyRows", { max: MAX_CSV_ROWS, rows: sheet.actualRowCount - 1 }));
  const width = Math.min(sheet.getRow(1).cellCount, MAX_XLSX_COLUMNS);
  // Header per column number; an empty header cell leaves its column out.
  const headers: [number, string][] = [];
  for (let c = 1; c <= width; c++) {
    const header = readCell(sheet.getRow(1).getCell(c).value);
    if (header !== undefined && !(header instanceof CellRefused) && String(header).trim()) headers.push([c, String(header).trim()]);
  }
  const records: SheetTable["records"] = [];
  const lines: number[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue; // as the CSV skips empty lines
    const record: SheetTable["records"][number] = {};
    // A cell with no value is an empty cell: it clears only when the dealer chose so.
    for (const [c, header] of headers) if (!(header in record)) record[header] = readCell(row.getCell(c).value) ?? "";
    records.push(record);
    lines.push(r);
  }
  return { headers: headers.map(([, h]) => h), records, lines, delimiter: null, escaped: false, errors: [], problems: [] };
}
