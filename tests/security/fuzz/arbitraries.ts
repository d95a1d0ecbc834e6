/**
 * Hostile input: wrong types, empty and huge strings, NUL bytes, lone surrogates, right-to-left
 * marks and emoji, negative, fractional and huge numbers, NaN and infinities, big integers,
 * dates, deep junk, huge arrays, and another dealer's real identifiers.
 */
import fc from "fast-check";

const HUGE = "A".repeat(200_000);
const SPECIALS: unknown[] = [
  null, undefined, "", " ", "\u0000", "a\u0000b", "\uD800", "\uDFFF\uD800", "\u202Eevil", "𝔉𝔬𝔯𝔢𝔠𝔬𝔲𝔯𝔱", "😀".repeat(300), "ꙮ".repeat(1000),
  "'; DROP TABLE \"Listing\"; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "{{7*7}}", "${7*7}", "=HYPERLINK(\"x\")",
  HUGE, "é".repeat(70_000), 0, -0, -1, 1.5, -1e-9, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, NaN, Infinity, -Infinity,
  10n ** 30n, -1n, true, false, new Date(NaN), new Date(8.64e15), [], {}, [[[[[]]]]], { __proto__: { polluted: true } }, { constructor: { prototype: { x: 1 } } },
  Array.from({ length: 20_000 }, (_, i) => `id-${i}`),
];

export function hostileScalar(extra: unknown[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SPECIALS, ...extra) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.bigInt() },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }) },
  );
}

/** The keys of a zod object schema (through optional/nullable/default/pipe wrappers), or null. */
export function shapeOf(schema: unknown): Record<string, unknown> | null {
  let s = schema as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown; in?: unknown; type?: string } } } | undefined;
  for (let i = 0; i < 6 && s; i++) {
    if (s.shape && typeof s.shape === "object") return s.shape;
    const def = s._zod?.def;
    s = (def?.innerType ?? def?.in) as typeof s;
  }
  return null;
}

/**
 * An object with the schema's keys (each maybe missing), every value hostile; nested objects are
 * filled the same way one level down, so their fields are attacked too.
 */
export function hostileObject(schema: unknown, extra: unknown[], overrides: Record<string, fc.Arbitrary<unknown>> = {}, depth = 0): fc.Arbitrary<unknown> {
  const shape = shapeOf(schema);
  if (!shape || depth > 1) return hostileScalar(extra);
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of Object.entries(shape)) {
    entries[key] = overrides[key] ?? (shapeOf(child) ? fc.oneof(hostileObject(child, extra, {}, depth + 1), hostileScalar(extra)) : hostileScalar(extra));
  }
  return fc.record(entries, { requiredKeys: [] });
}

/**
 * Values that could well be valid — short words, small numbers, booleans, role and marketplace
 * names, known e-mails — mixed with another dealer's real ids: what an attacker at dealer A
 * sends to reach dealer B's things.
 */
export function plausible(otherIds: string[], emails: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...otherIds) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...otherIds), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom("STAFF", "VIEWER", "ADMIN", "OKASIE", "BLOCKET", "SANDBOX", "sold", "active", "draft", "nl", "en", ...emails) },
    { weight: 1, arbitrary: fc.constantFrom(true, false, 0, 1, 5, "x", "Golf") },
  );
}
