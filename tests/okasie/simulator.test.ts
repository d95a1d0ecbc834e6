/** The simulator against okasie.md: endpoints, validation order, error codes, state, controls. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSim, validBody, SANDBOX_SECRET, READONLY_SECRET, PROFILE_IDS } from "./helpers";

let s: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  s = await startSim({ rateLimits: { perMinute: 0, burstPerSecond: 0 } });
});
afterAll(async () => s.close());
beforeEach(async () => {
  await s.sim("/reset", {});
  await s.sim("/config", { ratePerMinute: 0, burstPerSecond: 0 });
});

describe("authentication and scopes", () => {
  it("accepts Bearer (any case) and X-API-Key; Authorization wins over X-API-Key", async () => {
    expect((await s.api("/locations", { headers: { authorization: `bearer ${SANDBOX_SECRET}` }, token: null })).status).toBe(200);
    expect((await s.api("/locations", { headers: { "x-api-key": SANDBOX_SECRET }, token: null })).status).toBe(200);
    const both = await s.api("/locations", { headers: { authorization: "Bearer wrong", "x-api-key": SANDBOX_SECRET }, token: null });
    expect(both.status).toBe(401);
  });

  it("answers 401 UNAUTHORIZED for a missing, empty or unknown secret", async () => {
    for (const headers of [{}, { authorization: "Bearer " }, { authorization: "Bearer nope" }, { "x-api-key": "" }] as Record<string, string>[]) {
      const r = await s.api("/listings", { headers, token: null });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("UNAUTHORIZED");
      expect(r.headers.get("x-ratelimit-limit")).not.toBeNull();
    }
  });

  it("refuses writes to a secret without write:listings with 403 INSUFFICIENT_SCOPE, after auth", async () => {
    const r = await s.api("/listings/X", { method: "PUT", json: validBody(), token: READONLY_SECRET });
    expect(r.status).toBe(403);
    expect(r.body.error).toEqual({ code: "INSUFFICIENT_SCOPE", message: "Missing required scope: write:listings" });
    expect((await s.api("/listings", { token: READONLY_SECRET })).status).toBe(200);
  });

  it("answers 404 for unknown routes and 405 with Allow for a wrong method, before auth", async () => {
    const unknown = await s.api("/nope", { token: null });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    const wrong = await s.api("/listings", { method: "DELETE", token: null });
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe("METHOD_NOT_ALLOWED");
    expect(wrong.headers.get("allow")).toContain("GET");
  });

  it("echoes X-Request-Id, or makes one up", async () => {
    const r = await s.api("/locations", { headers: { "x-request-id": "abc-123" } });
    expect(r.headers.get("x-request-id")).toBe("abc-123");
    expect((await s.api("/locations")).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("PUT /listings/{ref}", () => {
  it("creates (201, created:true) then replaces (200, created:false) with the same id", async () => {
    const a = await s.api("/listings/REF-1", { method: "PUT", json: validBody() });
    expect(a.status).toBe(201);
    expect(a.body.data).toMatchObject({ externalReference: "REF-1", status: "active", created: true });
    const b = await s.api("/listings/REF-1", { method: "PUT", json: validBody({ price: 20000 }) });
    expect(b.status).toBe(200);
    expect(b.body.data).toMatchObject({ listingId: a.body.data.listingId, created: false });
  });

  it("is a full replacement: omitted fields become null and an omitted status becomes draft", async () => {
    await s.api("/listings/REF-2", { method: "PUT", json: validBody({ color: "Zwart", conditionTags: ["a"] }) });
    const r = await s.api("/listings/REF-2", { method: "PUT", json: { title: "Only a title", dealerLocationCode: "DEX-GENT" } });
    expect(r.body.data.status).toBe("draft");
    const list = await s.api("/listings?status=all&pageSize=200");
    const l = list.body.data.find((x: any) => x.externalReference === "REF-2");
    expect(l).toMatchObject({ status: "draft", price: null, color: null, conditionTags: [], currency: "EUR", brand: null });
    expect(l.location).toEqual({ postalCode: null, city: null, province: null, latitude: null, longitude: null });
  });

  it("accepts every documented alias and returns canonical fields", async () => {
    const r = await s.api("/listings/ALIAS", {
      method: "PUT",
      json: {
        dealerLocationCode: "dex-gent", // case-insensitive
        status: "active", title: "Alias car", price: 1000,
        carPassNumber: "123.4567.8901",
        location: { postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen", latitude: 51.05 },
        features: [{ feature: "ABS" }, { name: "Airco", category: "comfort" }],
        images: ["https://partner.example/1.jpg", { imageUrl: "https://partner.example/2.jpg" }],
      },
    });
    expect(r.status).toBe(201);
    const l = (await s.api("/listings?status=all&pageSize=200")).body.data.find((x: any) => x.externalReference === "ALIAS");
    expect(l.carPassUrl).toBe("123.4567.8901");
    expect(l.location).toMatchObject({ postalCode: "9000", latitude: 51.05 });
    expect(l.features).toEqual([{ category: null, name: "ABS" }, { category: "comfort", name: "Airco" }]);
    expect(l.images.map((i: any) => i.position)).toEqual([0, 1]);
    expect(l.mainImageUrl).toBe(l.images[0].url);
    expect(l.images[0].url).toMatch(/^https:\/\/cdn\.okasie\.invalid\/images\//);
    expect(l.dealer).toMatchObject({ id: PROFILE_IDS.autoGentCentrum, locationCode: "DEX-GENT", parentId: PROFILE_IDS.autoGentHq });
    expect(l).not.toHaveProperty("condition");
    expect(l).not.toHaveProperty("customType");
  });

  it("reports skipped images as warnings without failing", async () => {
    const r = await s.api("/listings/IMG", {
      method: "PUT",
      json: validBody({ images: ["ftp://x/a.jpg", "https://p.example/a.jpg", "https://p.example/a.jpg", "https://p.invalid/b.jpg", ...Array.from({ length: 52 }, (_, i) => `https://p.example/${i}.png`)] }),
    });
    expect(r.status).toBe(201);
    const reasons = r.body.data.warnings.skippedImages.map((w: any) => w.reason);
    expect(reasons.filter((x: string) => x === "INVALID_URL")).toHaveLength(1);
    expect(reasons.filter((x: string) => x === "DUPLICATE")).toHaveLength(1);
    expect(reasons.filter((x: string) => x === "DOWNLOAD_FAILED")).toHaveLength(1);
    expect(reasons.filter((x: string) => x === "LIMIT_EXCEEDED")).toHaveLength(3);
    const state = await s.sim("/state");
    expect(state.listings.find((l: any) => l.externalReference === "IMG").images).toHaveLength(50);
  });

  it("follows the validation order of §5.3", async () => {
    const put = (ref: string, body: unknown, raw?: string) =>
      s.api(`/listings/${ref}`, { method: "PUT", ...(raw !== undefined ? { body: raw } : { json: body }) });
    expect((await put("%20", validBody())).body.error.code).toBe("INVALID_REFERENCE");
    expect((await put("R", null, "{not json")).body.error.code).toBe("INVALID_JSON");
    expect((await put("R", null, "")).body.error.code).toBe("INVALID_JSON");
    expect((await put("R", [1, 2])).body.error.code).toBe("INVALID_BODY");
    const v = await put("R", { title: 5, price: "19995", doors: 5.5, fuelType: "Petrol", year: 1800, gears: 13, firstRegistration: "2021-13", carPassUrl: "https://evil.example/x", conditionTags: ["a", "b", "c", "d", "e", "f", "g"], description: "x".repeat(15_001), images: [42], features: [{}] });
    expect(v.status).toBe(422);
    expect(v.body.error.code).toBe("VALIDATION_FAILED");
    expect(v.body.error.message).toBe("Payload validation failed");
    const byPath = Object.fromEntries(v.body.error.issues.map((i: any) => [i.path, i.code]));
    expect(byPath).toMatchObject({
      title: "invalid_type", price: "invalid_type", doors: "invalid_type", fuelType: "invalid_enum_value", year: "too_small",
      gears: "too_big", firstRegistration: "invalid_string", carPassUrl: "invalid_string", conditionTags: "too_big",
      description: "too_big", "images.0": "invalid_type", "features.0.name": "invalid_type",
    });
    expect((await put("x".repeat(65), validBody())).body.error.issues[0]).toMatchObject({ path: "externalReference", code: "too_big" });
    expect((await put("R", validBody({ title: "  " }))).body.error.code).toBe("INVALID_TITLE");
    expect((await put("R", validBody({ price: null, status: "pending" }))).body.error.code).toBe("INVALID_PRICE");
    expect((await put("R", validBody({ city: "" }))).body.error.code).toBe("INVALID_LOCATION");
    expect((await put("R", validBody({ city: "", status: "pending" }))).status).toBe(201);
    expect((await put("R2", validBody({ dealerLocationCode: undefined }))).body.error.code).toBe("INVALID_PROFILE");
    const forbidden = await put("R2", validBody({ dealerLocationCode: undefined, dealerProfileId: PROFILE_IDS.otherDealer }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("PROFILE_FORBIDDEN");
    expect((await put("R2", validBody({ dealerLocationCode: "OTHER-ANTW" }))).status).toBe(403);
  });

  it("never crashes on hostile input and refuses oversized bodies", async () => {
    for (const raw of ["null", "123", '"str"', "true", "{\"title\": {\"$gt\": 1}}", "[]", "{\"images\": {\"0\": 1}}", "{\"location\": []}"]) {
      const r = await s.api("/listings/HOSTILE", { method: "PUT", body: raw });
      expect([400, 422]).toContain(r.status);
      expect(typeof r.body.error.code).toBe("string");
    }
    const huge = await s.api("/listings/BIG", { method: "PUT", body: JSON.stringify({ title: "x", description: "y".repeat(11 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const bad = await s.api("/listings/%E0%A4%A", { method: "PUT", json: validBody() });
    expect(bad.status).toBe(400);
  });
});

describe("POST /listings/bulk-upsert", () => {
  it("accepts the object and the bare-array form, with partial success sorted by index", async () => {
    const obj = await s.api("/listings/bulk-upsert", {
      method: "POST",
      json: { items: [validBody({ externalReference: "B-1" }), validBody({ external_reference: "B-2", price: null }), "nope", validBody({ title: "no ref" })], other: 1 },
    });
    expect(obj.status).toBe(200);
    expect(obj.body.data).toMatchObject({ successCount: 1, errorCount: 3 });
    expect(obj.body.data.errors.map((e: any) => [e.index, e.code])).toEqual([[1, "INVALID_PRICE"], [2, "INVALID_BODY"], [3, "INVALID_REFERENCE"]]);
    expect(obj.body.data.errors[0].externalReference).toBe("B-2");
    const arr = await s.api("/listings/bulk-upsert", { method: "POST", json: [validBody({ externalReference: "B-1", price: 1 }), validBody({ externalReference: "B-1", price: 2 })] });
    expect(arr.body.data.results.map((r: any) => r.created)).toEqual([false, false]);
    const l = (await s.api("/listings?pageSize=200")).body.data.filter((x: any) => x.externalReference === "B-1");
    expect(l).toHaveLength(1);
    expect(l[0].price).toBe(2);
  });

  it("reports the request-level errors", async () => {
    const post = (body: unknown, raw?: string) => s.api("/listings/bulk-upsert", { method: "POST", ...(raw !== undefined ? { body: raw } : { json: body }) });
    expect((await post([])).body.error.code).toBe("EMPTY_PAYLOAD");
    expect((await post({ items: [] })).body.error.code).toBe("EMPTY_PAYLOAD");
    expect((await post({})).body.error.code).toBe("EMPTY_PAYLOAD");
    expect((await post(null, "42")).body.error.code).toBe("INVALID_BODY");
    expect((await post(null, "{oops")).body.error.code).toBe("INVALID_JSON");
    const tooMany = await post({ items: Array.from({ length: 101 }, (_, i) => validBody({ externalReference: `T-${i}` })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe("TOO_MANY_ITEMS");
    expect((await s.sim("/state")).listings.some((l: any) => l.externalReference === "T-0")).toBe(false);
  });
});

describe("DELETE and status", () => {
  it("marks sold idempotently, and 404s an unknown reference", async () => {
    await s.api("/listings/D-1", { method: "PUT", json: validBody() });
    await s.sim("/clock", { advanceMs: 5000 });
    const first = await s.api("/listings/D-1", { method: "DELETE" });
    expect(first.body).toEqual({ data: { listingId: expect.any(String), externalReference: "D-1", status: "sold" } });
    const before = (await s.api("/listings/D-1/status")).body.data.updatedAt;
    await s.sim("/clock", { advanceMs: 5000 });
    const again = await s.api("/listings/D-1", { method: "DELETE" });
    expect(again.body).toEqual(first.body);
    expect((await s.api("/listings/D-1/status")).body.data.updatedAt).toBe(before);
    const missing = await s.api("/listings/NOPE", { method: "DELETE" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
  });

  it("reads (GET) and changes (POST) the status, with the price and location rules", async () => {
    await s.api("/listings/S-1", { method: "PUT", json: validBody({ status: "draft", price: null, city: null }) });
    expect((await s.api("/listings/S-1/status")).body.data).toMatchObject({ externalReference: "S-1", status: "draft", updatedAt: expect.any(String) });
    const post = (body: unknown, raw?: string) => s.api("/listings/S-1/status", { method: "POST", ...(raw !== undefined ? { body: raw } : { json: body }) });
    expect((await post({ status: "active" })).body.error.code).toBe("INVALID_PRICE");
    expect((await post({ status: "gone" })).status).toBe(422);
    expect((await post({})).body.error.issues[0]).toEqual({ path: "status", message: "Required", code: "invalid_type" });
    expect((await post(null, "[1]")).body.error.code).toBe("INVALID_BODY");
    expect((await post(null, "{")).body.error.code).toBe("INVALID_JSON");
    const sold = await post({ status: "sold" });
    expect(sold.body.data).toMatchObject({ status: "sold" });
    const l = (await s.sim("/state")).listings.find((x: any) => x.externalReference === "S-1");
    expect(l.soldAt).not.toBeNull();
    expect((await s.api("/listings/NOPE/status", { method: "POST", json: { status: "sold" } })).status).toBe(404);
  });

  it("keeps references per partner: another partner cannot address them", async () => {
    await s.api("/listings/P-1", { method: "PUT", json: validBody() });
    await s.sim("/seed", { keys: [{ secret: "other-secret", partnerId: "other-partner", scopes: ["read:listings", "write:listings", "read:locations"], access: { scope: "global", rootProfileIds: [] } }] });
    expect((await s.api("/listings/P-1", { method: "DELETE", token: "other-secret" })).status).toBe(404);
    const seen = await s.api("/listings?pageSize=200", { token: "other-secret" });
    expect(seen.body.data.some((l: any) => l.externalReference === "P-1")).toBe(true);
    expect(seen.body.meta.partner.access.scope).toBe("global");
  });
});

describe("GET /listings", () => {
  beforeEach(async () => {
    const items = Array.from({ length: 30 }, (_, i) =>
      validBody({ externalReference: `L-${i}`, status: i % 3 === 0 ? "sold" : "active", dealerLocationCode: i % 2 ? "DEX-GENT" : "DEX-MERELBEKE" }));
    await s.api("/listings/bulk-upsert", { method: "POST", json: { items } });
  });

  it("defaults to status=active, pages with aliases, clamps pageSize and reports totals", async () => {
    const def = await s.api("/listings");
    expect(def.body.data.every((l: any) => l.status === "active")).toBe(true);
    expect(def.body.pagination).toEqual({ page: 1, pageSize: 50, totalItems: 21, totalPages: 1 });
    const paged = await s.api("/listings?status=all&page_size=7&page_number=2");
    expect(paged.body.pagination).toEqual({ page: 2, pageSize: 7, totalItems: 32, totalPages: 5 });
    expect((await s.api("/listings?limit=500")).body.pagination.pageSize).toBe(200);
    expect((await s.api("/listings?pageSize=0&page=-3")).body.pagination).toMatchObject({ page: 1, pageSize: 50 });
    expect((await s.api("/listings?page=99")).body.data).toEqual([]);
    expect((await s.api("/listings?status=Active")).status).toBe(422);
    expect((await s.api("/listings?updatedSince=yesterday")).body.error.issues[0].path).toBe("updatedSince");
  });

  it("filters by profile, parent (with children) and location code; 403 outside the scope", async () => {
    const merel = await s.api(`/listings?status=all&dealerId=${PROFILE_IDS.autoGentMerelbeke}&pageSize=200`);
    expect(merel.body.data.every((l: any) => l.dealerProfileId === PROFILE_IDS.autoGentMerelbeke)).toBe(true);
    const byCode = await s.api("/listings?status=all&location_code=dex-gent&pageSize=200");
    expect(byCode.body.data.every((l: any) => l.dealer.locationCode === "DEX-GENT")).toBe(true);
    const parent = await s.api(`/listings?status=all&companyId=${PROFILE_IDS.autoGentHq}&pageSize=200`);
    expect(parent.body.pagination.totalItems).toBe(32);
    expect((await s.api(`/listings?dealerId=${PROFILE_IDS.otherDealer}`)).status).toBe(403);
    expect((await s.api("/listings?dealerId=not-a-uuid")).status).toBe(422);
    expect(parent.body.meta.partner.access).toMatchObject({ scope: "restricted", rootProfileIds: [PROFILE_IDS.autoGentHq] });
  });

  it("returns listings updated at or after updatedSince, sorted by updatedAt descending", async () => {
    await s.sim("/clock", { advanceMs: 60_000 });
    const mark = (await s.sim("/clock")).now;
    await s.api("/listings/L-1", { method: "PUT", json: validBody({ price: 5 }) });
    await s.api("/listings/L-2", { method: "DELETE" });
    const r = await s.api(`/listings?status=all&updatedSince=${encodeURIComponent(mark)}`);
    expect(r.body.data.map((l: any) => l.externalReference).sort()).toEqual(["L-1", "L-2"]);
    expect(r.body.data.find((l: any) => l.externalReference === "L-2").status).toBe("sold");
    expect(Date.parse(r.body.data[0].updatedAt)).toBeGreaterThanOrEqual(Date.parse(r.body.data[1].updatedAt));
  });
});

describe("locations", () => {
  it("lists the tree flat (roots first), with counts, search and parent filter", async () => {
    const all = await s.api("/locations");
    expect(all.body.data.map((l: any) => l.locationCode)).toEqual(["DEX-HQ", "DEX-GENT", "DEX-MERELBEKE"]);
    expect(all.body.data[0]).toMatchObject({ isRoot: true, parent: null, stats: expect.any(Object) });
    expect(all.body.data[1].parent).toMatchObject({ id: PROFILE_IDS.autoGentHq, locationCode: "DEX-HQ" });
    expect(all.body.meta).toMatchObject({ total: 3, rootProfileIds: [PROFILE_IDS.autoGentHq], filters: { parentId: null, search: null } });
    expect((await s.api("/locations?includeChildren=false")).body.data).toHaveLength(1);
    expect((await s.api("/locations?withCounts=0")).body.data[0]).not.toHaveProperty("stats");
    expect((await s.api("/locations?q=merel")).body.data.map((l: any) => l.locationCode)).toEqual(["DEX-MERELBEKE"]);
    expect((await s.api(`/locations?parent_id=${PROFILE_IDS.autoGentHq}`)).body.data).toHaveLength(2);
    expect((await s.api(`/locations?parentId=${PROFILE_IDS.otherDealer}`)).status).toBe(403);
  });

  it("lists one location's listings, optionally with its children", async () => {
    await s.api("/listings/LOC-1", { method: "PUT", json: validBody({ dealerLocationCode: "DEX-HQ" }) });
    const own = await s.api(`/locations/${PROFILE_IDS.autoGentHq}/listings`);
    expect(own.body.data.map((l: any) => l.externalReference)).toEqual(["LOC-1"]);
    const withChildren = await s.api(`/locations/${PROFILE_IDS.autoGentHq}/listings?includeChildren=true&status=all`);
    expect(withChildren.body.pagination.totalItems).toBe(3);
    expect((await s.api(`/locations/${PROFILE_IDS.otherDealer}/listings`)).status).toBe(403);
    expect((await s.api("/locations/xyz/listings")).status).toBe(422);
  });
});

describe("rate limits", () => {
  it("allows 5 per second, then 429 with Retry-After 1 and the documented body; 429s are free", async () => {
    await s.sim("/config", { ratePerMinute: 120, burstPerSecond: 5 });
    await s.sim("/clock", { freeze: true });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await s.api("/locations");
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(last!.headers.get("retry-after")).toBe("1");
    expect(last!.body.error).toMatchObject({ code: "RATE_LIMITED", message: "Too many requests", retryAt: expect.stringMatching(/Z$/) });
    await s.sim("/clock", { advanceMs: 1001 });
    const next = await s.api("/locations");
    expect(next.status).toBe(200);
    expect(next.headers.get("x-ratelimit-remaining")).toBe("114");
  });

  it("allows 120 per window, then 429 until the reset named in the headers", async () => {
    await s.sim("/config", { ratePerMinute: 120, burstPerSecond: 5 });
    await s.sim("/clock", { freeze: true });
    let r;
    for (let i = 0; i < 120; i++) {
      r = await s.api("/locations");
      expect(r.status).toBe(200);
      if (i % 5 === 4) await s.sim("/clock", { advanceMs: 1001 });
    }
    expect(r!.headers.get("x-ratelimit-remaining")).toBe("0");
    await s.sim("/clock", { advanceMs: 1000 });
    const limited = await s.api("/locations");
    expect(limited.status).toBe(429);
    const reset = Number(limited.headers.get("x-ratelimit-reset"));
    const now = Date.parse((await s.sim("/clock")).now);
    expect(Math.abs(Number(limited.headers.get("retry-after")) - (reset - now / 1000))).toBeLessThanOrEqual(1);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    await s.sim("/clock", { set: new Date(reset * 1000).toISOString() });
    expect((await s.api("/locations")).status).toBe(200);
  });
});

describe("/__sim controls", () => {
  it("injects 5xx, 429, malformed bodies and latency for a count, then recovers", async () => {
    await s.sim("/faults", { faults: [{ path: "/locations", status: 503, times: 1 }, { path: "/locations", status: 429, retryAfter: 7, times: 1 }, { path: "/locations", malformed: true, times: 1 }] });
    const a = await s.api("/locations");
    expect(a.status).toBe(503);
    expect(a.body.error.code).toBe("SERVER_ERROR");
    const b = await s.api("/locations");
    expect(b.status).toBe(429);
    expect(b.headers.get("retry-after")).toBe("7");
    const c = await s.api("/locations");
    expect(c.status).toBe(200);
    expect(c.body).toBeUndefined();
    expect((await s.api("/locations")).status).toBe(200);
    await s.sim("/faults", { path: "/locations", latencyMs: 150 });
    const t0 = Date.now();
    await s.api("/locations");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("faults with phase=after apply the write and lose the answer", async () => {
    await s.sim("/faults", { path: "/listings/*", method: "PUT", status: 500, phase: "after" });
    expect((await s.api("/listings/AFTER", { method: "PUT", json: validBody() })).status).toBe(500);
    expect((await s.sim("/state")).listings.some((l: any) => l.externalReference === "AFTER")).toBe(true);
  });

  it("resets to the default seed, or to nothing, and seeds extra data", async () => {
    await s.api("/listings/X", { method: "PUT", json: validBody() });
    await s.sim("/reset", {});
    let st = await s.sim("/state");
    expect(st.listings.map((l: any) => l.externalReference).sort()).toEqual([null, "ref-123"].sort());
    expect(st.keys.every((k: any) => !("secret" in k))).toBe(true);
    await s.sim("/reset", { seed: false });
    expect((await s.sim("/state")).listings).toHaveLength(0);
    expect((await s.api("/locations")).status).toBe(401);
    await s.sim("/seed", { default: true });
    st = await s.sim("/state");
    expect(st.profiles).toHaveLength(4);
  });
});
