/**
 * The words of a listings CSV in every language Forecourt speaks. An export is written in the
 * reader's language (column names, statuses, fuel types, yes/no); an import understands a file in
 * any of them, and also the field names other systems write (`reference`, `price`, `active`), so
 * a file exported in Dutch imports for a French colleague, and a feed from a dealer system too.
 */
import "server-only";
import { LANGUAGES, type Language } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { listingSchema, type Listing } from "@/lib/listings/schema";

/** Column order of exports and of the import template: the canonical fields. */
export const CSV_COLUMNS = Object.keys(listingSchema.shape) as (keyof Listing)[];

/** Columns whose cells are one of a fixed set of values (shared with the preview, which names values too). */
export { ENUM_COLUMNS } from "@/lib/listings/merge";
import { ENUM_COLUMNS } from "@/lib/listings/merge";

/** How cells are compared: case, accents and spacing do not matter ("Te koop" = "te  koop"). */
export const normalize = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/\s+/g, " ").trim().toLowerCase();

export interface CsvVocabulary {
  /** Header text (normalized) → field, in every language and as field names. */
  columns: Map<string, keyof Listing>;
  /** Per enum column: cell text (normalized) → value. */
  values: Map<string, Map<string, string>>;
  /** Words for true and false, in every language. */
  yes: Set<string>;
  no: Set<string>;
}

export interface CsvWriting {
  language: Language;
  /** Column name per field, in this language. */
  header: Record<string, string>;
  /** Per enum column: value → its name in this language. */
  value: (column: string, value: string) => string;
  yes: string;
  no: string;
}

let vocabulary: Promise<CsvVocabulary> | null = null;

/** Built once per process from the catalogs. */
export function csvVocabulary(): Promise<CsvVocabulary> {
  vocabulary ??= (async () => {
    const columns = new Map<string, keyof Listing>(CSV_COLUMNS.map((c) => [normalize(c), c]));
    const values = new Map<string, Map<string, string>>();
    const yes = new Set(["true", "1", "yes"]);
    const no = new Set(["false", "0", "no"]);
    for (const [column, e] of Object.entries(ENUM_COLUMNS)) values.set(column, new Map(e!.values.map((v) => [normalize(v), v])));
    for (const language of LANGUAGES) {
      const { t } = await translatorFor(language);
      for (const c of CSV_COLUMNS) columns.set(normalize(t(`fields.${c}`)), c);
      for (const [column, e] of Object.entries(ENUM_COLUMNS)) for (const v of e!.values) values.get(column)!.set(normalize(t(`${e!.group}.${v}`)), v);
      yes.add(normalize(t("common.yes")));
      no.add(normalize(t("common.no")));
    }
    return { columns, values, yes, no };
  })();
  return vocabulary;
}

export async function csvWriting(language: Language): Promise<CsvWriting> {
  const { t } = await translatorFor(language);
  return {
    language,
    header: Object.fromEntries(CSV_COLUMNS.map((c) => [c, t(`fields.${c}`)])),
    value: (column, value) => {
      const e = ENUM_COLUMNS[column as keyof Listing];
      return e ? t(`${e.group}.${value}`) : value;
    },
    yes: t("common.yes"),
    no: t("common.no"),
  };
}
