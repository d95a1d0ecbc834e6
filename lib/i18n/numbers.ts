/**
 * Numbers, money and mileage as dealers type and read them. Client-safe and pure.
 *
 * Parsing is strict on purpose: "18.950" typed by a Belgian means eighteen thousand nine hundred
 * and fifty, and anything that could be read two ways ("18.95" in Dutch, "85.000" km in English)
 * is refused with a reason rather than guessed. `Number("18.950")` is never used on user input.
 */

/** How a piece of text writes numbers: which character separates decimals, which group thousands. */
export type NumberConvention = "comma-decimal" | "dot-decimal";

/** Belgian and Swedish writing: 18.950,50 or 18 950,50. English: 18,950.50. */
export const conventionOf = (locale: string): NumberConvention => (locale.startsWith("en") ? "dot-decimal" : "comma-decimal");

const SPACES = /[\s\u00a0\u202f\u2009]/;
const SEPARATORS = {
  "comma-decimal": { decimal: ",", groups: [".", "space", "'"] },
  "dot-decimal": { decimal: ".", groups: [",", "space", "'"] },
} as const;

export type NumberProblem =
  | "not_a_number"
  /** A separator that could mean thousands or decimals ("18.95" in Dutch, "85.000" km in English). */
  | "ambiguous"
  | "too_many_decimals"
  | "not_whole"
  | "negative"
  /** A currency other than the field's ("kr" in a euro price). */
  | "wrong_currency";

export type Parsed = { ok: true; value: number | null } | { ok: false; problem: NumberProblem };

export interface ParseOptions {
  /** Most decimals allowed (0 = a whole number). Default 2. */
  decimals?: number;
  allowNegative?: boolean;
  /** Money: this currency's symbol or code may be typed before or after the amount. */
  currency?: "EUR" | "SEK";
}

const CURRENCY_MARKS: Record<"EUR" | "SEK", RegExp> = {
  EUR: /^(€|eur|euro|euros)$/i,
  SEK: /^(kr\.?|sek|:-)$/i,
};

/** Splits "€ 18.950", "18.950 €", "189 000 kr", "189 000:-" into amount and currency mark. */
function splitCurrency(text: string): { amount: string; mark: string | null } {
  const m = text.match(/^(€|eur(?:os?)?|sek|kr\.?)\s*(.*)$/i) ?? text.match(/^(.*?)\s*(€|eur(?:os?)?|sek|kr\.?|:-)$/i);
  if (!m) return { amount: text, mark: null };
  const [amount, mark] = /^(€|eur|sek|kr)/i.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
  return { amount: amount.trim(), mark };
}

/**
 * Parses what a dealer typed. Empty text is `null` (not given). Grouping must be in threes
 * ("18.950", "18 950"), one kind of group separator at a time; the decimal separator is the
 * convention's own.
 */
export function parseNumber(input: string, convention: NumberConvention, options: ParseOptions = {}): Parsed {
  const maxDecimals = options.decimals ?? 2;
  let text = input.trim();
  if (text === "") return { ok: true, value: null };

  if (options.currency !== undefined || /[€a-z:]/i.test(text)) {
    const { amount, mark } = splitCurrency(text);
    if (mark !== null) {
      if (!options.currency) return { ok: false, problem: "not_a_number" };
      if (!CURRENCY_MARKS[options.currency].test(mark)) return { ok: false, problem: "wrong_currency" };
      text = amount;
    }
  }
  // "18.950,-" is how Belgian price tags write whole euros.
  text = text.replace(/[,.]-$/, "");

  let negative = false;
  if (text.startsWith("-") || text.startsWith("\u2212")) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (!/^[0-9.,'\s\u00a0\u202f\u2009]+$/.test(text) || !/^[0-9]/.test(text) || !/[0-9]$/.test(text)) return { ok: false, problem: "not_a_number" };
  if (negative && !options.allowNegative) return { ok: false, problem: "negative" };

  const { decimal, groups } = SEPARATORS[convention];
  const decimalCount = text.split(decimal).length - 1;
  if (decimalCount > 1) return { ok: false, problem: "ambiguous" };
  const [integerPart, fraction = ""] = decimalCount === 1 ? text.split(decimal) as [string, string] : [text, ""];
  if (!/^[0-9]*$/.test(fraction)) return { ok: false, problem: "not_a_number" };

  // Thousands groups: every group after the first has exactly three digits.
  const kinds = new Set<string>();
  for (const ch of integerPart) {
    if (/[0-9]/.test(ch)) continue;
    const kind = SPACES.test(ch) ? "space" : ch;
    if (!(groups as readonly string[]).includes(kind)) return { ok: false, problem: "ambiguous" };
    kinds.add(kind);
  }
  if (kinds.size > 1) return { ok: false, problem: "ambiguous" };
  const parts = integerPart.split(/[.,'\s\u00a0\u202f\u2009]/);
  if (parts.length > 1 && (parts[0]!.length < 1 || parts[0]!.length > 3 || parts.slice(1).some((p) => p.length !== 3))) {
    return { ok: false, problem: "ambiguous" };
  }

  // "85.000" read as 85 in a whole-number field is how mileages get corrupted: refuse to guess.
  if (fraction.length === 3 && maxDecimals < 3 && kinds.size === 0) return { ok: false, problem: "ambiguous" };
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > maxDecimals) return { ok: false, problem: maxDecimals === 0 ? "not_whole" : "too_many_decimals" };

  const value = Number(`${parts.join("")}.${fraction || "0"}`);
  if (!Number.isFinite(value)) return { ok: false, problem: "not_a_number" };
  return { ok: true, value: negative ? -value : value };
}

/**
 * Mileage in kilometres from what a dealer typed: "85.000", "85 000 km", or Swedish mil
 * ("8 500 mil" = 85 000 km; one mil is ten kilometres).
 */
export function parseMileage(input: string, convention: NumberConvention): Parsed {
  const m = input.trim().match(/^(.*?)\s*(km|mil)$/i);
  const unit = m ? m[2]!.toLowerCase() : "km";
  const parsed = parseNumber(m ? m[1]! : input, convention, { decimals: unit === "mil" ? 1 : 0 });
  if (!parsed.ok || parsed.value === null || unit === "km") return parsed;
  return { ok: true, value: Math.round(parsed.value * 10) };
}

// Formatting lives in its own module, so pages that only show numbers do not load the parser.
export { formatMileage, formatMoney, formatNumber, formatNumberForInput } from "@/lib/i18n/format";

// ---------------------------------------------------------------------------------------------
// Files: which convention does a CSV use?

/**
 * Guesses a file's number convention from its cells (and its delimiter: spreadsheets in Belgium
 * and Sweden write ";" because "," is their decimal separator). Returns null when the values
 * give no hint either way (only plain integers), so the caller falls back to the user's locale.
 */
export function detectConvention(cells: Iterable<string>, delimiter?: string): NumberConvention | null {
  let comma = 0;
  let dot = 0;
  for (const raw of cells) {
    const cell = raw.trim();
    if (!/^[-\u2212]?[0-9][0-9.,\s\u00a0\u202f]*$/.test(cell)) continue;
    // "18.950" (a single group of three) is rare as a three-decimal number in car data: it counts too.
    if (/^[^,]*\d,\d{1,2}$/.test(cell) || /\d\.\d{3}(\.\d{3})*,\d+$/.test(cell) || /^\d{1,3}(\.\d{3})+$/.test(cell)) comma++;
    else if (/^[^.]*\d\.\d{1,2}$/.test(cell) || /\d,\d{3}(,\d{3})*\.\d+$/.test(cell) || /^\d{1,3}(,\d{3})+$/.test(cell)) dot++;
  }
  if (comma > dot) return "comma-decimal";
  if (dot > comma) return "dot-decimal";
  if (delimiter === ";") return "comma-decimal";
  return null;
}
