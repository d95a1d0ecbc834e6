/**
 * The catalogs are complete by construction: every language has every key English has (and no
 * other), every message is valid ICU with the same placeholders, and nothing in nl, fr or sv is
 * left in English unless it is the same word in that language.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "@/lib/i18n/locales";

type Tree = { [key: string]: string | Tree };
const load = (language: string): Tree => JSON.parse(readFileSync(path.join(import.meta.dirname, "../../messages", `${language}.json`), "utf8"));

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) placeholders(option.value, into);
    }
    if (e.type === TYPE.tag) {
      into.add(`<${e.value}>`);
      placeholders(e.children, into);
    }
  }
  return into;
}

/**
 * Words that are written the same in that language as in English (proper names, loanwords).
 * Keep this short: an entry here is a claim that a native reader would write exactly this.
 */
const SAME_AS_ENGLISH: Record<string, Set<string>> = {
  nl: new Set(["Forecourt", "Dealer", "E-mail", "Admin", "Status", "Model", "Type", "Info", "Sandbox", "Okasie", "Blocket/Bytbil", "VIN", "Details", "Filter", "Export", "Reset", "Logo", "CSV", "XLSX", "Audit", "Design", "Tags", "Online", "Offline", "Diesel", "Hybride", "LPG", "CNG", "Alcantara", "Metallic", "WLTP", "SUV", "Sedan", "Coupé", "Cabrio", "Pick-up", "Camper", "Team", "Ref.", "Blocket / Bytbil", "Comfort", "Hatchback", "Quad (ATV)", "Caravan", "online", "Account", "Dealers", "Menu"]),
  fr: new Set(["Forecourt", "E-mail", "Admin", "Date", "Type", "Menu", "Diesel", "Sandbox", "Okasie", "Blocket/Bytbil", "VIN", "Total", "Message", "Actions", "Code", "Ions", "Normal", "Audit", "Description", "Transmission", "Options", "Photos", "Source", "Version", "Production", "Import", "Export", "CSV", "XLSX", "GPL", "GNC", "Alcantara", "WLTP", "NEDC", "SUV", "Minibus", "Van", "Coupé", "Pick-up", "Camping-car", "Notifications", "Marketplace", "Suspensions", "Portes", "Places", "Blocket / Bytbil", "Province", "Latitude", "Longitude", "Quad (ATV)"]),
  sv: new Set(["Forecourt", "Admin", "Status", "Sandbox", "Okasie", "Blocket/Bytbil", "VIN", "Diesel", "Hybrid", "CSV", "XLSX", "Alcantara", "WLTP", "NEDC", "SUV", "Sedan", "Coupé", "Cab", "Export", "Import", "Filter", "Info", "Text", "Problem", "Ref.", "Blocket / Bytbil", "Metallic", "Moped", "Period"]),
};

const english = flatten(load("en"));

describe.each(LANGUAGES.filter((l) => l !== "en"))("the %s catalog", (language) => {
  const catalog = flatten(load(language));

  it("has every English key and no other", () => {
    const missing = [...english.keys()].filter((k) => !catalog.has(k));
    const extra = [...catalog.keys()].filter((k) => !english.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it("uses the same placeholders as English in every message", () => {
    const mismatched = [...english].filter(([key, en]) => {
      const other = catalog.get(key);
      if (other === undefined) return false;
      return [...placeholders(parse(en))].sort().join() !== [...placeholders(parse(other))].sort().join();
    }).map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("has nothing left in English", () => {
    const untranslated = [...english]
      .filter(([key, en]) => catalog.get(key) === en && /[A-Za-z]{3,}/.test(en) && !SAME_AS_ENGLISH[language]!.has(en))
      .map(([key, en]) => `${key}: ${en}`);
    expect(untranslated).toEqual([]);
  });
});

describe("every catalog", () => {
  it.each(LANGUAGES)("%s: every message is valid ICU and not empty", (language) => {
    for (const [key, value] of flatten(load(language))) {
      expect(value.trim(), key).not.toBe("");
      expect(() => parse(value), key).not.toThrow();
    }
  });
});
