import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { boatPayload, carPayload, DEALER_TOKEN, manualSim, type Sim } from "./helpers";

let s: Sim;
beforeEach(() => { s = manualSim(); });
afterEach(() => s.sandbox.close());

const steps = (log: any[]) => log.map((e) => `${e.action}/${e.state}`);

describe("authentication and scopes", () => {
  it("answers 401 with DRF bodies for a missing or unknown X-Auth-Token", async () => {
    const missing = await s.call("GET", "/v4/ad", undefined, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ detail: "Authentication credentials were not provided." });
    const unknown = await s.call("GET", "/v4/ad", undefined, { token: "nope" });
    expect(unknown.status).toBe(401);
    expect(unknown.json.detail).toMatch(/^Invalid token: /);
    const bearer = await s.call("GET", "/v4/ad", undefined, { token: null, headers: { authorization: "Bearer blocket-sandbox-token" } });
    expect(bearer.status).toBe(401);
  });

  it("requires dealer_code on POST with a group token, and keeps a dealer token to its own dealer", async () => {
    const { dealer_code: _omit, ...noDealer } = carPayload("s1");
    expect((await s.call("POST", "/v4/car", noDealer)).json).toEqual({ dealer_code: ["This field is required."] });
    expect((await s.call("POST", "/v4/car", carPayload("s1", { dealer_code: "OTHER" }))).status).toBe(403);
    const byDealer = await s.call("POST", "/v4/car", noDealer, { token: DEALER_TOKEN });
    expect(byDealer.status).toBe(201);
    expect(byDealer.json.dealer_code).toBe("FC-STHLM");
    expect((await s.call("POST", "/v4/car", carPayload("s2", { dealer_code: "FC-UPPSALA" }), { token: DEALER_TOKEN })).status).toBe(403);
  });

  it("hides other dealers' ads behind 404", async () => {
    await s.call("POST", "/v4/car", carPayload("up-1", { dealer_code: "FC-UPPSALA" }));
    expect((await s.call("GET", "/v4/ad/up-1")).status).toBe(200);
    const foreign = await s.call("GET", "/v4/ad/up-1", undefined, { token: DEALER_TOKEN });
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ detail: "Not found." });
  });
});

describe("asynchronous processing and the action log", () => {
  it("accepts a POST at once and later logs create, handle_media and publish under one request_id", async () => {
    const created = await s.call("POST", "/v4/car", carPayload("car-1"));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ state: "created", blocket_ad_id: null, api_version: "v4", category_id: 1020 });
    expect(steps(created.json.log)).toEqual(["create/processing"]);

    await s.drain();
    const ad = (await s.call("GET", "/v4/ad/car-1")).json;
    expect(steps(ad.log)).toEqual([
      "create/processing", "create/done", "handle_media/processing", "handle_media/done", "publish/processing", "publish/done",
    ]);
    expect(new Set(ad.log.map((e: any) => e.request_id)).size).toBe(1);
    expect(ad.blocket_ad_id).toMatch(/^\d+$/);
    expect(ad.offer_id).toMatch(/^\d+$/);
    expect(ad.blocket_store_id).toBe("50101");
    expect(ad.image_refs).toHaveLength(2);
    expect(ad.title).toBe("Volvo XC60 T5");
  });

  it("publishes after three 500 ms worker steps in realtime mode by default (G-TIME)", async () => {
    s.sandbox.state.scheduler.setMode("realtime");
    expect(s.sandbox.state.config).toMatchObject({ timing: "contract", processingDelayMs: 500, processingJitterMs: 0, slowStepEvery: 0 });
    await s.call("POST", "/v4/car", carPayload("fast"));
    const started = Date.now();
    let ad: any;
    while (Date.now() - started < 5000) {
      ad = (await s.call("GET", "/v4/ad/fast")).json;
      if (ad.blocket_ad_id) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ad.blocket_ad_id).not.toBeNull();
    // create, handle_media, publish: 1.5 s, never faster (a fast sandbox hides missing polling).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
  });

  it("never publishes an ad sent with visible: false", async () => {
    await s.call("POST", "/v4/car", carPayload("hidden", { visible: false }));
    await s.drain();
    const ad = (await s.call("GET", "/v4/ad/hidden")).json;
    expect(ad.log.some((e: any) => e.action === "publish")).toBe(false);
    expect(ad.blocket_ad_id).toBeNull();
    expect(ad.visible).toBe(false);
  });

  it("soft-deletes: DELETE answers with state created, the worker makes it deleted, GET still works", async () => {
    await s.call("POST", "/v4/car", carPayload("del"));
    await s.drain();
    const del = await s.call("DELETE", "/v4/ad/del");
    expect(del.status).toBe(200);
    expect(del.json.state).toBe("created");
    // G-FLOW: the request writes delete/processing; the worker then unpublishes and deletes.
    expect(steps(del.json.log).at(-1)).toBe("delete/processing");
    await s.drain();
    const ad = (await s.call("GET", "/v4/ad/del")).json;
    expect(ad.state).toBe("deleted");
    expect(steps(ad.log).slice(-4)).toEqual(["delete/processing", "unpublish/processing", "unpublish/done", "delete/done"]);
    expect((await s.call("DELETE", "/v4/ad/del")).json).toEqual(["Ad has already been deleted"]);
  });

  it("never lets a source_id be reused, even after deletion", async () => {
    await s.call("POST", "/v4/car", carPayload("once"));
    await s.call("DELETE", "/v4/ad/once");
    await s.drain();
    const again = await s.call("POST", "/v4/car", carPayload("once", { category_fields: { ...(carPayload("x").category_fields as object), registration_number: "XYZ999" } }));
    expect(again.status).toBe(400);
    expect(again.json.source_id).toHaveLength(1);
  });

  it("refuses to update a deleted car but revives a deleted boat", async () => {
    await s.call("POST", "/v4/car", carPayload("c"));
    await s.call("POST", "/v4/boat", boatPayload("b"));
    await s.call("DELETE", "/v4/ad/c");
    await s.call("DELETE", "/v4/ad/b");
    await s.drain();
    expect((await s.call("PATCH", "/v4/car/c", { body: "x" })).json).toEqual(["Ad has been deleted, cannot update"]);
    const revived = await s.call("PATCH", "/v4/boat/b", { body: "back" });
    expect(revived.status).toBe(200);
    expect(revived.json.state).toBe("created");
  });

  it("reports unfetchable images as handle_media/error and still publishes the rest", async () => {
    await s.call("POST", "/v4/car", carPayload("img", { image_urls: ["https://cdn.example.com/ok.jpg", "https://cdn.example.com/fail/2.jpg", "https://cdn.example.com/3.gif"] }));
    await s.drain();
    const ad = (await s.call("GET", "/v4/ad/img")).json;
    const media = ad.log.find((e: any) => e.action === "handle_media" && e.state === "error");
    expect(media.external_message.failed_images).toEqual([
      { url: "https://cdn.example.com/fail/2.jpg", reason: "download failed" },
      { url: "https://cdn.example.com/3.gif", reason: "unsupported format" },
    ]);
    expect(ad.image_refs).toHaveLength(1);
    expect(ad.blocket_ad_id).not.toBeNull();
  });

  it("does not publish when images fail and dont_publish_on_failed_images is true", async () => {
    await s.call("POST", "/v4/car", carPayload("strict-img", { dont_publish_on_failed_images: true, image_urls: ["https://cdn.example.com/fail.jpg"] }));
    await s.drain();
    const ad = (await s.call("GET", "/v4/ad/strict-img")).json;
    expect(ad.log.some((e: any) => e.action === "publish")).toBe(false);
    expect(ad.blocket_ad_id).toBeNull();
  });

  it("makes an injected publish failure an error entry, and retry publishes it", async () => {
    await s.sim("POST", "/faults", { type: "action", action: "publish", sourceId: "pf", message: "Bytbil rejected the ad", count: 1 });
    await s.call("POST", "/v4/car", carPayload("pf"));
    await s.drain();
    let ad = (await s.call("GET", "/v4/ad/pf")).json;
    expect(ad.log.at(-1)).toMatchObject({ action: "publish", state: "error", external_message: "Bytbil rejected the ad" });
    expect(ad.blocket_ad_id).toBeNull();
    expect((await s.call("GET", "/v4/ad/pf/retry")).status).toBe(200);
    await s.drain();
    ad = (await s.call("GET", "/v4/ad/pf")).json;
    expect(ad.log.at(-1)).toMatchObject({ action: "publish", state: "done" });
    expect(ad.blocket_ad_id).not.toBeNull();
    expect((await s.call("GET", "/v4/ad/pf/retry")).json).toEqual(["Nothing to retry"]);
  });

  it("deep-merges PATCH and PUT, and unpublishes when visible turns false", async () => {
    await s.call("POST", "/v4/car", carPayload("m"));
    await s.drain();
    const patched = await s.call("PATCH", "/v4/car/m", { category_fields: { color: "black" }, price: [{ type: "list", amount: 1 }, { type: "reduced", amount: 0 }] });
    expect(patched.status).toBe(200);
    expect(patched.json.category_fields).toMatchObject({ brand: "volvo", color: "black" });
    await s.call("PUT", "/v4/car/m", { visible: false });
    await s.drain();
    const ad = (await s.call("GET", "/v4/ad/m")).json;
    expect(steps(ad.log).slice(-4)).toEqual(["update/processing", "update/done", "unpublish/processing", "unpublish/done"]);
  });
});

describe("documented field rules", () => {
  it("rejects a title or contact on a registered vehicle", async () => {
    const res = await s.call("POST", "/v4/car", carPayload("t", { title: "Volvo", contact: { email: "a@b.se" } }));
    expect(res.status).toBe(400);
    expect(Object.keys(res.json).sort()).toEqual(["contact", "title"]);
  });

  it("requires title and contact for boats", async () => {
    const { title: _t, contact: _c, ...bare } = boatPayload("b1");
    const res = await s.call("POST", "/v4/boat", bare);
    expect(res.json).toEqual({ title: ["This field is required."], contact: ["This field is required."] });
  });

  it("refuses a reduced price on POST but takes it on PATCH", async () => {
    const res = await s.call("POST", "/v4/car", carPayload("p", { price: [{ type: "list", amount: 10 }, { type: "reduced", amount: 5 }] }));
    expect(res.status).toBe(400);
    expect(Array.isArray(res.json)).toBe(true);
    await s.call("POST", "/v4/car", carPayload("p"));
    expect((await s.call("PATCH", "/v4/car/p", { price: [{ type: "list", amount: 10, currency: "SEK" }, { type: "reduced", amount: 5, currency: "SEK" }] })).status).toBe(200);
  });

  it("needs a registration number or VIN, a model year in range and a valid brand", async () => {
    const cf = { brand: "invalid_brand", model: "xc60", model_year: 1800, body_type: "suv", condition: { mileage: { unit: "km", value: 1 } }, powertrain: { transmission: "manual", fuels: ["diesel"] } };
    const res = await s.call("POST", "/v4/car", carPayload("r", { category_fields: cf }));
    expect(res.json.category_fields).toMatchObject({
      registration_number: ["This field is required."],
      vin: ["This field is required."],
      brand: ['"invalid_brand" is not a valid choice.'],
      model_year: ["Ensure this value is greater than or equal to 1900."],
    });
  });

  it("takes at most 38 http(s) image URLs", async () => {
    const urls = Array.from({ length: 39 }, (_, i) => `https://cdn.example.com/${i}.jpg`);
    expect((await s.call("POST", "/v4/car", carPayload("i", { image_urls: urls }))).json).toEqual({ image_urls: ["Ensure this field has no more than 38 elements."] });
    expect((await s.call("POST", "/v4/car", carPayload("i", { image_urls: ["ftp://x/1.jpg"] }))).json).toEqual({ image_urls: { "0": ["Enter a valid URL."] } });
  });

  it("checks contact and location formats", async () => {
    const res = await s.call("POST", "/v4/boat", boatPayload("b", { contact: { phone: "12", email: "nope" }, location: { latitude: 59.3 } }));
    expect(res.json.contact).toMatchObject({ phone: expect.any(Array), email: ["Enter a valid email address."] });
    expect(res.json.location).toMatchObject({ longitude: ["This field is required."] });
    const lkf = await s.call("POST", "/v4/car", carPayload("l", { location: { lkf: "0380" } }));
    expect(lkf.json.location.lkf).toHaveLength(1);
  });

  it("checks the typed endpoint against category_id and replaces < and > in body", async () => {
    expect((await s.call("POST", "/v4/car", carPayload("x", { category_id: 1140 }))).json).toEqual({ category_id: ["Does not match endpoint vehicle type."] });
    const ok = await s.call("POST", "/v4/ad", carPayload("g", { category_id: "1020", body: "<b>Bold</b>" }));
    expect(ok.status).toBe(201);
    expect(ok.json.body).toBe("-b-Bold-/b-");
    expect((await s.call("POST", "/v4/ad", carPayload("g2", { category_id: 1061 }))).json).toEqual({ category_id: ["Use category 1060 (boat) in V4."] });
  });
});

describe("bad input never crashes the simulator", () => {
  it("answers malformed JSON, non-object bodies and wrong content types with DRF errors", async () => {
    const broken = await s.call("POST", "/v4/car", undefined, { raw: "{not json", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    expect(broken.json.detail).toMatch(/^JSON parse error/);
    expect((await s.call("POST", "/v4/car", [1, 2])).json).toEqual({ non_field_errors: ["Invalid data. Expected a dictionary, but got list."] });
    expect((await s.call("POST", "/v4/car", undefined, { raw: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    expect((await s.call("GET", "/v4/spaceship")).status).toBe(404);
    expect((await s.call("GET", "/v4/ad?limit=-1")).json).toEqual({ limit: ["A valid integer is required."] });
    expect((await s.call("GET", "/v4/ad?created__gt=yesterday")).json).toEqual({ "created__gt": ["Enter a valid date/time."] });
    expect((await s.call("POST", "/v4/ad/x/migrate", [])).status).toBe(404);
  });

  it("answers every mangled payload with 4xx, never 5xx", async () => {
    const junk: unknown[] = [null, 0, "x", true, [], {}, { a: 1 }];
    const fields = ["source_id", "price", "image_urls", "location", "contact", "category_fields", "visible", "title", "body", "category_id", "dealer_code"];
    for (const field of fields) {
      for (const value of junk) {
        for (const [method, path] of [["POST", "/v4/car"], ["POST", "/v4/ad"], ["POST", "/v4/boat"], ["POST", "/v3/ad"], ["POST", "/v4/car/validate"]] as const) {
          const res = await s.call(method, path, carPayload(`j-${field}`, { [field]: value }));
          expect(res.status, `${method} ${path} ${field}=${JSON.stringify(value)}`).toBeLessThan(500);
        }
      }
    }
  });
});
