/**
 * CSV import and export of listings (Papa Parse: RFC 4180 quoting, BOMs, line endings). One column
 * per canonical field; list fields (images, features, condition tags) are separated by "|".
 * Import is two steps: a preview that validates every row and writes nothing, then one
 * transaction that writes the valid rows.
 */
import Papa from "papaparse";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { listingSchema, type Listing } from "@/lib/listings/schema";
import { fromRow, toRow } from "@/lib/listings/store";
import { gridWhere, type GridQuery } from "@/lib/listings/grid";
import { notifyListingsChanged } from "@/lib/listings/events";
import { msg } from "@/lib/i18n/message";
import { detectConvention, parseMileage, parseNumber, type NumberConvention, type Parsed } from "@/lib/i18n/numbers";

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 10_000;

/** Column order of exports and of the import template. */
export const CSV_COLUMNS = Object.keys(listingSchema.shape) as (keyof Listing)[];
const LIST_COLUMNS = new Set(["images", "conditionTags", "features"]);
const BOOLEAN_COLUMNS = new Set(["serviceHistory", "warranty", "registrationNumberHidden"]);
/** Number columns and how each is written (decimals allowed, sign). Mileage also understands "mil". */
const NUMBER_COLUMNS: Record<string, { decimals: number; allowNegative?: boolean }> = {
  price: { decimals: 2 }, year: { decimals: 0 }, mileage: { decimals: 0 }, gears: { decimals: 0 }, doors: { decimals: 0 },
  seats: { decimals: 0 }, powerKw: { decimals: 1 }, weight: { decimals: 0 }, previousOwners: { decimals: 0 },
  warrantyMonths: { decimals: 0 }, co2Emission: { decimals: 0 }, fuelConsumption: { decimals: 2 },
  latitude: { decimals: 7, allowNegative: true }, longitude: { decimals: 7, allowNegative: true },
};
export const NUMBER_CONVENTIONS = ["comma-decimal", "dot-decimal"] as const satisfies readonly NumberConvention[];

export const csvImportSchema = z.object({
  dealer: z.string().min(1).max(64),
  csv: z.string().min(1, "Choose a CSV file.").max(MAX_CSV_BYTES, "The file is larger than 5 MB; split it into smaller files."),
  /** Import the valid rows even when others have errors. */
  skipInvalid: z.boolean().default(false),
  /** How the file writes numbers; absent: detected from the file, else the reader's own convention. */
  numbers: z.enum(NUMBER_CONVENTIONS).optional(),
});

export interface RowProblem {
  /** Line in the file (the header is line 1). */
  line: number;
  reference: string | null;
  field: string;
  message: string;
}

export interface CsvPreview {
  rows: number;
  valid: number;
  creates: number;
  updates: number;
  problems: RowProblem[];
  unknownColumns: string[];
  /** How numbers were read, and whether the file itself said so (else the reader's convention). */
  numbers: { convention: NumberConvention; detected: boolean };
}

/**
 * Spreadsheet formula injection: Excel and LibreOffice run a cell that starts with = + - @ (or a
 * tab or carriage return before one) as a formula — `=HYPERLINK(…)` in a car's title would become
 * a live link in the dealer's spreadsheet. Export prefixes such cells with an apostrophe (OWASP's
 * advice; Papa Parse's `escapeFormulae` with this pattern), and import takes exactly one apostrophe
 * off again, so exporting and re-importing changes nothing. Values that already start with
 * apostrophes before such a character get one more, so the round trip stays exact for them too.
 */
const FORMULA_START = /^'*[=+\-@\t\r\n]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r\n]/;

export const unescapeFormula = (cell: string) => (ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell);

function cellToValue(column: string, rawCell: string, numbers: NumberConvention): unknown {
  const cell = unescapeFormula(rawCell);
  const value = cell.trim();
  if (value === "") return undefined;
  const numeric = NUMBER_COLUMNS[column];
  if (numeric) {
    const parsed: Parsed = column === "mileage" ? parseMileage(value, numbers) : parseNumber(value, numbers, numeric);
    return parsed.ok ? parsed.value : new NumberCellProblem(parsed.problem, value);
  }
  if (LIST_COLUMNS.has(column)) {
    const items = value.split("|").map((s) => s.trim()).filter(Boolean);
    if (column !== "features") return items;
    return items.map((item) => {
      const [category, name] = item.includes(":") ? item.split(/:(.*)/s).map((s) => s.trim()) : [null, item];
      return { category: category || null, name };
    });
  }
  if (BOOLEAN_COLUMNS.has(column)) {
    if (/^(true|yes|ja|oui|1)$/i.test(value)) return true;
    if (/^(false|no|nee|non|nej|0)$/i.test(value)) return false;
    return value; // the schema names the problem
  }
  return value;
}

/** A number cell that cannot be read as the file's convention writes numbers. */
class NumberCellProblem {
  constructor(readonly problem: string, readonly text: string) {}
}

interface ParsedRow {
  line: number;
  reference: string | null;
  listing?: Listing;
  problems: RowProblem[];
}

/** The convention a file's number cells are written in (see lib/i18n/numbers.ts), if it shows. */
function fileConvention(records: Record<string, string>[], delimiter: string): NumberConvention | null {
  const cells = (function* () {
    for (const record of records) for (const column of Object.keys(NUMBER_COLUMNS)) if (record[column]) yield record[column]!;
  })();
  return detectConvention(cells, delimiter);
}

/**
 * Parses and validates; writes nothing. Numbers are read in `numbers` when given, else in the
 * convention the file shows, else in `fallback` (the reader's own).
 */
export function parseListingsCsv(text: string, options: { numbers?: NumberConvention; fallback?: NumberConvention } = {}): { rows: ParsedRow[]; unknownColumns: string[]; fileProblems: RowProblem[]; numbers: CsvPreview["numbers"] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  const headers = parsed.meta.fields ?? [];
  const detected = options.numbers ? null : fileConvention(parsed.data, parsed.meta.delimiter);
  const numbers = { convention: options.numbers ?? detected ?? options.fallback ?? "comma-decimal", detected: !options.numbers && detected !== null };
  const fileProblems: RowProblem[] = [];
  for (const required of ["reference", "title"]) {
    if (!headers.includes(required)) fileProblems.push({ line: 1, reference: null, field: required, message: `The header row has no "${required}" column.` });
  }
  if (parsed.data.length > MAX_CSV_ROWS) fileProblems.push({ line: 1, reference: null, field: "", message: `At most ${MAX_CSV_ROWS.toLocaleString("en")} rows per file; this one has ${parsed.data.length.toLocaleString("en")}.` });
  const unknownColumns = headers.filter((h) => !(CSV_COLUMNS as string[]).includes(h));
  if (fileProblems.length) return { rows: [], unknownColumns, fileProblems, numbers };

  const seen = new Map<string, number>();
  const rows = parsed.data.map((record, index): ParsedRow => {
    const line = index + 2;
    const input: Record<string, unknown> = {};
    const problems: RowProblem[] = [];
    for (const column of CSV_COLUMNS) {
      if (record[column] === undefined) continue;
      const value = cellToValue(column, record[column] ?? "", numbers.convention);
      if (value instanceof NumberCellProblem) problems.push({ line, reference: record.reference?.trim() || null, field: column, message: msg(`numbers.${value.problem}`, { text: value.text, example: numbers.convention === "comma-decimal" ? "18.950" : "18,950", group: numbers.convention === "comma-decimal" ? "." : ",", decimal: numbers.convention === "comma-decimal" ? "," : ".", currency: "" }) });
      else input[column] = value;
    }
    const reference = typeof input.reference === "string" ? input.reference : null;
    const result = listingSchema.safeParse(input);
    if (!result.success) {
      // A number cell already reported above is not reported twice as "required".
      for (const issue of result.error.issues) if (!problems.some((p) => p.field === issue.path.join("."))) problems.push({ line, reference, field: issue.path.join(".") || "", message: issue.message });
    }
    if (reference) {
      const first = seen.get(reference);
      if (first) problems.push({ line, reference, field: "reference", message: `The same reference is already on line ${first}.` });
      else seen.set(reference, line);
    }
    return { line, reference, listing: result.success ? result.data : undefined, problems };
  });
  for (const error of parsed.errors) {
    if (error.row !== undefined) rows[error.row]?.problems.push({ line: error.row + 2, reference: rows[error.row]?.reference ?? null, field: "", message: `Malformed CSV: ${error.message}` });
  }
  return { rows, unknownColumns, fileProblems, numbers };
}

async function existingReferences(dealerId: string, references: string[]) {
  const rows = await db.listing.findMany({ where: { dealerId, reference: { in: references } }, select: { reference: true } });
  return new Set(rows.map((r) => r.reference));
}

export interface CsvReadOptions { numbers?: NumberConvention; fallback?: NumberConvention }

export async function previewCsvImport(dealerId: string, text: string, read: CsvReadOptions = {}): Promise<CsvPreview> {
  const { rows, unknownColumns, fileProblems, numbers } = parseListingsCsv(text, read);
  const valid = rows.filter((r) => r.listing && r.problems.length === 0);
  const existing = await existingReferences(dealerId, valid.map((r) => r.listing!.reference));
  const updates = valid.filter((r) => existing.has(r.listing!.reference)).length;
  return { rows: rows.length, valid: valid.length, creates: valid.length - updates, updates, problems: [...fileProblems, ...rows.flatMap((r) => r.problems)], unknownColumns, numbers };
}

/** Writes every valid row in one transaction: new references are created, known ones updated. */
export async function importCsv(actorId: string, dealerId: string, text: string, skipInvalid: boolean, read: CsvReadOptions = {}) {
  const preview = await previewCsvImport(dealerId, text, read);
  if (preview.problems.length > 0 && (!skipInvalid || preview.valid === 0)) return { imported: 0, preview };
  const { rows } = parseListingsCsv(text, { ...read, numbers: preview.numbers.convention });
  const valid = rows.filter((r) => r.listing && r.problems.length === 0).map((r) => r.listing!);
  const ids = await db.$transaction(async (tx) => {
    const out: string[] = [];
    for (const listing of valid) {
      const row = toRow(listing);
      const saved = await tx.listing.upsert({
        where: { dealerId_reference: { dealerId, reference: listing.reference } },
        create: { ...row, dealerId },
        update: row,
        select: { id: true },
      });
      out.push(saved.id);
    }
    await recordAudit({ actorId, dealerId, action: "listing.imported", targetType: "Listing", data: { created: preview.creates, updated: preview.updates, skipped: preview.rows - preview.valid } }, tx);
    return out;
  }, { timeout: 120_000 });
  await notifyListingsChanged(dealerId, ids);
  return { imported: ids.length, preview };
}

function toCells(listing: Listing): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of CSV_COLUMNS) {
    const value = listing[column];
    if (value === null || value === undefined) out[column] = "";
    else if (column === "features") out[column] = (value as Listing["features"]).map((f) => (f.category ? `${f.category}: ${f.name}` : f.name)).join("|");
    else if (Array.isArray(value)) out[column] = value.join("|");
    else out[column] = String(value);
  }
  return out;
}

/** The listings matching the grid's current filter, as CSV, read in pages to bound memory. */
export async function* exportCsv(dealerId: string, query: GridQuery): AsyncGenerator<string> {
  yield CSV_COLUMNS.join(",") + "\r\n"; // column names are plain identifiers: nothing to quote
  const where = gridWhere(dealerId, query);
  let cursor: string | undefined;
  for (;;) {
    const page = await db.listing.findMany({ where, orderBy: { id: "asc" }, take: 500, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    if (page.length === 0) return;
    yield Papa.unparse(page.map((r) => toCells(fromRow(r))), { header: false, columns: CSV_COLUMNS as string[], escapeFormulae: FORMULA_START }) + "\r\n";
    cursor = page[page.length - 1].id;
  }
}
