/**
 * Swedish registration numbers (client-safe, pure). Transportstyrelsen's rules:
 * - a regular plate is three letters and three digits ("ABC123"), or since 2019 three letters, two
 *   digits and a letter ("ABC12D"); the letters I, Q, V (and Å, Ä, Ö) are never used, and the last
 *   letter is never O (it would read as a zero);
 * - a personal plate ("personlig skylt") is 2–7 letters, digits and spaces; Blocket takes six
 *   characters at most (§3.3), so here it is 2–6 letters and digits with at least one letter, and
 *   it must not have the regular plate's shape.
 * People write "ABC 123" or "abc-123": spaces and dashes are dropped, letters upper-cased.
 */
export type SwedishPlateProblem = "format" | "letters" | "lastLetter";

const REGULAR_SHAPE = /^[A-Z]{3}\d{2}[A-Z0-9]$/;
const FORBIDDEN_LETTERS = /[IQV]/;

export function normalizePlate(text: string): string {
  return text.replace(/[\s-]+/g, "").toUpperCase();
}

/** Why a Swedish plate is not one, or null when it is (regular or personal). */
export function swedishPlateProblem(text: string): SwedishPlateProblem | null {
  const plate = normalizePlate(text);
  if (REGULAR_SHAPE.test(plate)) {
    if (FORBIDDEN_LETTERS.test(plate)) return "letters";
    if (plate[5] === "O") return "lastLetter";
    return null;
  }
  if (/^[A-Z0-9]{2,6}$/.test(plate) && /[A-Z]/.test(plate) && !/^[A-Z]{3}\d{3}$/.test(plate)) return null;
  return "format";
}
