/**
 * A dealer's numbering of new cars: a pattern such as "GNT-{YYYY}-{####}" (client-safe, pure).
 *
 * Tokens: {YYYY} year, {YY} two-digit year, {MM} month, and one run of # in braces for the number,
 * zero-padded to that many digits ({####} → 0042; a larger number simply gets more digits). The
 * rest is literal text of the characters a reference may hold (letters, digits, "-", "_", "."):
 * the reference travels as Okasie's externalReference and Blocket's source_id.
 *
 * The number counts per *series*: the pattern with its date filled in, so "{YYYY}" starts again at
 * 1 each year, and a pattern without a date counts on for ever.
 */
import { z } from "zod";
import { msg } from "@/lib/i18n/message";

const TOKEN = /\{(YYYY|YY|MM|#{1,8})\}/g;
const NUMBER = /\{#{1,8}\}/;
const LITERAL = /^[A-Za-z0-9._-]*$/;
export const MAX_REFERENCE_LENGTH = 64;

export const referencePatternSchema = z
  .string()
  .trim()
  .min(1, msg("quickCar.pattern.required", { example: "GNT-{YYYY}-{####}" }))
  .max(40, msg("validation.tooLong", { max: 40 }))
  .superRefine((pattern, ctx) => {
    const numbers = pattern.match(/\{#{1,8}\}/g) ?? [];
    if (numbers.length !== 1) return void ctx.addIssue({ code: "custom", message: msg("quickCar.pattern.oneNumber", { example: "{####}" }) });
    if (!LITERAL.test(pattern.replace(TOKEN, ""))) return void ctx.addIssue({ code: "custom", message: msg("quickCar.pattern.characters") });
    if (!/^[A-Za-z0-9]/.test(renderReference(pattern, 1, new Date(Date.UTC(2026, 0, 1))))) ctx.addIssue({ code: "custom", message: msg("quickCar.pattern.start") });
  });

/** The pattern a dealer gets until an admin sets one: three letters of its name, the year, four digits. */
export function defaultReferencePattern(dealerName: string): string {
  const letters = dealerName.normalize("NFD").replace(/[^A-Za-z]/g, "").slice(0, 3).toUpperCase();
  return `${letters || "CAR"}-{YYYY}-{####}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The series a date falls in: the pattern with its date tokens filled in, the number token kept. */
export function seriesOf(pattern: string, at: Date): string {
  return pattern.replace(TOKEN, (token, name: string) => {
    if (name === "YYYY") return String(at.getUTCFullYear());
    if (name === "YY") return pad(at.getUTCFullYear() % 100, 2);
    if (name === "MM") return pad(at.getUTCMonth() + 1, 2);
    return token;
  });
}

/** The reference of number `n` in the series of `at`. */
export function renderReference(pattern: string, n: number, at: Date): string {
  return seriesOf(pattern, at).replace(NUMBER, (token) => pad(n, token.length - 2));
}

export const referencePatternInputSchema = z.object({ dealer: z.string().min(1).max(64), pattern: referencePatternSchema });
export type ReferencePatternInput = z.input<typeof referencePatternInputSchema>;
