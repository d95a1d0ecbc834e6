/**
 * Every problem the marketplaces' pre-flight rules can raise reads in every language: the rules
 * are driven through listings that break each of them; each problem is a catalog message whose
 * key exists in every catalog, and a problem stored without one (an older sync's) still finds
 * words by its code and field.
 */
import { describe, expect, test } from "vitest";
import { problemKeys, problemWords } from "@/components/listings/problem-words";
import { parseMessage } from "@/lib/i18n/message";
import { LANGUAGES } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { listingSchema, type ListingInput } from "@/lib/listings/schema";
import { okasieProblems } from "@/lib/marketplaces/okasie/rules";
import { blocketPreflight } from "@/lib/marketplaces/blocket/rules";
import type { Listing } from "@/lib/listings/schema";

const base: ListingInput = { reference: "P-1", title: "Volvo V60", status: "active", price: 189000, currency: "SEK", make: "Volvo", model: "V60", year: 2019, mileage: 98000, fuelType: "diesel", transmission: "automatic", bodyType: "wagon", registrationNumber: "ABC123", postalCode: "11122", city: "Stockholm", province: "Stockholm", images: ["https://img.test/1.jpg"] };
const listing = (over: Partial<Listing>): Listing => ({ ...listingSchema.parse(base), ...over }) as Listing;

// Each breaks one or more rules on purpose; together they reach every rule we know of.
const BROKEN: Partial<Listing>[] = [
  { reference: "", title: "", price: null, currency: "SEK", postalCode: null, city: null, province: null, images: [] },
  { reference: "x".repeat(70) },
  { reference: "bad ref!" },
  { price: -5, currency: "EUR" },
  { description: "x".repeat(15_001) },
  { fuelType: "other" as never, bodyType: "other" as never, transmission: "other" as never },
  { year: 1800, gears: 0 as never, powerKw: -1 as never, doors: 40 as never },
  { year: 2.5 as never },
  { firstRegistration: "2021/03" },
  { carPassUrl: "https://example.test/carpass" },
  { conditionTags: ["a", "b", "c", "d", "e", "f", "g"] },
  { features: [{ category: null, name: "" }] },
  { images: Array.from({ length: 51 }, (_, i) => `https://img.test/${i}.jpg`) },
  { images: ["ftp://img.test/1.jpg", "https://img.test/a.jpg", "https://img.test/a.jpg", "https://img.test/b.gif", "not a url"] },
  { registrationNumber: null, vin: null, year: null, mileage: null, make: null, model: null, contactName: "Sven" },
  { blocketCategory: "boat", title: "x".repeat(120), contactEmail: null, contactPhone: "12" },
  { price: 18950.5, description: "<b>" + "x".repeat(10_001), postalCode: "9000", latitude: 59.3 },
  { registrationNumber: "ABCDEFG" },
];

describe("pre-flight problems in every language", () => {
  test("every problem the rules raise has catalog words", async () => {
    const problems = BROKEN.flatMap((over) => [
      ...okasieProblems({ listing: listing(over) }, { marketplace: "OKASIE", dealerProfileId: "not-a-uuid" }).map((p) => ["OKASIE", p] as const),
      ...okasieProblems({ listing: listing(over) }, { marketplace: "OKASIE" }).map((p) => ["OKASIE", p] as const),
      ...blocketPreflight({ listing: listing(over) }).map((p) => ["BLOCKET", p] as const),
    ]);
    const codes = new Set(problems.map(([m, p]) => `${m}:${p.code}`));
    expect(codes.size).toBeGreaterThan(35); // the test reaches (nearly) every rule
    for (const language of LANGUAGES) {
      const { t } = await translatorFor(language);
      const notMessages = problems.filter(([, p]) => !parseMessage(p.message) || !t.has(parseMessage(p.message)!.key)).map(([m, p]) => `${m} ${p.code} (${p.field}): ${p.message}`);
      expect([...new Set(notMessages)], language).toEqual([]);
      // Worded, without an error and without a raw key.
      for (const [m, p] of problems) expect(problemWords(t, m, p).text, `${m} ${p.code}`).not.toMatch(/^preflight\.|^@/);
      // The same problems stored as plain text by an older version: found by code and field.
      const missing = problems.filter(([m, p]) => !problemKeys(m, { ...p, message: "old text" }).some((k) => t.has(k))).map(([m, p]) => `${m} ${p.code} (${p.field})`);
      expect([...new Set(missing)], language).toEqual([]);
    }
  });
});
