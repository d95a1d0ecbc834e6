import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { boatPayload, carPayload, DEALER_TOKEN, manualSim, type Sim } from "./helpers";

let s: Sim;
beforeEach(() => { s = manualSim(); });
afterEach(() => s.sandbox.close());

const plate = (n: number) => `AAA${String(n).padStart(3, "0")}`;
const car = (id: string, n: number, extra: Record<string, unknown> = {}) =>
  carPayload(id, { category_fields: { ...(carPayload(id).category_fields as object), registration_number: plate(n) }, ...extra });

describe("list filters and settings", () => {
  beforeEach(async () => {
    for (let i = 0; i < 5; i++) {
      await s.call("POST", "/v4/car", car(`c${i}`, i, { body: i === 2 ? "Panoramic roof" : "Plain" }));
      s.sandbox.state.scheduler.advance(1000);
    }
    await s.call("POST", "/v4/car", car("u0", 9, { dealer_code: "FC-UPPSALA" }));
    await s.call("POST", "/v4/boat", boatPayload("b0"));
    await s.drain();
    await s.call("DELETE", "/v4/ad/c4");
    await s.drain();
  });

  const ids = (res: any) => res.json.results.map((a: any) => a.source_id);

  it("pages with the limit/offset envelope, newest first by default", async () => {
    const first = await s.call("GET", "/v4/ad?limit=3");
    expect(first.json.count).toBe(7);
    expect(first.json.results).toHaveLength(3);
    expect(first.json.next).toContain("offset=3");
    expect(first.json.previous).toBeNull();
    const last = await s.call("GET", "/v4/ad?limit=3&offset=6");
    expect(last.json.next).toBeNull();
    expect(ids(await s.call("GET", "/v4/ad?ordering=created&limit=2"))).toEqual(["c0", "c1"]);
    expect(ids(await s.call("GET", "/v4/ad?ordering=-source_id&limit=2"))).toEqual(["u0", "c4"]);
  });

  it("filters by state, source ids, dealer, search, plate, ad id and dates", async () => {
    expect(ids(await s.call("GET", "/v4/ad?state=deleted"))).toEqual(["c4"]);
    expect(ids(await s.call("GET", "/v4/ad?source_id__in=c1,c3,missing&ordering=source_id"))).toEqual(["c1", "c3"]);
    expect(ids(await s.call("GET", "/v4/ad?source_id=c2"))).toEqual(["c2"]);
    expect(ids(await s.call("GET", "/v4/ad?dealer_code=FC-UPPSALA"))).toEqual(["u0"]);
    expect(ids(await s.call("GET", "/v4/ad?search=panoramic"))).toEqual(["c2"]);
    expect(ids(await s.call("GET", "/v4/ad?registration_number=aaa003"))).toEqual(["c3"]);
    const c1 = (await s.call("GET", "/v4/ad/c1")).json;
    expect(ids(await s.call("GET", `/v4/ad?blocket_ad_id=${c1.blocket_ad_id}`))).toEqual(["c1"]);
    expect(ids(await s.call("GET", `/v4/ad?blocket_store_id=50102`))).toEqual(["u0"]);
    const created = (await s.call("GET", "/v4/ad/c2")).json.created as string;
    const at = created.slice(0, 19).replace("T", " ");
    const after = ids(await s.call("GET", `/v4/ad?created__gt=${encodeURIComponent(at)}&ordering=created`));
    expect(after).not.toContain("c1");
    expect(after).toContain("c3");
    expect(ids(await s.call("GET", `/v4/ad?created__lt=${encodeURIComponent(at)}&ordering=created`))).toEqual(["c0", "c1"]);
    const updatedGt = ids(await s.call("GET", `/v4/ad?updated__gt=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`));
    expect(updatedGt).toEqual([]);
    expect(ids(await s.call("GET", `/v4/ad?updated__lt=2000-01-01%2000:00:00`))).toEqual([]);
    expect(ids(await s.call("GET", "/v4/boat"))).toEqual(["b0"]);
  });

  it("hides the log unless include=log and honours fields", async () => {
    const plain = (await s.call("GET", "/v4/ad?source_id=c0")).json.results[0];
    expect(plain.log).toBeUndefined();
    const withLog = (await s.call("GET", "/v4/ad?source_id=c0&include=log")).json.results[0];
    expect(withLog.log.length).toBeGreaterThan(0);
    expect((await s.call("GET", "/v4/ad?source_id=c0&fields=source_id,state")).json.results[0]).toEqual({ source_id: "c0", state: "created" });
  });

  it("scopes a dealer token to its own dealer", async () => {
    const res = await s.call("GET", "/v4/ad?limit=100", undefined, { token: DEALER_TOKEN });
    expect(res.json.results.every((a: any) => a.dealer_code === "FC-STHLM")).toBe(true);
    expect(res.json.count).toBe(6);
  });

  it("can answer a bare array when configured like stock DRF", async () => {
    await s.sim("PUT", "/config", { listShape: "bare-when-no-limit" });
    expect(Array.isArray((await s.call("GET", "/v4/ad")).json)).toBe(true);
    expect((await s.call("GET", "/v4/ad?limit=2")).json.results).toHaveLength(2);
  });
});

describe("log endpoint", () => {
  it("pages the full history with action, state and request_id filters; GET embeds only the last 100", async () => {
    await s.call("POST", "/v4/car", carPayload("long"));
    await s.drain();
    for (let i = 0; i < 30; i++) {
      await s.call("PATCH", "/v4/car/long", { body: `v${i}` });
      await s.drain();
    }
    const total = 6 + 30 * 4;
    const page1 = (await s.call("GET", "/v4/ad/long/log?limit=50")).json;
    expect(page1.count).toBe(total);
    expect(page1.results[0]).toMatchObject({ action: "create", state: "processing" });
    const newest = (await s.call("GET", "/v4/ad/long/log?limit=1&ordering=-created")).json.results[0];
    expect(newest).toMatchObject({ action: "publish", state: "done" });
    expect((await s.call("GET", "/v4/ad/long/log?action=update&state=done")).json.count).toBe(30);
    const firstRequest = page1.results[0].request_id;
    expect((await s.call("GET", `/v4/ad/long/log?request_id=${firstRequest}`)).json.count).toBe(6);
    const ad = (await s.call("GET", "/v4/ad/long")).json;
    expect(ad.log).toHaveLength(100);
    expect(ad.log.at(-1)).toEqual(newest);
    expect((await s.call("GET", "/v4/ad/long/log?action=fly")).status).toBe(400);
  });
});

describe("bump, pole position, validate, migrate, v3 and look-ups", () => {
  it("bumps visible ads and rejects the documented preconditions", async () => {
    await s.call("POST", "/v4/car", carPayload("b"));
    await s.call("POST", "/v4/car", car("h", 7, { visible: false }));
    await s.drain();
    expect((await s.call("GET", "/v4/ad/b/bump?exclude_bytbil=true")).status).toBe(200);
    await s.drain();
    expect((await s.call("GET", "/v4/ad/b")).json.log.at(-1)).toMatchObject({ action: "bump", state: "done" });
    expect((await s.call("GET", "/v4/ad/h/bump")).json).toEqual(["Ad must be visible to be bumped"]);
    expect((await s.call("GET", "/v4/ad/b/bump?exclude_bytbil=true&exclude_blocket=true")).status).toBe(400);
    const charges = await s.sim("GET", "/charges");
    expect(charges).toEqual([expect.objectContaining({ kind: "bump", sourceId: "b", marketplaces: ["blocket"] })]);
  });

  it("activates pole position once, only for registered vehicles, and blocks bumps meanwhile", async () => {
    await s.call("POST", "/v4/car", carPayload("pp"));
    await s.call("POST", "/v4/boat", boatPayload("boat"));
    await s.drain();
    expect((await s.call("GET", "/v4/ad/pp/pole_position")).status).toBe(200);
    await s.drain();
    expect((await s.call("GET", "/v4/ad/pp")).json.log.at(-1)).toMatchObject({ action: "boost", state: "done" });
    expect((await s.call("GET", "/v4/ad/pp/pole_position")).json).toEqual(["Pole position is already active"]);
    expect((await s.call("GET", "/v4/ad/pp/bump")).json).toEqual(["Ad has an active pole position and cannot be bumped"]);
    expect((await s.call("GET", "/v4/ad/boat/pole_position")).json).toEqual(["Pole position is only available for registered vehicles"]);
    s.sandbox.state.scheduler.advance(3 * 24 * 3600 * 1000 + 1);
    expect((await s.call("GET", "/v4/ad/pp/bump")).status).toBe(200);
  });

  it("validates without storing anything", async () => {
    expect((await s.call("POST", "/v4/car/validate", carPayload("v"))).json).toEqual({ valid: true });
    expect((await s.call("POST", "/v4/car/validate", carPayload("v", { title: "no" }))).status).toBe(400);
    expect((await s.call("GET", "/v4/ad/v")).status).toBe(404);
    expect((await s.call("POST", "/v3/ad/validate", { ...carPayload("v3"), category_id: 1020, title: "ignored" })).json).toEqual({ valid: true });
  });

  it("keeps v3 ads reachable through v4 and migrates incompatible ones in place", async () => {
    const moped = { source_id: "mo", dealer_code: "FC-STHLM", category_id: 1121, title: "Yamaha Aerox", body: "Moped", price: [{ type: "list", amount: 9000 }], contact: { name: "A", phone: "0701234567", email: "a@b.se" } };
    const created = await s.call("POST", "/v3/ad", moped);
    expect(created.status).toBe(201);
    expect(created.json.api_version).toBe("v3");
    await s.drain();
    expect((await s.call("GET", "/v4/ad?source_id=mo")).json.count).toBe(1);
    expect((await s.call("PATCH", "/v4/ad/mo", { body: "x" })).json).toEqual(["This ad must be migrated to V4 before it can be updated; use the migrate endpoint"]);
    const v4Body = { body: "Moped", price: [{ type: "list", amount: 9000, currency: "SEK" }], category_fields: { body_type: "moped", brand: "yamaha", model: "aerox", model_year: 2020, registration_number: "MOP123", condition: { mileage: { unit: "km", value: 500 } }, powertrain: { transmission: "automatic", fuels: ["gasoline"] } } };
    expect((await s.call("POST", "/v4/moped/mo/migrate", { ...v4Body, category_id: 1121 })).status).toBe(400);
    const migrated = await s.call("POST", "/v4/moped/mo/migrate", v4Body);
    expect(migrated.status).toBe(200);
    expect(migrated.json).toMatchObject({ api_version: "v4", id: created.json.id, category_id: 1121 });
    expect((await s.call("POST", "/v4/moped/mo/migrate", v4Body)).json).toEqual(["Ad is already a V4 ad"]);
    expect((await s.call("PATCH", "/v3/ad/mo", { body: "y" })).json).toEqual(["This ad is managed by API v4; update it through /v4"]);
  });

  it("converts a v3 car on its first v4 update", async () => {
    await s.call("POST", "/v3/ad", { ...carPayload("v3car"), category_id: 1020, title: "Ignored" });
    await s.drain();
    const res = await s.call("PATCH", "/v4/ad/v3car", { price: [{ type: "list", amount: 200000, currency: "SEK" }, { type: "reduced", amount: 180000, currency: "SEK" }] });
    expect(res.status).toBe(200);
    expect(res.json.api_version).toBe("v4");
  });

  it("serves the vehicle value look-ups", async () => {
    expect((await s.call("GET", "/v4/vehicles/car/attributes")).json).toContainEqual({ id: "brand", name: "Brand" });
    expect((await s.call("GET", "/v4/vehicles/car/brand")).json).toContainEqual({ id: "volvo", name: "Volvo" });
    expect((await s.call("GET", "/v4/vehicles/car/models?brand=volvo")).json.map((m: any) => m.id)).toContain("xc60");
    expect((await s.call("GET", "/v4/vehicles/car/models")).json).toEqual({ brand: ["This field is required."] });
    expect((await s.call("GET", "/v4/vehicles/rocket/brand")).status).toBe(404);
    expect((await s.call("GET", "/v3/vehicle/fuels")).json).toContainEqual({ id: "gasoline", name: "Gasoline" });
  });
});

describe("/__sim controls and HTTP faults", () => {
  it("injects 5xx for a count, 429 with Retry-After, malformed bodies and path filters", async () => {
    await s.sim("POST", "/faults", { kind: "status", status: 503, count: 1, path: "/v4/ad" });
    expect((await s.call("GET", "/v4/ad")).status).toBe(503);
    expect((await s.call("GET", "/v4/ad")).status).toBe(200);
    await s.sim("POST", "/faults", { kind: "rate_limit", retryAfterSec: 2, count: 1 });
    const limited = await s.call("GET", "/v4/ad");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    await s.sim("POST", "/faults", { kind: "malformed", count: 1, path: "/^\\/v4\\/ad$/" });
    expect((await s.call("GET", "/v4/ad/x")).status).toBe(404);
    expect(typeof (await s.call("GET", "/v4/ad")).json).toBe("string");
    expect((await s.sim("POST", "/faults", { kind: "lightning" })).detail).toMatch(/kind must be/);
  });

  it("can process a request and then lose its answer", async () => {
    await s.sim("POST", "/faults", { kind: "status", status: 500, phase: "after", method: "POST", count: 1 });
    expect((await s.call("POST", "/v4/car", carPayload("lost"))).status).toBe(500);
    expect((await s.call("GET", "/v4/ad/lost")).status).toBe(200);
  });

  it("resets, reports state and runs the clock by hand", async () => {
    await s.call("POST", "/v4/car", carPayload("st"));
    let state = await s.sim("GET", "/state");
    expect(state.ads[0]).toMatchObject({ source_id: "st", pending_actions: ["create", "handle_media", "publish"], settled_at: null });
    await s.sim("POST", "/tick", { steps: 1 });
    state = await s.sim("GET", "/state");
    expect(state.ads[0].pending_actions).toEqual(["handle_media", "publish"]);
    await s.sim("POST", "/drain");
    state = await s.sim("GET", "/state");
    expect(state.ads[0].settled_at).not.toBeNull();
    await s.sim("POST", "/reset");
    expect((await s.sim("GET", "/state")).ad_count).toBe(0);
  });

  it("throttles per token when a rate limit is configured", async () => {
    await s.sim("PUT", "/config", { rateLimitPerSec: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.call("GET", "/v4/ad")).status);
    expect(statuses).toContain(429);
  });
});

describe("scale", () => {
  it("answers source_id__in with 100 ids quickly among thousands of ads", async () => {
    for (let i = 0; i < 3000; i++) await s.call("POST", "/v4/car", car(`k${i}`, i % 1000, { image_urls: [] }));
    const started = performance.now();
    await s.drain();
    const drainMs = performance.now() - started;
    const ids = Array.from({ length: 100 }, (_, i) => `k${i * 30}`).join(",");
    const t0 = performance.now();
    const res = await s.call("GET", `/v4/ad?source_id__in=${ids}&include=log&limit=100`);
    const listMs = performance.now() - t0;
    expect(res.json.count).toBe(100);
    expect(listMs).toBeLessThan(100);
    expect(drainMs).toBeLessThan(3000);
  });
});
