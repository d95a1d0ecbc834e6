/**
 * CSV import and export of listings (Papa Parse: RFC 4180 quoting, BOMs, line endings). One column
 * per canonical field; list fields (images, features, condition tags) are separated by "|".
 * Import is two steps: a preview that validates every row and writes nothing, then one
 * transaction that writes the valid rows.
 *
 * Exports speak the reader's language (lib/listings/csv-vocabulary.ts): column names, statuses
 * and other fixed values, yes/no, numbers with their decimal comma, and the ";" separator that
 * Excel in Belgium and Sweden expects. Imports understand any of the four languages and the field
 * names, so every export imports back unchanged.
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
import { LOCALE_OF, type Language } from "@/lib/i18n/locales";
import { conventionOf, detectConvention, parseMileage, parseNumber, type NumberConvention, type Parsed } from "@/lib/i18n/numbers";
import { CSV_COLUMNS, csvVocabulary, csvWriting, ENUM_COLUMNS, normalize, type CsvVocabulary, type CsvWriting } from "@/lib/listings/csv-vocabulary";
import { confirmationsFor, needsConfirmationWhen, readConfirmations, unconfirmed } from "@/lib/listings/plausibility";
import { warningsWithStock } from "@/lib/listings/plausibility-stock";

export { CSV_COLUMNS } from "@/lib/listings/csv-vocabulary";
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 10_000;

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

/** What each column holds, for the import page's explanation of the template. */
export type ColumnKind = "text" | "number" | "money" | "mileage" | "yesNo" | "list" | "features" | "month" | "choice" | "url";
export function columnKind(column: string): ColumnKind {
  if (column === "price") return "money";
  if (column === "mileage") return "mileage";
  if (NUMBER_COLUMNS[column]) return "number";
  if (BOOLEAN_COLUMNS.has(column)) return "yesNo";
  if (column === "features") return "features";
  if (LIST_COLUMNS.has(column)) return column === "images" ? "url" : "list";
  if (column === "firstRegistration") return "month";
  if (ENUM_COLUMNS[column as keyof Listing]) return "choice";
  return "text";
}

export const csvImportSchema = z.object({
  dealer: z.string().min(1).max(64),
  csv: z.string().min(1, msg("csv.chooseFile")).max(MAX_CSV_BYTES, msg("csv.tooLarge")),
  /** Import the valid rows even when others have errors. */
  skipInvalid: z.boolean().default(false),
  /** How the file writes numbers; absent: detected from the file, else the reader's own convention. */
  numbers: z.enum(NUMBER_CONVENTIONS).optional(),
  /** The dealer checked the values the preview flagged as implausible and confirms them. */
  confirmWarnings: z.boolean().default(false),
});

export interface RowProblem {
  /** Line in the file (the header is line 1). */
  line: number;
  reference: string | null;
  /** The canonical field ("" for the whole row). */
  field: string;
  /** The column as the file names it, when the problem is in a cell. */
  column?: string;
  /** A catalog message (lib/i18n/message.ts) or, for a malformed file, the parser's words. */
  message: string;
}

/** A value that parses but looks like a typing mistake (lib/listings/plausibility.ts). */
export interface RowWarning {
  line: number;
  reference: string;
  field: string;
  column?: string;
  message: string;
  /** True when the car is for sale in the file: it is imported only once the dealer confirms. */
  mustConfirm: boolean;
}

export interface CsvPreview {
  rows: number;
  valid: number;
  creates: number;
  updates: number;
  problems: RowProblem[];
  warnings: RowWarning[];
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

/** A number cell that cannot be read as the file's convention writes numbers. */
class NumberCellProblem {
  constructor(readonly problem: string, readonly text: string) {}
}

function cellToValue(column: string, rawCell: string, numbers: NumberConvention, words: CsvVocabulary): unknown {
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
    if (words.yes.has(normalize(value))) return true;
    if (words.no.has(normalize(value))) return false;
    return value; // the schema names the problem
  }
  const choices = words.values.get(column);
  if (choices) return choices.get(normalize(value)) ?? value; // an unknown value: the schema names the problem
  return value;
}

interface ParsedRow {
  line: number;
  reference: string | null;
  listing?: Listing;
  problems: RowProblem[];
}

/** The convention a file's number cells are written in (see lib/i18n/numbers.ts), if it shows. */
function fileConvention(records: Record<string, string>[], headerOf: Map<string, string>, delimiter: string): NumberConvention | null {
  const numberHeaders = [...headerOf].filter(([, field]) => NUMBER_COLUMNS[field]).map(([header]) => header);
  const cells = (function* () {
    for (const record of records) for (const header of numberHeaders) if (record[header]) yield record[header]!;
  })();
  return detectConvention(cells, delimiter);
}

export interface CsvReadOptions {
  numbers?: NumberConvention;
  /** The reader's own convention, used when the file does not show its own. */
  fallback?: NumberConvention;
  /** The reader's language, for the names of columns in messages. */
  language?: Language;
}

/**
 * Parses and validates; writes nothing. Numbers are read in `numbers` when given, else in the
 * convention the file shows, else in `fallback` (the reader's own).
 */
export async function parseListingsCsv(text: string, options: CsvReadOptions = {}): Promise<{ rows: ParsedRow[]; unknownColumns: string[]; fileProblems: RowProblem[]; numbers: CsvPreview["numbers"]; columnOf: Map<string, string> }> {
  const words = await csvVocabulary();
  const labels = (await csvWriting(options.language ?? "en")).header;
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  const headers = parsed.meta.fields ?? [];
  // Header as written → field; the first column naming a field wins.
  const fieldOf = new Map<string, string>();
  const columnOf = new Map<string, string>();
  for (const header of headers) {
    const field = words.columns.get(normalize(header));
    if (field && !columnOf.has(field)) {
      fieldOf.set(header, field);
      columnOf.set(field, header);
    }
  }
  const detected = options.numbers ? null : fileConvention(parsed.data, fieldOf, parsed.meta.delimiter);
  const numbers = { convention: options.numbers ?? detected ?? options.fallback ?? "comma-decimal", detected: !options.numbers && detected !== null };
  const fileProblems: RowProblem[] = [];
  for (const required of ["reference", "title"]) {
    if (!columnOf.has(required)) fileProblems.push({ line: 1, reference: null, field: required, message: msg("csv.missingColumn", { column: labels[required] ?? required }) });
  }
  if (parsed.data.length > MAX_CSV_ROWS) fileProblems.push({ line: 1, reference: null, field: "", message: msg("csv.tooManyRows", { max: MAX_CSV_ROWS, rows: parsed.data.length }) });
  const unknownColumns = headers.filter((h) => !fieldOf.has(h));
  if (fileProblems.length) return { rows: [], unknownColumns, fileProblems, numbers, columnOf };

  const convention = numbers.convention;
  const example = convention === "comma-decimal" ? "18.950" : "18,950";
  const [group, decimal] = convention === "comma-decimal" ? [".", ","] : [",", "."];
  const seen = new Map<string, number>();
  const rows = parsed.data.map((record, index): ParsedRow => {
    const line = index + 2;
    const input: Record<string, unknown> = {};
    const problems: RowProblem[] = [];
    const referenceCell = columnOf.has("reference") ? record[columnOf.get("reference")!]?.trim() || null : null;
    for (const [header, field] of fieldOf) {
      if (record[header] === undefined) continue;
      const value = cellToValue(field, record[header] ?? "", convention, words);
      if (value instanceof NumberCellProblem) problems.push({ line, reference: referenceCell, field, column: header, message: msg(`numbers.${value.problem}`, { text: value.text, example, group, decimal, currency: "" }) });
      else if (value !== undefined) input[field] = value; // an empty cell is "not given" (the row replaces the car whole)
    }
    const reference = typeof input.reference === "string" ? input.reference : null;
    const result = listingSchema.safeParse(input);
    if (!result.success) {
      // A number cell already reported above is not reported twice as "required".
      for (const issue of result.error.issues) {
        const field = issue.path.join(".");
        if (!problems.some((p) => p.field === field)) problems.push({ line, reference, field, column: columnOf.get(String(issue.path[0])), message: issue.message });
      }
    }
    if (reference) {
      const first = seen.get(reference);
      if (first) problems.push({ line, reference, field: "reference", column: columnOf.get("reference"), message: msg("csv.duplicateReference", { line: first }) });
      else seen.set(reference, line);
    }
    return { line, reference, listing: result.success ? result.data : undefined, problems };
  });
  for (const error of parsed.errors) {
    if (error.row !== undefined) rows[error.row]?.problems.push({ line: error.row + 2, reference: rows[error.row]?.reference ?? null, field: "", message: msg("csv.malformed", { detail: error.message }) });
  }
  return { rows, unknownColumns, fileProblems, numbers, columnOf };
}

async function existingConfirmations(dealerId: string, references: string[]) {
  const rows = await db.listing.findMany({ where: { dealerId, reference: { in: references } }, select: { reference: true, plausibilityConfirmed: true } });
  return new Map(rows.map((r) => [r.reference, readConfirmations(r.plausibilityConfirmed)]));
}

/** Parses, validates and checks plausibility against the dealer's stock; writes nothing. */
async function analyse(dealerId: string, text: string, read: CsvReadOptions) {
  const parsed = await parseListingsCsv(text, read);
  const valid = parsed.rows.filter((r) => r.listing && r.problems.length === 0);
  const references = valid.map((r) => r.listing!.reference);
  const existing = await existingConfirmations(dealerId, references);
  const warnings = await warningsWithStock(dealerId, valid.map((r) => ({ listing: r.listing! })), { references });
  const rowWarnings: RowWarning[] = valid.flatMap((r, i) => {
    const stored = existing.get(r.listing!.reference) ?? {};
    const open = unconfirmed(warnings[i]!, stored);
    return open.map((w) => ({ line: r.line, reference: r.listing!.reference, field: w.field, column: parsed.columnOf.get(w.field), message: w.message, mustConfirm: needsConfirmationWhen(r.listing!.status) }));
  });
  const updates = valid.filter((r) => existing.has(r.listing!.reference)).length;
  const preview: CsvPreview = {
    rows: parsed.rows.length, valid: valid.length, creates: valid.length - updates, updates,
    problems: [...parsed.fileProblems, ...parsed.rows.flatMap((r) => r.problems)], warnings: rowWarnings, unknownColumns: parsed.unknownColumns, numbers: parsed.numbers,
  };
  return { preview, valid, warnings, existing };
}

export async function previewCsvImport(dealerId: string, text: string, read: CsvReadOptions = {}): Promise<CsvPreview> {
  return (await analyse(dealerId, text, read)).preview;
}

/**
 * Writes every valid row in one transaction: new references are created, known ones updated.
 * Nothing is written while a car for sale has an implausible value the dealer has not confirmed.
 */
export async function importCsv(actorId: string, dealerId: string, text: string, skipInvalid: boolean, read: CsvReadOptions = {}, confirmWarnings = false) {
  const { preview, valid, warnings, existing } = await analyse(dealerId, text, read);
  if (preview.problems.length > 0 && (!skipInvalid || preview.valid === 0)) return { imported: 0, preview };
  if (!confirmWarnings && preview.warnings.some((w) => w.mustConfirm)) return { imported: 0, preview };
  const ids = await db.$transaction(async (tx) => {
    const out: string[] = [];
    for (const [i, r] of valid.entries()) {
      const listing = r.listing!;
      const all = warnings[i]!;
      const plausibilityConfirmed = confirmationsFor(all, existing.get(listing.reference) ?? {}, confirmWarnings ? all.map((w) => w.fingerprint) : []);
      const row = { ...toRow(listing), plausibilityConfirmed };
      const saved = await tx.listing.upsert({
        where: { dealerId_reference: { dealerId, reference: listing.reference } },
        create: { ...row, dealerId },
        update: row,
        select: { id: true },
      });
      out.push(saved.id);
    }
    await recordAudit({ actorId, dealerId, action: "listing.imported", targetType: "Listing", data: { created: preview.creates, updated: preview.updates, skipped: preview.rows - preview.valid, ...(confirmWarnings && preview.warnings.length ? { confirmedWarnings: preview.warnings.length } : {}) } }, tx);
    return out;
  }, { timeout: 120_000 });
  await notifyListingsChanged(dealerId, ids);
  return { imported: ids.length, preview };
}

/** A number as the reader writes it in a spreadsheet: no thousands separator, their decimal mark. */
const cellNumber = (value: number, language: Language) => {
  const text = String(value);
  return conventionOf(LOCALE_OF[language]) === "comma-decimal" ? text.replace(".", ",") : text;
};

function toCells(listing: Listing, words: CsvWriting): string[] {
  return CSV_COLUMNS.map((column) => {
    const value = listing[column];
    if (value === null || value === undefined) return "";
    if (column === "features") return (value as Listing["features"]).map((f) => (f.category ? `${f.category}: ${f.name}` : f.name)).join("|");
    if (Array.isArray(value)) return value.join("|");
    if (typeof value === "boolean") return value ? words.yes : words.no;
    if (typeof value === "number") return cellNumber(value, words.language);
    if (ENUM_COLUMNS[column]) return words.value(column, String(value));
    return String(value);
  });
}

/** The separator spreadsheets expect in the reader's country: ";" where "," is the decimal mark. */
export const csvDelimiter = (language: Language) => (conventionOf(LOCALE_OF[language]) === "comma-decimal" ? ";" : ",");

/** The header row in the reader's language (also the import template). */
export async function csvTemplate(language: Language): Promise<string> {
  const words = await csvWriting(language);
  return "\uFEFF" + Papa.unparse([CSV_COLUMNS.map((c) => words.header[c]!)], { delimiter: csvDelimiter(language) }) + "\r\n";
}

/**
 * The listings matching the grid's current filter, as CSV in the reader's language, read in pages
 * to bound memory. Starts with a byte order mark so spreadsheets read "é" and "å" right.
 */
export async function* exportCsv(dealerId: string, query: GridQuery, language: Language = "en"): AsyncGenerator<string> {
  const words = await csvWriting(language);
  const delimiter = csvDelimiter(language);
  yield await csvTemplate(language);
  const where = gridWhere(dealerId, query);
  let cursor: string | undefined;
  for (;;) {
    const page = await db.listing.findMany({ where, orderBy: { id: "asc" }, take: 500, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    if (page.length === 0) return;
    yield Papa.unparse(page.map((r) => toCells(fromRow(r), words)), { header: false, delimiter, escapeFormulae: FORMULA_START }) + "\r\n";
    cursor = page[page.length - 1].id;
  }
}
