/**
 * A CSV import understands column names and values in all four languages at once: that works
 * only if no word means two things (a column name in one language is never another column's name
 * in another language; the same for statuses, fuels and the other fixed values).
 */
import { describe, expect, test } from "vitest";
import { LANGUAGES } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { CSV_COLUMNS, ENUM_COLUMNS, normalize } from "@/lib/listings/csv-vocabulary";

async function clashes(names: (t: (key: string) => string) => [string, string][]) {
  const meaning = new Map<string, Set<string>>();
  for (const language of LANGUAGES) {
    const { t } = await translatorFor(language);
    for (const [word, thing] of names(t)) {
      const key = normalize(word);
      meaning.set(key, new Set([...(meaning.get(key) ?? []), thing]));
    }
  }
  return [...meaning].filter(([, things]) => things.size > 1).map(([word, things]) => `${word}: ${[...things].join(" / ")}`);
}

describe("the words of a listings CSV", () => {
  test("every column name means one column, in every language and as a field name", async () => {
    expect(await clashes((t) => [...CSV_COLUMNS.map((c): [string, string] => [t(`fields.${c}`), c]), ...CSV_COLUMNS.map((c): [string, string] => [c, c])])).toEqual([]);
  });

  test.each(Object.keys(ENUM_COLUMNS))("every %s value means one value", async (column) => {
    const e = ENUM_COLUMNS[column as keyof typeof ENUM_COLUMNS]!;
    expect(await clashes((t) => [...e.values.map((v): [string, string] => [t(`${e.group}.${v}`), v]), ...e.values.map((v): [string, string] => [v, v])])).toEqual([]);
  });

  test("yes and no are never the same word", async () => {
    expect(await clashes((t) => [[t("common.yes"), "yes"], [t("common.no"), "no"], ["true", "yes"], ["false", "no"]])).toEqual([]);
  });
});
