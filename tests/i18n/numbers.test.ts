/** Parsing and formatting tables per locale: what a dealer types is stored as they meant it. */
import { describe, expect, it } from "vitest";
import {
  conventionOf, detectConvention, formatMileage, formatMoney, formatNumberForInput, parseMileage, parseNumber,
  type NumberProblem,
} from "@/lib/i18n/numbers";

const ok = (value: number | null) => ({ ok: true, value });
const bad = (problem: NumberProblem) => ({ ok: false, problem });

describe("prices typed in Belgium and Sweden (comma for decimals)", () => {
  const price = (text: string, currency: "EUR" | "SEK" = "EUR") => parseNumber(text, conventionOf("nl-BE"), { currency });
  it.each([
    ["18.950", 18950],
    ["18 950", 18950],
    ["18\u202f950", 18950], // fr-BE's narrow no-break space, as Intl writes it
    ["18\u00a0950", 18950], // sv-SE's no-break space
    ["18950", 18950],
    ["€ 18.950", 18950],
    ["18.950 €", 18950],
    ["18.950,-", 18950],
    ["18.950,00", 18950],
    ["18950,5", 18950.5],
    ["1.234.567", 1234567],
    ["  7.500  ", 7500],
    ["0", 0],
  ])("%s → %d", (text, value) => expect(price(text)).toEqual(ok(value)));

  it.each([
    ["189 000 kr", 189000],
    ["189.000 kr", 189000],
    ["189 000:-", 189000],
    ["SEK 189 000", 189000],
    ["189000", 189000],
  ])("%s → %d kr", (text, value) => expect(price(text, "SEK")).toEqual(ok(value)));

  it.each([
    ["18.95", "ambiguous"], // a dot before two digits is not a thousands group
    ["18950.50", "ambiguous"],
    ["1.8950", "ambiguous"],
    ["18.950 kr", "wrong_currency"],
    ["18,951", "ambiguous"], // an English-style thousands comma typed in Belgium
    ["18,9512", "too_many_decimals"],
    ["18 950.000", "ambiguous"], // two kinds of grouping
    ["-5", "negative"],
    ["abc", "not_a_number"],
    ["18,950,00", "ambiguous"],
    ["12e3", "not_a_number"],
    ["1.000,", "not_a_number"],
  ] as const)("%s is refused (%s)", (text, problem) => expect(price(text)).toEqual(bad(problem)));

  it("empty means not given", () => expect(price("  ")).toEqual(ok(null)));
});

describe("English (dot for decimals)", () => {
  const en = (text: string, decimals = 2) => parseNumber(text, conventionOf("en-GB"), { currency: "EUR", decimals });
  it.each([
    ["18,950", 18950],
    ["€18,950", 18950],
    ["18950.50", 18950.5],
    ["18 950", 18950],
  ])("%s → %d", (text, value) => expect(en(text)).toEqual(ok(value)));
  it("18.950 as a price is refused rather than read as €18.95", () => expect(en("18.950")).toEqual(bad("ambiguous")));
  it("85.000 as a whole number is refused rather than read as 85", () => expect(en("85.000", 0)).toEqual(bad("ambiguous")));
  it("5.5 in a whole-number field is not whole", () => expect(en("5.5", 0)).toEqual(bad("not_whole")));
});

describe("mileage", () => {
  it.each([
    ["nl-BE", "85.000", 85000],
    ["nl-BE", "85 000 km", 85000],
    ["fr-BE", "85\u202f000", 85000],
    ["sv-SE", "8 500 mil", 85000],
    ["sv-SE", "8 500,5 mil", 85005],
    ["sv-SE", "85 000 km", 85000],
    ["en-GB", "85,000", 85000],
  ])("%s: %s → %d km", (locale, text, km) => expect(parseMileage(text, conventionOf(locale))).toEqual(ok(km)));
  it("a Belgian's 85.000 is never 85 km", () => expect(parseMileage("85.000", "comma-decimal")).toEqual(ok(85000)));
  it("decimal kilometres are refused", () => expect(parseMileage("85000,5", "comma-decimal")).toEqual(bad("not_whole")));
});

describe("formatting per locale", () => {
  const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
  it.each([
    ["nl-BE", 18950, "EUR", "€ 18.950"],
    ["fr-BE", 18950, "EUR", "18 950 €"],
    ["sv-SE", 189000, "SEK", "189 000 kr"],
    ["en-GB", 18950, "EUR", "€18,950"],
    ["nl-BE", 18950.5, "EUR", "€ 18.950,50"],
  ])("%s %d %s → %s", (locale, value, currency, text) => expect(nbsp(formatMoney(value, currency, locale))).toBe(text));

  it.each([
    ["nl-BE", "56.000 km"],
    ["en-GB", "56,000 km"],
    ["sv-SE", "56 000 km (5 600 mil)"],
  ])("%s mileage → %s", (locale, text) => expect(nbsp(formatMileage(56000, locale))).toBe(text));

  it.each(["nl-BE", "fr-BE", "sv-SE", "en-GB"])("%s: what an input shows reads back as the same number", (locale) => {
    for (const value of [0, 7, 950, 18950, 1234567, 18950.5]) {
      expect(parseNumber(formatNumberForInput(value, locale), conventionOf(locale))).toEqual(ok(value));
    }
  });
});

describe("a file's number convention", () => {
  it("Belgian cells", () => expect(detectConvention(["18.950", "85.000", "2019"])).toBe("comma-decimal"));
  it("decimal commas", () => expect(detectConvention(["5,6", "110"])).toBe("comma-decimal"));
  it("English cells", () => expect(detectConvention(["18,950", "1,234,567", "5.6"])).toBe("dot-decimal"));
  it("only plain integers: the delimiter decides, else no guess", () => {
    expect(detectConvention(["18950", "2019"], ";")).toBe("comma-decimal");
    expect(detectConvention(["18950", "2019"], ",")).toBeNull();
  });
});
