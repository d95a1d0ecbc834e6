/**
 * A car in a minute (issue 13, item 4): references numbered from the dealer's pattern (also when
 * created at the same moment), which fields the editor shows per set of marketplaces, VIN decoding,
 * Swedish plates, and the make/model lists (Blocket's look-ups through the simulator, cached).
 */
import "../sync/env";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import "../foundation/session";
import { signInAs } from "../foundation/session";
import { car, dealerId } from "./helpers";
import { makeAdmin, makeConnection, makeDealer } from "../sync/helpers";
import { saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { setReferencePatternAction } from "@/app/(dashboard)/d/[dealer]/settings/actions";
import { GET as exportCsv } from "@/app/(dashboard)/d/[dealer]/listings/export/route";
import { GET as vehicleValuesRoute } from "@/app/(dashboard)/d/[dealer]/listings/vehicle-values/route";
import { db } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/server";
import { saveListing } from "@/lib/listings/commands";
import { fieldGroups } from "@/lib/listings/editor-fields";
import { proposedReference, setReferencePattern } from "@/lib/listings/reference-numbers";
import { listingSchema } from "@/lib/listings/schema";
import { descriptorOf } from "@/lib/marketplaces/registry";
import { stopQueue } from "@/lib/sync/queue";
import { swedishPlateProblem } from "@/lib/vehicles/plate";
import { decodeVin } from "@/lib/vehicles/vin";
import { LOOKUP_TTL_MS, vehicleOptions } from "@/lib/vehicles/lookups";
import { startBlocketSandbox } from "@/sandbox/blocket";

const fieldError = (errors: unknown, path: string) => {
  let node = errors as Record<string, unknown> | undefined;
  for (const key of path.split(".")) node = node?.[key] as Record<string, unknown> | undefined;
  return (node as { _errors?: string[] } | undefined)?._errors?.[0];
};

afterAll(async () => { await stopQueue(); });

describe("references numbered from the dealer's pattern", () => {
  test("ten cars created at the same moment get ten different, consecutive numbers", async () => {
    const dealer = await makeDealer("BE");
    const admin = await makeAdmin(dealer.id);
    await setReferencePattern(admin.id, dealer.id, "T-{####}");
    const proposal = await proposedReference(dealer.id);
    expect(proposal).toBe("T-0001");
    const saved = await Promise.all(Array.from({ length: 10 }, () =>
      saveListing(admin.id, dealer.id, { listing: listingSchema.parse(car({ reference: proposal, status: "draft" })), channels: {}, autoReference: proposal })));
    expect(saved.map((s) => s.reference).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `T-${String(i + 1).padStart(4, "0")}`));
    expect(await db.listing.count({ where: { dealerId: dealer.id } })).toBe(10);
    expect(await proposedReference(dealer.id)).toBe("T-0011");
  });

  test("a reference the dealer typed is kept and not counted; a number already used by hand is skipped", async () => {
    const dealer = await makeDealer("SE");
    const admin = await makeAdmin(dealer.id);
    await setReferencePattern(admin.id, dealer.id, "BH{YY}-{###}");
    const yy = String(new Date().getUTCFullYear() % 100).padStart(2, "0");
    const proposal = await proposedReference(dealer.id);
    expect(proposal).toBe(`BH${yy}-001`);
    const own = await saveListing(admin.id, dealer.id, { listing: listingSchema.parse(car({ reference: "MY-OWN-1", status: "draft" })), channels: {}, autoReference: proposal });
    expect(own.reference).toBe("MY-OWN-1");
    await saveListing(admin.id, dealer.id, { listing: listingSchema.parse(car({ reference: `BH${yy}-001`, status: "draft" })), channels: {} });
    expect(await proposedReference(dealer.id)).toBe(`BH${yy}-002`);
    const next = await saveListing(admin.id, dealer.id, { listing: listingSchema.parse(car({ reference: `BH${yy}-002`, status: "draft" })), channels: {}, autoReference: `BH${yy}-002` });
    expect(next.reference).toBe(`BH${yy}-002`);
  });

  test("an admin sets the pattern in Settings; staff may not; a pattern without a number is refused on the field", async () => {
    await signInAs("staff@autogent.test");
    const refused = await setReferencePatternAction({ dealer: "auto-gent", pattern: "GNT-{YYYY}-{####}" });
    expect(refused.serverError).toBeTruthy();
    expect((await db.dealer.findUniqueOrThrow({ where: { slug: "auto-gent" } })).referencePattern).toBeNull();

    await signInAs("owner@autogent.test");
    const bad = await setReferencePatternAction({ dealer: "auto-gent", pattern: "GNT-{YYYY}" });
    expect((await translatorFor("nl")).text(fieldError(bad.validationErrors, "pattern"))).toMatch(/precies één nummer/);
    const badChars = await setReferencePatternAction({ dealer: "auto-gent", pattern: "GNT/{####}" });
    expect(fieldError(badChars.validationErrors, "pattern")).toBeTruthy();

    const ok = await setReferencePatternAction({ dealer: "auto-gent", pattern: "GNT-{YYYY}-{####}" });
    expect(ok.data?.next).toBe(`GNT-${new Date().getUTCFullYear()}-0001`);
    const audit = await db.auditEvent.findFirst({ where: { action: "dealer.reference_pattern_set", dealerId: await dealerId("auto-gent") } });
    expect(audit?.data).toMatchObject({ from: null, to: "GNT-{YYYY}-{####}" });
  });
});

describe("the editor's fields follow the dealer's marketplaces", () => {
  const okasie = descriptorOf("OKASIE").fields;
  const blocket = descriptorOf("BLOCKET").fields;

  test("a Belgian dealer on Okasie: no plate, no Blocket fields; location required; Car-Pass folded", () => {
    const g = fieldGroups([okasie]);
    expect(g.required).toEqual(expect.arrayContaining(["title", "price", "postalCode", "city", "province"]));
    expect(g.hidden).toEqual(expect.arrayContaining(["registrationNumber", "blocketCategory", "registrationNumberHidden", "contactEmail"]));
    expect(g.more).toContain("carPassUrl");
    expect(g.required).not.toContain("registrationNumber");
  });

  test("a Swedish dealer on Blocket: no Car-Pass, no Okasie-only fields; what Blocket refuses a car without comes first", () => {
    const g = fieldGroups([blocket]);
    expect(g.required).toEqual(expect.arrayContaining(["registrationNumber", "make", "model", "year", "mileage", "fuelType", "transmission", "bodyType"]));
    expect(g.hidden).toEqual(expect.arrayContaining(["carPassUrl", "province", "co2Emission", "paintType"]));
    expect(g.hidden).not.toContain("registrationNumber");
  });

  test("both marketplaces: the union, each field at its strictest; none: every field", () => {
    const both = fieldGroups([okasie, blocket]);
    expect(both.hidden).toEqual([]);
    expect(both.required).toEqual(expect.arrayContaining(["province", "registrationNumber", "make"]));
    const none = fieldGroups([]);
    expect(none.hidden).toEqual([]);
    expect(none.required).toEqual(["title"]);
  });

  test("a value in a field the dealer's marketplaces do not use is kept on save and still exported", async () => {
    await signInAs("staff@bilhuset.test");
    const input = car({ currency: "SEK", price: 189000, carPassUrl: "https://www.car-pass.be/check/123", registrationNumber: "MLB 12C", status: "draft" });
    const saved = await saveListingAction({ dealer: "bilhuset", listing: input, channels: {} });
    expect(saved.serverError).toBeUndefined();
    const row = await db.listing.findUniqueOrThrow({ where: { id: saved.data!.id! } });
    expect(row.details).toMatchObject({ carPassUrl: "https://www.car-pass.be/check/123" });
    expect(row.registrationNumber).toBe("MLB12C");
    const csv = await (await exportCsv(new Request(`http://localhost/d/bilhuset/listings/export?q=${input.reference}`), { params: Promise.resolve({ dealer: "bilhuset" }) })).text();
    expect(csv).toContain("https://www.car-pass.be/check/123");
  });
});

describe("VIN decoding, offline", () => {
  const now = new Date("2026-11-26T00:00:00Z");
  test("a Volkswagen VIN gives the make and the model year at position 10", () => {
    expect(decodeVin("WVWZZZAUZKW123456", now)).toMatchObject({ make: "Volkswagen", country: "DE", modelYear: 2019, checkDigit: "notApplicable" });
    expect(decodeVin("wvw zzz au zkw 123456", now)?.vin).toBe("WVWZZZAUZKW123456");
  });
  test("the 30-year cycle: the latest year not after next year", () => {
    expect(decodeVin("YV1ZZZ00ZA1234567", now)?.modelYear).toBe(2010); // A: 1980 or 2010
    expect(decodeVin("YV1ZZZ00Z11234567", now)?.modelYear).toBe(2001); // 1: 2001, not 2031
    expect(decodeVin("YV1ZZZ00ZT1234567", now)?.modelYear).toBe(2026); // T: 1996 or 2026
  });
  test("makers that do not encode the year there get none; a European VIN is never refused on its check digit", () => {
    expect(decodeVin("WDD2050421F123456", now)).toMatchObject({ make: "Mercedes-Benz", modelYear: null, checkDigit: "notApplicable" });
    expect(decodeVin("VF1RFB00X61234567", now)).toMatchObject({ make: "Renault", modelYear: null });
  });
  test("North American VINs: the check digit is checked and position 7 settles the cycle", () => {
    expect(decodeVin("1M8GDM9AXKP042788", now)).toMatchObject({ checkDigit: "valid", modelYear: 1989 }); // position 7 a digit: K is 1989
    expect(decodeVin("1M8GDM9A1KP042788", now)?.checkDigit).toBe("invalid");
    expect(decodeVin("1HGCM82633A004352", now)).toMatchObject({ checkDigit: "valid", modelYear: 2003, make: null });
  });
  test("not a VIN: too short, or with I, O or Q", () => {
    expect(decodeVin("WVWZZZAUZKW12345", now)).toBeNull();
    expect(decodeVin("WVWZZZAUZKWI23456", now)).toBeNull();
  });
});

describe("Swedish registration numbers", () => {
  test.each([["ABC123", null], ["abc 123", null], ["ABC12D", null], ["MLB-12C", null], ["MYCAR", null], ["ABI123", "letters"], ["AVC123", "letters"], ["ABC12O", "lastLetter"], ["AB12345", "format"], ["123456", "format"], ["ABC1234", "format"], ["A", "format"]] as const)(
    "%s → %s", (plate, problem) => expect(swedishPlateProblem(plate)).toBe(problem));

  test("a Swedish dealer's wrong plate is refused on the field, in Swedish; nothing is stored. A Belgian dealer's plate is not held to Swedish rules", async () => {
    await signInAs("staff@bilhuset.test");
    const before = await db.listing.count({ where: { dealerId: await dealerId("bilhuset") } });
    const refused = await saveListingAction({ dealer: "bilhuset", listing: car({ currency: "SEK", registrationNumber: "ABI123" }), channels: {} });
    expect((await translatorFor("sv")).text(fieldError(refused.validationErrors, "listing.registrationNumber"))).toMatch(/aldrig bokstäverna I, Q eller V/);
    expect(await db.listing.count({ where: { dealerId: await dealerId("bilhuset") } })).toBe(before);

    await signInAs("staff@autogent.test");
    const belgian = await saveListingAction({ dealer: "auto-gent", listing: car({ registrationNumber: "1ABI123".slice(1) }), channels: {} });
    expect(belgian.serverError).toBeUndefined();
    expect(belgian.validationErrors).toBeUndefined();
  });
});

describe("make and model lists", () => {
  let sim: Awaited<ReturnType<typeof startBlocketSandbox>>;
  beforeAll(async () => { sim = await startBlocketSandbox({ port: 0, processingDelayMs: 5 }); });
  afterAll(async () => { await sim?.close(); });

  test("a dealer on Blocket gets Blocket's brands and models, fetched once and then served from the cache until it is a week old", async () => {
    const dealer = await makeDealer("SE");
    await makeConnection(dealer.id, "BLOCKET", sim.baseUrl);
    const brands = await vehicleOptions(dealer.id, { kind: "brands" });
    expect(brands.source).toBe("BLOCKET");
    expect(brands.idFields).toEqual({ brand: "blocketBrand", model: "blocketModel" });
    expect(brands.values).toEqual(expect.arrayContaining([{ id: "volvo", name: "Volvo" }]));
    const models = await vehicleOptions(dealer.id, { kind: "models", brand: "volvo" });
    expect(models.values.map((m) => m.id)).toEqual(expect.arrayContaining(["xc60", "v60"]));
    expect((await vehicleOptions(dealer.id, { kind: "models", brand: "no-such-brand" })).values).toEqual([]);

    // Served from the database: a marked copy comes back until it is older than the TTL.
    const row = await db.vehicleLookup.findFirstOrThrow({ where: { marketplace: "BLOCKET", key: "brands" } });
    await db.vehicleLookup.update({ where: { marketplace_endpoint_key: { marketplace: "BLOCKET", endpoint: row.endpoint, key: "brands" } }, data: { values: [{ id: "cached", name: "Cached" }] } });
    expect((await vehicleOptions(dealer.id, { kind: "brands" })).values).toEqual([{ id: "cached", name: "Cached" }]);
    await db.vehicleLookup.update({ where: { marketplace_endpoint_key: { marketplace: "BLOCKET", endpoint: row.endpoint, key: "brands" } }, data: { fetchedAt: new Date(Date.now() - LOOKUP_TTL_MS - 1000) } });
    expect((await vehicleOptions(dealer.id, { kind: "brands" })).values).toEqual(expect.arrayContaining([{ id: "volvo", name: "Volvo" }]));

    // Blocket unreachable: the stale copy is served rather than nothing.
    await db.vehicleLookup.update({ where: { marketplace_endpoint_key: { marketplace: "BLOCKET", endpoint: row.endpoint, key: "brands" } }, data: { fetchedAt: new Date(0) } });
    await sim.close();
    expect((await vehicleOptions(dealer.id, { kind: "brands" })).values).toEqual(expect.arrayContaining([{ id: "volvo", name: "Volvo" }]));
    sim = await startBlocketSandbox({ port: 0, processingDelayMs: 5 });
  });

  test("a dealer without a marketplace list gets the bundled list, through the dealer's own route only", async () => {
    await signInAs("staff@autogent.test");
    const call = (dealer: string, query: string) => vehicleValuesRoute(new Request(`http://localhost/d/${dealer}/listings/vehicle-values?${query}`), { params: Promise.resolve({ dealer }) });
    const brands = await (await call("auto-gent", "list=brands")).json() as { source: string; values: { name: string }[] };
    expect(brands.source).toBe("bundled");
    expect(brands.values.map((b) => b.name)).toEqual(expect.arrayContaining(["Volkswagen", "Skoda", "Citroën"]));
    const golf = await (await call("auto-gent", "list=models&brand=volkswagen")).json() as { values: { name: string }[] };
    expect(golf.values.map((m) => m.name)).toEqual(expect.arrayContaining(["Golf", "ID.3"]));
    expect((await call("auto-gent", "list=models")).status).toBe(400);
    expect((await call("bilhuset", "list=brands")).status).toBe(404);
    await signInAs("viewer@autogent.test");
    expect((await call("auto-gent", "list=brands")).status).not.toBe(200);
  });
});
