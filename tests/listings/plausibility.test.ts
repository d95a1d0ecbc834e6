/**
 * Values that parse but are probably a mistake must be confirmed before a car goes on sale: in
 * the editor (the save is held back until confirmed), from the grid, and in a CSV import.
 */
import { describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "./helpers";
import { bulkStatusAction, importCsvAction, previewCsvAction, saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { db } from "@/lib/db";
import { parseMessage } from "@/lib/i18n/message";
import { translatorFor } from "@/lib/i18n/translator";
import { listingSchema, type ListingInput } from "@/lib/listings/schema";
import { plausibilityWarnings } from "@/lib/listings/plausibility";

const NOW = new Date("2026-06-15T12:00:00Z");
const checks = (over: Partial<ListingInput>, medianPrice?: number) =>
  plausibilityWarnings(listingSchema.parse({ reference: "P-1", title: "Skoda Octavia", condition: "used", currency: "EUR", price: 18950, mileage: 85000, year: 2020, ...over }), { now: NOW, medianPrice }).map((w) => w.check);

describe("the checks", () => {
  test.each([
    ["€18.95 for a used car (a Belgian's 18.950 read the English way)", { price: 18.95 }, ["price_low"]],
    ["€499 for a used car", { price: 499 }, ["price_low"]],
    ["€500 for a used car", { price: 500 }, []],
    ["4 999 kr for a used car", { currency: "SEK", price: 4999 }, ["price_low"]],
    ["€4 999 is fine in euros", { price: 4999 }, []],
    ["€300 for a new car is not a used-car price", { condition: "new", price: 300 }, []],
    ["a car without a condition counts as used", { condition: null, price: 90 }, ["price_low"]],
    ["a trailer is not a car", { blocketCategory: "trailer", price: 300 }, []],
    ["85 km on a used car (85.000 read the English way)", { mileage: 85 }, ["mileage_low"]],
    ["0 km on a new car", { condition: "new", mileage: 0 }, []],
    ["next year's build year", { year: 2027 }, ["year_future"]],
    ["this year's build year", { year: 2026 }, []],
    ["a first registration next month", { firstRegistration: "2026-07" }, ["registration_future"]],
    ["a first registration this month", { firstRegistration: "2026-06" }, []],
  ] as const)("%s", (_label, over, expected) => {
    expect(checks(over as Partial<ListingInput>)).toEqual(expected);
  });

  test("a price a hundred times the same model's median in stock", () => {
    expect(checks({ price: 1_895_000 }, 18_950)).toEqual(["price_median"]);
    expect(checks({ price: 1_800_000 }, 18_950)).toEqual([]);
    expect(checks({ price: 1_895_000 })).toEqual([]); // no comparable car in stock
  });

  test("the warning reads in the dealer's language, with the money written their way", async () => {
    const [w] = plausibilityWarnings(listingSchema.parse({ reference: "P-1", title: "x", price: 18.95, currency: "EUR" }), { now: NOW });
    expect((await translatorFor("nl")).text(w!.message)).toContain("€ 18,95 is wel heel weinig");
    expect((await translatorFor("fr")).text(w!.message)).toMatch(/^18,95\s€, c’est très peu/);
    const [sek] = plausibilityWarnings(listingSchema.parse({ reference: "P-1", title: "x", price: 1895, currency: "SEK" }), { now: NOW });
    expect((await translatorFor("sv")).text(sek!.message)).toMatch(/^1\s895 kr är väldigt lite/);
  });
});

describe("in the editor", () => {
  test("a car for sale at €18.95 is not saved until the dealer confirms; the confirmation holds for that price only", async () => {
    await signInAs("staff@autogent.test");
    const listing = car({ price: 18.95, condition: "used" });
    const held = await saveListingAction({ dealer: "auto-gent", listing, channels: {} });
    expect(held.data?.id).toBeUndefined();
    expect(held.data?.needsConfirmation.map((w) => [w.check, w.field, parseMessage(w.message)?.key])).toEqual([["price_low", "price", "plausibility.priceLow"]]);
    expect(await db.listing.count({ where: { reference: listing.reference } })).toBe(0);

    const confirmed = await saveListingAction({ dealer: "auto-gent", listing, channels: {}, confirm: held.data!.needsConfirmation.map((w) => w.fingerprint) });
    const id = confirmed.data!.id!;
    expect(id).toBeTruthy();
    expect((await db.listing.findUniqueOrThrow({ where: { id } })).plausibilityConfirmed).toEqual({ price_low: "price_low:18.95" });

    // Saving again with the same price needs no new confirmation…
    expect((await saveListingAction({ dealer: "auto-gent", id, listing: { ...listing, title: "Renamed" }, channels: {} })).data?.needsConfirmation).toEqual([]);
    // …a different implausible price does, and the old confirmation is gone once it saves.
    const again = await saveListingAction({ dealer: "auto-gent", id, listing: { ...listing, price: 19.5 }, channels: {} });
    expect(again.data?.needsConfirmation.map((w) => w.fingerprint)).toEqual(["price_low:19.5"]);
    expect(Number((await db.listing.findUniqueOrThrow({ where: { id } })).price)).toBe(18.95);
    await saveListingAction({ dealer: "auto-gent", id, listing: { ...listing, price: 18950 }, channels: {} });
    expect((await db.listing.findUniqueOrThrow({ where: { id } })).plausibilityConfirmed).toEqual({});
  });

  test("a draft saves with its warnings; putting it on sale from the grid asks for the confirmation first", async () => {
    await signInAs("staff@autogent.test");
    const listing = car({ status: "draft", mileage: 85, condition: "used" });
    const saved = await saveListingAction({ dealer: "auto-gent", listing, channels: {} });
    expect(saved.data?.warnings.map((w) => w.check)).toEqual(["mileage_low"]);
    const id = saved.data!.id!;
    const refused = await bulkStatusAction({ dealer: "auto-gent", ids: [id], status: "active" });
    const message = ((refused.validationErrors as { ids?: { _errors?: string[] } })?.ids?._errors ?? [])[0];
    expect((await translatorFor("en")).text(message)).toContain(listing.reference);
    expect((await db.listing.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    await saveListingAction({ dealer: "auto-gent", id, listing, channels: {}, confirm: ["mileage_low:85"] });
    expect((await bulkStatusAction({ dealer: "auto-gent", ids: [id], status: "active" })).data).toMatchObject({ count: 1, changeSetId: expect.any(String) });
  });

  test("a price a hundred times the dealer's other cars of that model", async () => {
    await signInAs("staff@autogent.test");
    const model = `Model${Date.now().toString(36)}`;
    for (const price of [18000, 19000, 21000]) await saveListingAction({ dealer: "auto-gent", listing: car({ model, price }), channels: {} });
    const held = await saveListingAction({ dealer: "auto-gent", listing: car({ model, price: 1_900_000 }), channels: {} });
    expect(held.data?.needsConfirmation.map((w) => w.check)).toEqual(["price_median"]);
    expect(parseMessage(held.data!.needsConfirmation[0]!.message)?.values).toMatchObject({ median: 19000, times: 100 });
    // Another dealer's stock is not this dealer's yardstick.
    await signInAs("staff@bilhuset.test");
    expect((await saveListingAction({ dealer: "bilhuset", listing: car({ model, price: 1_900_000, currency: "EUR" }), channels: {} })).data?.needsConfirmation).toEqual([]);
  });
});

describe("in a CSV import", () => {
  test("the preview flags the value; cars for sale are imported only once the dealer confirms", async () => {
    await signInAs("staff@autogent.test");
    const tag = `pl${Date.now().toString(36)}`;
    // An English file whose writer meant 18.950 and 85.000 the Belgian way: read as 18.95 and an error.
    const csv = ["reference,title,status,condition,price,mileage", `${tag}-1,Skoda Octavia,active,used,18.95,85`, `${tag}-2,Skoda Fabia,draft,used,12950,40000`].join("\r\n");
    const preview = await previewCsvAction({ dealer: "auto-gent", csv });
    expect(preview.data?.warnings.map((w) => [w.line, w.reference, w.field, w.column, w.mustConfirm])).toEqual([
      [2, `${tag}-1`, "price", "price", true],
      [2, `${tag}-1`, "mileage", "mileage", true],
    ]);
    expect((await importCsvAction({ dealer: "auto-gent", csv })).data?.imported).toBe(0);
    expect(await db.listing.count({ where: { reference: { startsWith: tag }, dealerId: await dealerId("auto-gent") } })).toBe(0);
    expect((await importCsvAction({ dealer: "auto-gent", csv, confirmWarnings: true })).data?.imported).toBe(2);
    const saved = await db.listing.findFirstOrThrow({ where: { reference: `${tag}-1` } });
    expect(saved.plausibilityConfirmed).toEqual({ price_low: "price_low:18.95", mileage_low: "mileage_low:85" });
    // Importing the same file again asks nothing more.
    expect((await previewCsvAction({ dealer: "auto-gent", csv })).data?.warnings).toEqual([]);
  });
});
