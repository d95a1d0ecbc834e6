/**
 * Conformance of the Okasie sandbox to okasie.md, over HTTP, grouped by the kinds of leniency a
 * sandbox can drift into (issue #18's audit): unknown fields, aliases, validation and its order,
 * status transitions — plus authentication, bulk and list rules. [DOC] statements first; where
 * a check pins a simulator decision ([ASSUMED] G-nn) it says so.
 */
import { afterAll, beforeAll, beforeEach, describe, expect } from "vitest";
import { PROFILE_IDS, READONLY_SECRET } from "@/sandbox/okasie";
import { clause, okasieCar, startOkasie, type OkasieHandle } from "./harness";

let o: OkasieHandle;
beforeAll(async () => { o = await startOkasie(); });
afterAll(async () => o?.close());
beforeEach(async () => {
  await o.control("/reset", {});
  await o.control("/config", { ratePerMinute: 0, burstPerSecond: 0 });
});

const put = (ref: string, body: unknown) => o.api("PUT", `/listings/${encodeURIComponent(ref)}`, body);
const issuesOf = (res: { body: any }) => Object.fromEntries((res.body.error?.issues ?? []).map((i: any) => [i.path, i.code]));

describe("issue #18 audit: findings closed", () => {
  clause("okasie.md G-18", "an image entry that is neither a URL string nor an object with url/imageUrl is 422 at images.N", async () => {
    const res = await put("F-1", okasieCar({ images: [{ src: "https://photos.example.com/1.jpg" }, { url: 5 }] }));
    expect(res.status).toBe(422);
    expect(issuesOf(res)).toEqual({ "images.0": "invalid_type", "images.1.url": "invalid_type" });
  });

  clause("okasie.md G-16, G-45, §2.2.1", "an empty currency, firstRegistration or carPassUrl is refused, never read as \"not sent\"", async () => {
    const res = await put("F-2", okasieCar({ currency: "", firstRegistration: " ", carPassUrl: "" }));
    expect(res.status).toBe(422);
    expect(issuesOf(res)).toEqual({ currency: "invalid_string", firstRegistration: "invalid_string", carPassUrl: "invalid_string" });
  });

  clause("okasie.md G-12", "strict-fields mode lists unknown nested fields too (location, features, images)", async () => {
    await o.control("/config", { strictFields: true });
    const res = await put("F-3", okasieCar({
      colour: "Blauw",
      location: { postalCode: "9000", zip: "9000" },
      features: [{ name: "ABS", label: "ABS" }],
      images: [{ url: "https://photos.example.com/1.jpg", alt: "front" }],
    }));
    expect(res.status).toBe(201);
    expect(res.body.data.warnings.unknownFields.sort()).toEqual(["colour", "features.0.label", "images.0.alt", "location.zip"]);
  });

  clause("okasie.md G-06, G-11", "a bulk item's reference over 64 characters is one too_big issue, not two", async () => {
    const res = await o.api("POST", "/listings/bulk-upsert", { items: [{ ...okasieCar(), externalReference: "R".repeat(65) }] });
    expect(res.body.data.errors[0].issues).toEqual([expect.objectContaining({ path: "externalReference", code: "too_big" })]);
  });
});

describe("unknown fields and aliases (§2.2.2, G-12, G-16)", () => {
  clause("okasie.md G-12", "unknown fields are ignored: nothing stored, nothing echoed, no warning by default", async () => {
    const res = await put("U-1", okasieCar({ make: "Skoda", fuel: "diesel", postcode: "9000", kilometers: 1 }));
    expect(res.status).toBe(201);
    expect(res.body.data).not.toHaveProperty("warnings");
    const l = await o.listing("U-1");
    for (const k of ["make", "fuel", "postcode", "kilometers"]) expect(l).not.toHaveProperty(k);
  });

  clause("okasie.md §2.2.2 [DOC]", "every documented alias is accepted and returned under its canonical name", async () => {
    const res = await put("A-1", okasieCar({
      postalCode: undefined, city: undefined, province: undefined,
      location: { postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen", latitude: 51.05, longitude: 3.72 },
      carPassNumber: "123.4567.8901",
      images: ["https://photos.example.com/1.jpg", { imageUrl: "https://photos.example.com/2.jpg" }],
      features: [{ feature: "Airco", category: "comfort" }],
    }));
    expect(res.status).toBe(201);
    const l = await o.listing("A-1");
    expect(l.location).toEqual({ postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen", latitude: 51.05, longitude: 3.72 });
    expect(l.carPassUrl).toBe("123.4567.8901");
    expect(l.images).toHaveLength(2);
    expect(l.features).toEqual([{ category: "comfort", name: "Airco" }]);
    const bulk = await o.api("POST", "/listings/bulk-upsert", [{ ...okasieCar(), external_reference: "A-2" }]);
    expect(bulk.body.data.results[0].externalReference).toBe("A-2");
  });

  clause("okasie.md §2.2.2 (G-16, G-09)", "canonical names win over aliases; flat location fields over location.*", async () => {
    await put("A-3", okasieCar({
      carPassUrl: "https://www.car-pass.be/nl/a", carPass: "12345678901", city: "Gent", location: { city: "Brugge" },
      images: [{ url: "https://photos.example.com/url.jpg", imageUrl: "https://photos.example.com/alias.jpg" }],
      features: [{ name: "ABS", feature: "ESP" }],
    }));
    const stored = await o.stored("A-3");
    expect(stored.fields).toMatchObject({ carPassUrl: "https://www.car-pass.be/nl/a", city: "Gent" });
    expect(stored.images[0].sourceUrl).toBe("https://photos.example.com/url.jpg");
    expect(stored.features).toEqual([{ name: "ABS", category: null }]);
  });

  clause("okasie.md §2.2.1 [DOC]", "a feature needs a name; a status outside the four is refused (no aliases like \"sold_out\")", async () => {
    expect(issuesOf(await put("A-4", okasieCar({ features: [{ label: "ABS" }] })))).toEqual({ "features.0.name": "invalid_type" });
    expect(issuesOf(await put("A-5", okasieCar({ status: "sold_out" })))).toEqual({ status: "invalid_enum_value" });
  });
});

describe("validation (§2.2.1 [DOC], G-13 … G-15)", () => {
  clause("okasie.md §2.2.1 [DOC]", "enums are exact, ranges hold, values are not coerced", async () => {
    const res = await put("V-1", okasieCar({
      fuelType: "Petrol", driveType: "fwd", year: 1899, gears: 13, doors: 0, seats: 11, price: "19995", mileage: 10.5,
      description: "x".repeat(15_001), conditionTags: ["a", "b", "c", "d", "e", "f", "g"], firstRegistration: "2021-13",
      carPassUrl: "https://evil.example/car-pass.be", interiorMaterial: "leder",
    }));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: "Payload validation failed" });
    expect(issuesOf(res)).toEqual({
      fuelType: "invalid_enum_value", driveType: "invalid_enum_value", year: "too_small", gears: "too_big", doors: "too_small",
      seats: "too_big", price: "invalid_type", mileage: "invalid_type", description: "too_big", conditionTags: "too_big",
      firstRegistration: "invalid_string", carPassUrl: "invalid_string", interiorMaterial: "invalid_enum_value",
    });
    const nextYear = new Date().getUTCFullYear() + 1;
    expect((await put("V-2", okasieCar({ year: nextYear }))).status).toBe(201);
    expect(issuesOf(await put("V-3", okasieCar({ year: nextYear + 1 })))).toEqual({ year: "too_big" });
    expect(issuesOf(await put("R".repeat(65), okasieCar()))).toEqual({ externalReference: "too_big" });
  });

  clause("okasie.md §2.2.5 [DOC], §5.3 [ASSUMED]", "business rules answer 400 with their codes, after the 422 checks, in the order title, price, location, profile", async () => {
    const bare = { status: "active" };
    expect((await put("B-1", { ...bare, year: 1800 })).status).toBe(422);
    expect((await put("B-1", bare)).body.error.code).toBe("INVALID_TITLE");
    expect((await put("B-1", { ...bare, title: "Golf" })).body.error.code).toBe("INVALID_PRICE");
    expect((await put("B-1", { ...bare, title: "Golf", price: 1 })).body.error.code).toBe("INVALID_LOCATION");
    expect((await put("B-1", { ...bare, title: "Golf", price: 1, postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen" })).body.error.code).toBe("INVALID_PROFILE");
    const forbidden = await put("B-1", okasieCar({ dealerLocationCode: undefined, dealerProfileId: PROFILE_IDS.otherDealer }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("PROFILE_FORBIDDEN");
  });

  clause("okasie.md §2.2.1 [DOC], G-08", "a price is required for active and pending, not for draft or sold; a location only for active", async () => {
    expect((await put("B-2", okasieCar({ status: "pending", price: null }))).body.error.code).toBe("INVALID_PRICE");
    expect((await put("B-3", okasieCar({ status: "draft", price: null, city: null }))).status).toBe(201);
    expect((await put("B-4", okasieCar({ status: "pending", city: null }))).status).toBe(201);
  });
});

describe("full replacement and status transitions (§2.2, §2.4–§2.6, G-17, G-26)", () => {
  clause("okasie.md §2.2 [DOC]", "PUT replaces the whole listing: an omitted field becomes null, an omitted status draft", async () => {
    await put("S-1", okasieCar({ color: "Blauw", warranty: true }));
    const { status: _s, color: _c, ...rest } = okasieCar({ warranty: true });
    const res = await put("S-1", rest);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: false, status: "draft" });
    const l = await o.listing("S-1");
    expect(l).toMatchObject({ status: "draft", color: null, warranty: true, currency: "EUR" });
  });

  clause("okasie.md §2.4 [DOC]", "DELETE marks sold, answers the same on a repeat, and 404s an unknown reference", async () => {
    await put("S-2", okasieCar({ status: "draft" }));
    const first = await o.api("DELETE", "/listings/S-2");
    expect(first.body.data.status).toBe("sold");
    const again = await o.api("DELETE", "/listings/S-2");
    expect(again.body).toEqual(first.body);
    const unknown = await o.api("DELETE", "/listings/NOPE");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
  });

  clause("okasie.md §2.6 [DOC], G-26", "POST status takes the four statuses, re-checks the price rule, and a sold listing can come back", async () => {
    await put("S-3", okasieCar({ status: "draft", price: null }));
    expect((await o.api("POST", "/listings/S-3/status", { status: "reserved" })).status).toBe(422);
    expect((await o.api("POST", "/listings/S-3/status", {})).status).toBe(422);
    expect((await o.api("POST", "/listings/S-3/status", { status: "pending" })).body.error.code).toBe("INVALID_PRICE");
    await put("S-3", okasieCar({ status: "sold" }));
    expect((await o.listing("S-3")).soldAt).not.toBeNull();
    const back = await o.api("POST", "/listings/S-3/status", { status: "active" });
    expect(back.body.data.status).toBe("active");
    expect((await o.listing("S-3")).soldAt).toBeNull();
    const read = await o.api("GET", "/listings/S-3/status");
    expect(read.body.data).toMatchObject({ externalReference: "S-3", status: "active", updatedAt: expect.any(String) });
  });
});

describe("bulk upsert (§2.3 [DOC])", () => {
  clause("okasie.md §2.3 [DOC]", "1 to 100 items, as an array or {items}; each item succeeds or fails on its own", async () => {
    const res = await o.api("POST", "/listings/bulk-upsert", { items: [{ ...okasieCar(), externalReference: "K-1" }, { ...okasieCar({ title: "" }), externalReference: "K-2" }] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ successCount: 1, errorCount: 1 });
    expect(res.body.data.errors[0]).toMatchObject({ index: 1, externalReference: "K-2", code: "INVALID_TITLE" });
    expect((await o.api("POST", "/listings/bulk-upsert", [])).body.error.code).toBe("EMPTY_PAYLOAD");
    const many = Array.from({ length: 101 }, (_, i) => ({ ...okasieCar(), externalReference: `M-${i}` }));
    expect((await o.api("POST", "/listings/bulk-upsert", many)).body.error.code).toBe("TOO_MANY_ITEMS");
    expect((await o.api("POST", "/listings/bulk-upsert", undefined, { raw: "{nope" })).body.error.code).toBe("INVALID_JSON");
    expect((await o.listing("M-0"))).toBeUndefined();
  });
});

describe("authentication, rate limits and lists (§1.2–§1.4, §2.1 [DOC])", () => {
  clause("okasie.md §1.2 [DOC]", "Bearer and X-API-Key both work; a missing or wrong secret is 401 UNAUTHORIZED", async () => {
    expect((await o.api("GET", "/locations", undefined, { token: null, headers: { "x-api-key": "okasie-sandbox-token" } })).status).toBe(200);
    const missing = await o.api("GET", "/listings", undefined, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("UNAUTHORIZED");
    expect((await o.api("GET", "/listings", undefined, { token: "sk_partner_wrong" })).status).toBe(401);
  });

  clause("okasie.md §1.3 [DOC]", "writes need write:listings", async () => {
    const res = await o.api("PUT", "/listings/W-1", okasieCar(), { token: READONLY_SECRET });
    expect(res.status).toBe(403);
  });

  clause("okasie.md §1.4 [DOC]", "every answer carries the rate-limit headers; over the burst it is 429 RATE_LIMITED with Retry-After and retryAt", async () => {
    await o.control("/config", { ratePerMinute: 120, burstPerSecond: 5 });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await o.api("GET", "/locations"));
    for (const a of answers) for (const h of ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]) expect(a.headers.get(h), h).not.toBeNull();
    const limited = answers[5];
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED", message: "Too many requests", retryAt: expect.any(String) });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  clause("okasie.md §2.1 [DOC]", "GET /listings defaults to status=active, caps pageSize at 200 and matches locationCode case-insensitively", async () => {
    await put("L-1", okasieCar());
    await put("L-2", okasieCar({ status: "draft" }));
    const plain = await o.api("GET", "/listings?pageSize=500&locationCode=dex-gent");
    expect(plain.body.pagination.pageSize).toBe(200);
    expect(plain.body.data.every((l: any) => l.status === "active")).toBe(true);
    expect(plain.body.data.map((l: any) => l.externalReference)).toContain("L-1");
    expect(plain.body.data.map((l: any) => l.externalReference)).not.toContain("L-2");
  });
});
