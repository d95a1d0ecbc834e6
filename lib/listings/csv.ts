/**
 * CSV import and export of listings (Papa Parse: RFC 4180 quoting, BOMs, line endings). One column
 * per canonical field; list fields (images, features, condition tags) are separated by "|".
 * Import merges: a row changes only the fields its file has columns for (lists too), new references
 * start from the dealer's defaults. It is two steps: a preview that shows every car's changes and
 * writes nothing, then one transaction that writes the changing rows and keeps what they replaced
 * for undo (lib/listings/changesets.ts).
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
import { listingSchema, referenceSchema, type Listing } from "@/lib/listings/schema";
import { fromRow, STATUS_FROM_DB, toRow } from "@/lib/listings/store";
import { clearedValue, diffListings, marketplaceMove, type FieldChange, type ListingField } from "@/lib/listings/merge";
import { saveChangeSet, snapshots } from "@/lib/listings/changesets";
import { newListingDefaults } from "@/lib/listings/editor-data";
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
  /** An empty cell clears that field; else it leaves the car's value as it is. */
  emptyClears: z.boolean().default(false),
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

/** One car the import changes: each field old → new, and whether its ads go offline or come online. */
export interface CarChange {
  line: number;
  reference: string;
  kind: "create" | "update";
  changes: (FieldChange & { column?: string })[];
  /** Set when the status change takes the car off its marketplaces or puts it on them. */
  marketplace: "offline" | "online" | null;
  /** The marketplaces (connection names) that move concerns. */
  marketplaces: string[];
}

export interface CsvPreview {
  rows: number;
  /** Rows that can be imported (new, changing or unchanged). */
  valid: number;
  creates: number;
  /** Known cars the file changes. */
  updates: number;
  /** Known cars the file leaves exactly as they are: not written. */
  unchanged: number;
  goingOffline: number;
  comingOnline: number;
  /** The first PREVIEW_CARS cars that change, field by field. */
  cars: CarChange[];
  emptyClears: boolean;
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
  /** The fields this row gives: its non-empty cells (and, when empty cells clear values, its empty ones). */
  patch: Record<string, unknown>;
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
  /** An empty cell clears that field (else it leaves the car's value as it is). */
  emptyClears?: boolean;
}

/**
 * Parses a file into one set of fields per row; writes nothing and knows nothing of the stock
 * (merging onto the cars is `analyse`'s job). Numbers are read in `numbers` when given, else in
 * the convention the file shows, else in `fallback` (the reader's own).
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
  // Only the reference is needed to match a car; a new car's title is asked for on its own row.
  if (!columnOf.has("reference")) fileProblems.push({ line: 1, reference: null, field: "reference", message: msg("csv.missingColumn", { column: labels.reference ?? "reference" }) });
  if (parsed.data.length > MAX_CSV_ROWS) fileProblems.push({ line: 1, reference: null, field: "", message: msg("csv.tooManyRows", { max: MAX_CSV_ROWS, rows: parsed.data.length }) });
  const unknownColumns = headers.filter((h) => !fieldOf.has(h));
  if (fileProblems.length) return { rows: [], unknownColumns, fileProblems, numbers, columnOf };

  const convention = numbers.convention;
  const example = convention === "comma-decimal" ? "18.950" : "18,950";
  const [group, decimal] = convention === "comma-decimal" ? [".", ","] : [",", "."];
  const seen = new Map<string, number>();
  const rows = parsed.data.map((record, index): ParsedRow => {
    const line = index + 2;
    const patch: Record<string, unknown> = {};
    const problems: RowProblem[] = [];
    const referenceCell = record[columnOf.get("reference")!]?.trim() || null;
    for (const [header, field] of fieldOf) {
      if (record[header] === undefined) continue;
      const value = cellToValue(field, record[header] ?? "", convention, words);
      if (value instanceof NumberCellProblem) problems.push({ line, reference: referenceCell, field, column: header, message: msg(`numbers.${value.problem}`, { text: value.text, example, group, decimal, currency: "" }) });
      else if (value !== undefined) patch[field] = value;
      else if (options.emptyClears && clearedValue(field as ListingField) !== undefined) patch[field] = clearedValue(field as ListingField);
    }
    const reference = referenceSchema.safeParse(patch.reference ?? "");
    if (!reference.success) problems.push({ line, reference: referenceCell, field: "reference", column: columnOf.get("reference"), message: reference.error.issues[0]!.message });
    else {
      const first = seen.get(reference.data);
      if (first) problems.push({ line, reference: reference.data, field: "reference", column: columnOf.get("reference"), message: msg("csv.duplicateReference", { line: first }) });
      else seen.set(reference.data, line);
    }
    return { line, reference: reference.success ? reference.data : referenceCell, patch, problems };
  });
  for (const error of parsed.errors) {
    if (error.row !== undefined) rows[error.row]?.problems.push({ line: error.row + 2, reference: rows[error.row]?.reference ?? null, field: "", message: msg("csv.malformed", { detail: error.message }) });
  }
  return { rows, unknownColumns, fileProblems, numbers, columnOf };
}

type StoredRow = Awaited<ReturnType<typeof db.listing.findMany>>[number];

/** A stored car as the listing it holds; a row older than today's rules gives what it has. */
function storedListing(row: StoredRow): Partial<Listing> {
  try {
    return fromRow(row);
  } catch {
    return { ...(row.details as object), reference: row.reference, title: row.title, images: row.images } as Partial<Listing>;
  }
}

/** A row merged onto its car (or the dealer's defaults), validated, with what it changes. */
interface MergedRow {
  line: number;
  listing: Listing;
  stored: StoredRow | null;
  changes: FieldChange[];
}

/** The marketplaces each car is published to: the dealer's enabled connections it is not switched off on. */
async function marketplacesOf(dealerId: string, ids: string[]) {
  const [connections, off] = await Promise.all([
    db.connection.findMany({ where: { dealerId, enabled: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    ids.length ? db.publication.findMany({ where: { dealerId, listingId: { in: ids }, enabled: false }, select: { listingId: true, connectionId: true } }) : [],
  ]);
  const disabled = new Set(off.map((p) => `${p.listingId}\u0000${p.connectionId}`));
  return (id: string | null) => connections.filter((c) => !id || !disabled.has(`${id}\u0000${c.id}`)).map((c) => c.name);
}

/** How many changing cars the preview lists one by one (the counts cover them all). */
export const PREVIEW_CARS = 500;

/** Parses, merges each row onto its car, validates and checks plausibility; writes nothing. */
async function analyse(dealerId: string, text: string, read: CsvReadOptions) {
  const parsed = await parseListingsCsv(text, read);
  const clean = parsed.rows.filter((r) => r.problems.length === 0);
  const stored = clean.length
    ? await db.listing.findMany({ where: { dealerId, reference: { in: clean.map((r) => r.reference!) } } })
    : [];
  const byReference = new Map(stored.map((r) => [r.reference, r]));
  const defaults = await newListingDefaults(dealerId);
  const merged: MergedRow[] = [];
  for (const r of clean) {
    const row = byReference.get(r.reference!) ?? null;
    const before = row ? storedListing(row) : null;
    const result = listingSchema.safeParse({ ...(before ?? defaults), ...r.patch });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.join(".");
        if (!r.problems.some((p) => p.field === field)) r.problems.push({ line: r.line, reference: r.reference, field, column: parsed.columnOf.get(String(issue.path[0])), message: issue.message });
      }
      continue;
    }
    merged.push({ line: r.line, listing: result.data, stored: row, changes: diffListings(before, result.data) });
  }
  const changing = merged.filter((m) => !m.stored || m.changes.length > 0);
  const warnings = await warningsWithStock(dealerId, changing.map((m) => ({ listing: m.listing })), { references: changing.map((m) => m.listing.reference) });
  const rowWarnings: RowWarning[] = changing.flatMap((m, i) => {
    const open = unconfirmed(warnings[i]!, readConfirmations(m.stored?.plausibilityConfirmed));
    return open.map((w) => ({ line: m.line, reference: m.listing.reference, field: w.field, column: parsed.columnOf.get(w.field), message: w.message, mustConfirm: needsConfirmationWhen(m.listing.status) }));
  });
  const marketplaces = await marketplacesOf(dealerId, changing.flatMap((m) => (m.stored ? [m.stored.id] : [])));
  const cars: CarChange[] = changing.map((m) => {
    const move = marketplaceMove(m.stored ? STATUS_FROM_DB[m.stored.status] : null, m.listing.status);
    const on = move ? marketplaces(m.stored?.id ?? null) : [];
    return {
      line: m.line, reference: m.listing.reference, kind: m.stored ? "update" : "create",
      changes: m.changes.map((c) => ({ ...c, column: parsed.columnOf.get(c.field) })),
      marketplace: move && on.length ? move : null, marketplaces: on,
    };
  });
  const updates = changing.filter((m) => m.stored).length;
  const preview: CsvPreview = {
    rows: parsed.rows.length, valid: merged.length, creates: changing.length - updates, updates, unchanged: merged.length - changing.length,
    goingOffline: cars.filter((c) => c.marketplace === "offline").length, comingOnline: cars.filter((c) => c.marketplace === "online").length,
    cars: cars.slice(0, PREVIEW_CARS), emptyClears: read.emptyClears ?? false,
    problems: [...parsed.fileProblems, ...parsed.rows.flatMap((r) => r.problems)], warnings: rowWarnings, unknownColumns: parsed.unknownColumns, numbers: parsed.numbers,
  };
  return { preview, changing, warnings };
}

export async function previewCsvImport(dealerId: string, text: string, read: CsvReadOptions = {}): Promise<CsvPreview> {
  return (await analyse(dealerId, text, read)).preview;
}

export interface ImportResult {
  /** Cars written (created + updated); 0 when nothing was written. */
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** The change set to undo this import with (null when nothing was written). */
  changeSetId: string | null;
  preview: CsvPreview;
}

/**
 * Writes, in one transaction, the rows that change something: new references are created with
 * the dealer's defaults, known ones get only the fields the file gives. Rows that change nothing
 * are not written at all (so no sync follows). Nothing is written while a car for sale has an
 * implausible value the dealer has not confirmed. The previous values are kept for undo.
 */
export async function importCsv(actorId: string, dealerId: string, text: string, skipInvalid: boolean, read: CsvReadOptions = {}, confirmWarnings = false): Promise<ImportResult> {
  const { preview, changing, warnings } = await analyse(dealerId, text, read);
  const nothing = { imported: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, changeSetId: null, preview };
  if (preview.problems.length > 0 && (!skipInvalid || preview.valid === 0)) return nothing;
  if (!confirmWarnings && preview.warnings.some((w) => w.mustConfirm)) return nothing;
  const skipped = preview.rows - preview.valid;
  if (changing.length === 0) return { ...nothing, unchanged: preview.unchanged, skipped };
  const { ids, changeSetId } = await db.$transaction(async (tx) => {
    const updatedIds = changing.flatMap((m) => (m.stored ? [m.stored.id] : []));
    const before = await snapshots(tx, dealerId, updatedIds);
    const createdIds: string[] = [];
    for (const [i, m] of changing.entries()) {
      const all = warnings[i]!;
      const stored = readConfirmations(m.stored?.plausibilityConfirmed);
      const plausibilityConfirmed = confirmationsFor(all, stored, confirmWarnings ? all.map((w) => w.fingerprint) : []);
      const row = { ...toRow(m.listing), plausibilityConfirmed };
      if (m.stored) {
        // Keep the first sold time: the marketplaces' grace period counts from it.
        const soldAt = m.listing.status === "sold" ? (m.stored.soldAt ?? new Date()) : null;
        await tx.listing.update({ where: { id: m.stored.id, dealerId }, data: { ...row, soldAt } });
      } else {
        createdIds.push((await tx.listing.create({ data: { ...row, dealerId }, select: { id: true } })).id);
      }
    }
    const summary = { created: createdIds.length, updated: updatedIds.length, unchanged: preview.unchanged, skipped };
    const changeSetId = await saveChangeSet(tx, { dealerId, actorId, kind: "import", summary, before, createdIds });
    await recordAudit({ actorId, dealerId, action: "listing.imported", targetType: "ListingChangeSet", targetId: changeSetId, data: { ...summary, ...(confirmWarnings && preview.warnings.length ? { confirmedWarnings: preview.warnings.length } : {}) } }, tx);
    return { ids: [...updatedIds, ...createdIds], changeSetId };
  }, { timeout: 120_000 });
  await notifyListingsChanged(dealerId, ids);
  return { imported: ids.length, created: preview.creates, updated: preview.updates, unchanged: preview.unchanged, skipped, changeSetId, preview };
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
  const where = await gridWhere(dealerId, query);
  let cursor: string | undefined;
  for (;;) {
    const page = await db.listing.findMany({ where, orderBy: { id: "asc" }, take: 500, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    if (page.length === 0) return;
    yield Papa.unparse(page.map((r) => toCells(fromRow(r), words)), { header: false, delimiter, escapeFormulae: FORMULA_START }) + "\r\n";
    cursor = page[page.length - 1].id;
  }
}
