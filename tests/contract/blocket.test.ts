/**
 * Conformance of the Blocket sandbox to blocket.md, over HTTP: first every deviation issue #18
 * found (each must fail here if it comes back), then the documented statements of §5.1's
 * checklist, grouped by the kinds of leniency a sandbox can drift into — unknown fields and
 * aliases, validation, status flow, timing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect } from "vitest";
import { BLOCKET_DEALER_TOKEN, blocketBoat, blocketCar, clause, logSteps, startBlocket, type BlocketHandle } from "./harness";

const REQUIRED = ["This field is required."];
let b: BlocketHandle;
beforeAll(async () => { b = await startBlocket(); });
afterAll(async () => b?.close());
beforeEach(async () => {
  await b.control("POST", "/reset");
  await b.control("POST", "/clock", { mode: "manual" });
});

/** The third-party v3 client's car (#18): flat, wrongly shaped category fields. */
const flatV3Car = (sourceId: string) => ({
  source_id: sourceId, dealer_code: "FC-STHLM", category_id: 1020, body: "Fin bil.",
  price: [{ type: "list", amount: 189_000 }],
  category_fields: { registration_number: "ABC123", model_year: 2018, mileage: 98_000, fuel_type: "diesel", gearbox: "manual" },
});

/** The strict profile's missing-field errors for that car (§3.5). */
const STRICT_MISSING = {
  brand: REQUIRED, model: REQUIRED, body_type: REQUIRED,
  condition: { mileage: REQUIRED },
  powertrain: { fuels: REQUIRED, transmission: REQUIRED },
};

describe("issue #18: deviations closed", () => {
  clause("blocket.md §3.5", "a v3 car with flat, wrongly shaped category_fields is refused, as /v4/car/validate refuses it", async () => {
    const v3 = await b.api("POST", "/v3/ad", flatV3Car("flat-1"));
    expect(v3.status).toBe(400);
    expect(v3.body).toEqual({ category_fields: STRICT_MISSING });
    const { category_id: _c, ...typed } = flatV3Car("flat-1");
    const validate = await b.api("POST", "/v4/car/validate", typed);
    expect(validate.status).toBe(400);
    expect(validate.body).toEqual(v3.body);
    // Nothing stored, nothing queued, no ids.
    expect((await b.api("GET", "/v3/ad/flat-1")).status).toBe(404);
    expect((await b.control("GET", "/state")).ad_count).toBe(0);
  });

  clause("blocket.md §3.5", "the strict profile holds for cars in v3 and v4 alike; a complete v3 car is accepted", async () => {
    const { category_fields: cf } = blocketCar("x");
    expect((await b.api("POST", "/v3/ad", { ...flatV3Car("v3-ok"), category_fields: cf })).status).toBe(201);
    for (const key of ["brand", "model", "body_type"]) {
      const partial = { ...(cf as Record<string, unknown>) };
      delete partial[key];
      for (const [path, body] of [["/v3/ad", { ...flatV3Car(`v3-${key}`), category_fields: partial }], ["/v4/car", blocketCar(`v4-${key}`, { category_fields: partial })]] as const) {
        const res = await b.api("POST", path, body);
        expect(res.status, `${path} without ${key}`).toBe(400);
        expect(res.body.category_fields[key]).toEqual(REQUIRED);
      }
    }
  });

  clause("blocket.md G-CF (revised)", "unknown keys in category_fields are dropped — neither stored nor echoed", async () => {
    const cf: Record<string, unknown> = {
      ...(blocketCar("x").category_fields as Record<string, unknown>), mileage: 42_000, fuel_type: "gasoline", gearbox: "automatic",
      condition: { mileage: { unit: "km", value: 42_000, km: 42_000 }, is_new_vehicle: false, owners: 2 },
      powertrain: { transmission: "automatic", fuels: ["gasoline"], gearbox: "automatic" },
    };
    const created = await b.api("POST", "/v4/car", blocketCar("unk-1", { category_fields: cf, colour_code: "B12" }));
    expect(created.status).toBe(201);
    const ad = await b.ad("unk-1");
    expect(Object.keys(ad.category_fields).sort()).toEqual(["body_type", "brand", "condition", "model", "model_type", "model_year", "powertrain", "registration_number"]);
    expect(ad.category_fields.condition).toEqual({ mileage: { unit: "km", value: 42_000 }, is_new_vehicle: false });
    expect(ad.category_fields.powertrain).toEqual({ transmission: "automatic", fuels: ["gasoline"] });
    expect(ad).not.toHaveProperty("colour_code");
    // An update's unknown keys go the same way.
    expect((await b.api("PATCH", "/v4/car/unk-1", { category_fields: { colour: "black", color: "black" } })).status).toBe(200);
    expect((await b.ad("unk-1")).category_fields).toMatchObject({ color: "black" });
    expect((await b.ad("unk-1")).category_fields).not.toHaveProperty("colour");
  });

  clause("blocket.md G-CF (revised)", "in strictUnknownFields mode the same keys are refused with 400 {\"category_fields\": {key: [\"Unknown field.\"]}}", async () => {
    await b.control("PUT", "/config", { strictUnknownFields: true });
    const flat = await b.api("POST", "/v3/ad", { ...flatV3Car("strict-1"), category_fields: { ...(blocketCar("x").category_fields as object), mileage: 1, fuel_type: "diesel", gearbox: "manual" } });
    expect(flat.status).toBe(400);
    expect(flat.body).toEqual({ category_fields: { mileage: ["Unknown field."], fuel_type: ["Unknown field."], gearbox: ["Unknown field."] } });
    const nested = await b.api("POST", "/v4/car", blocketCar("strict-2", { category_fields: { ...(blocketCar("x").category_fields as object), condition: { mileage: { unit: "km", value: 1 }, owners: 2 } } }));
    expect(nested.body).toEqual({ category_fields: { condition: { owners: ["Unknown field."] } } });
    expect((await b.control("GET", "/state")).ad_count).toBe(0);
  });

  clause("blocket.md G-FLOW", "DELETE writes delete/processing with the request; then unpublish and delete run", async () => {
    await b.api("POST", "/v4/car", blocketCar("del-1"));
    await b.drain();
    const del = await b.api("DELETE", "/v4/ad/del-1");
    expect(del.status).toBe(200);
    expect(del.body.state).toBe("created");
    const requestId = del.body.log.at(-1).request_id;
    expect(del.body.log.filter((e: any) => e.request_id === requestId).map((e: any) => `${e.action}/${e.state}`)).toEqual(["delete/processing"]);
    await b.drain();
    const ad = await b.ad("del-1");
    expect(ad.log.filter((e: any) => e.request_id === requestId).map((e: any) => `${e.action}/${e.state}`))
      .toEqual(["delete/processing", "unpublish/processing", "unpublish/done", "delete/done"]);
    expect(ad.state).toBe("deleted");
  });

  clause("blocket.md G-TIME", "realtime by default, one worker step takes 500 ms with no jitter", async () => {
    const config = await b.control("GET", "/config");
    expect(config).toMatchObject({ timing: "contract", processingDelayMs: 500, processingJitterMs: 0, slowStepEvery: 0 });
    await b.api("POST", "/v4/car", blocketCar("time-1", { image_urls: ["https://photos.example.com/1.jpg"] }));
    await b.drain(); // the manual clock jumps to each step's due time
    const at = (await b.ad("time-1")).log.map((e: any) => Date.parse(e.created));
    // create/processing, create/done, handle_media/processing, …: each step ends 500 ms after it
    // starts (plus the few ms of wall clock the virtual clock runs on), never sooner.
    for (let i = 0; i < at.length; i += 2) {
      expect(at[i + 1] - at[i]).toBeGreaterThanOrEqual(500);
      expect(at[i + 1] - at[i]).toBeLessThan(600);
    }
    const fresh = await startBlocket({ manual: false });
    try {
      expect((await fresh.control("GET", "/clock")).mode).toBe("realtime");
    } finally {
      await fresh.close();
    }
  });

  clause("blocket.md §2.2.1 (decision)", "price: [] on a v3 car is refused (v3 requires a price); on a v4 car it means no price", async () => {
    const v3 = await b.api("POST", "/v3/ad", { ...flatV3Car("p-1"), category_fields: blocketCar("x").category_fields, price: [] });
    expect(v3.status).toBe(400);
    expect(v3.body).toEqual({ price: ["This list may not be empty."] });
    const v3Patch = await b.api("POST", "/v3/ad", { ...flatV3Car("p-2"), category_fields: blocketCar("x").category_fields });
    expect(v3Patch.status).toBe(201);
    expect((await b.api("PATCH", "/v3/ad/p-2", { price: [] })).body).toEqual({ price: ["This list may not be empty."] });
    const v4 = await b.api("POST", "/v4/car", blocketCar("p-3", { price: [] }));
    expect(v4.status).toBe(201);
    expect(v4.body.price).toEqual([]);
  });

  clause("blocket.md §2.2.1, §2.2.5 (decision)", "contact on a v3 car is not relevant: ignored, never echoed; v4 refuses it; a v3 boat checks its phone", async () => {
    const contact = { name: "Erik", phone: "070-123 45 67", email: "erik@example.se" };
    const v3 = await b.api("POST", "/v3/ad", { ...flatV3Car("c-1"), category_fields: blocketCar("x").category_fields, contact });
    expect(v3.status).toBe(201);
    expect(v3.body.contact).toBeNull();
    expect((await b.ad("c-1")).contact).toBeNull();
    const v4 = await b.api("POST", "/v4/car", blocketCar("c-2", { contact }));
    expect(v4.body).toEqual({ contact: ["Field 'contact' must not be sent for this category"] });
    const boat = await b.api("POST", "/v3/ad", { ...blocketBoat("c-3"), category_id: 1061, contact });
    expect(boat.status).toBe(400);
    expect(Object.keys(boat.body.contact)).toEqual(["phone"]);
  });
});

describe("authentication and scopes (§1.3, §2.1)", () => {
  clause("blocket.md §2.1 [DOC:S2]", "a missing X-Auth-Token or an invalid one is 401 with a detail", async () => {
    const missing = await b.api("GET", "/v4/ad", undefined, { token: null });
    expect(missing.status).toBe(401);
    const invalid = await b.api("GET", "/v4/ad", undefined, { token: "not-a-token" });
    expect(invalid.status).toBe(401);
    expect(invalid.body.detail).toMatch(/^Invalid token: /);
  });

  clause("blocket.md §1.3 [DOC:S1, S2]", "a group token must name dealer_code on POST; a dealer token may leave it out", async () => {
    const { dealer_code: _d, ...bare } = blocketCar("scope-1");
    expect((await b.api("POST", "/v4/car", bare)).body).toEqual({ dealer_code: REQUIRED });
    expect((await b.api("POST", "/v4/car", bare, { token: BLOCKET_DEALER_TOKEN })).status).toBe(201);
  });

  clause("blocket.md §2.1 [DOC:S2]", "an unknown source_id, or another dealer's, is 404 (no 403 leak)", async () => {
    await b.api("POST", "/v4/car", blocketCar("other-1", { dealer_code: "FC-UPPSALA" }));
    expect((await b.api("GET", "/v4/ad/other-1", undefined, { token: BLOCKET_DEALER_TOKEN })).status).toBe(404);
    expect((await b.api("GET", "/v4/ad/never-was")).status).toBe(404);
  });
});

describe("fields: forbidden, required, aliases (§2.2, §3.3, §3.4)", () => {
  clause("blocket.md §2.2.1 [DOC:S2]", "v4 registered vehicles refuse title and contact; v4 boats require both", async () => {
    const car = await b.api("POST", "/v4/car", blocketCar("f-1", { title: "Volvo", contact: { email: "a@b.se" } }));
    expect(Object.keys(car.body).sort()).toEqual(["contact", "title"]);
    const { title: _t, contact: _c, ...bare } = blocketBoat("f-2");
    expect((await b.api("POST", "/v4/boat", bare)).body).toEqual({ title: REQUIRED, contact: REQUIRED });
  });

  clause("blocket.md §3.3 [DOC:S6]", "registration number or VIN on POST, model_year 1900–2100, plate at most 6, brand from the list", async () => {
    const cf = { ...(blocketCar("x").category_fields as Record<string, unknown>), registration_number: undefined, brand: "invalid_brand", model_year: 2101 };
    const res = await b.api("POST", "/v4/car", blocketCar("f-3", { category_fields: cf }));
    expect(res.body.category_fields).toMatchObject({
      registration_number: REQUIRED, vin: REQUIRED,
      brand: ['"invalid_brand" is not a valid choice.'],
      model_year: ["Ensure this value is less than or equal to 2100."],
    });
    const plate = await b.api("POST", "/v4/car", blocketCar("f-4", { category_fields: { ...(blocketCar("x").category_fields as object), registration_number: "ABC1234" } }));
    expect(plate.body.category_fields.registration_number).toEqual(["Ensure this field has no more than 6 characters."]);
  });

  clause("blocket.md §2.2.3 [DOC:S2]", "a reduced price is refused on POST and taken on PATCH", async () => {
    const withReduced = [{ type: "list", amount: 10, currency: "SEK" }, { type: "reduced", amount: 5, currency: "SEK" }];
    expect((await b.api("POST", "/v4/car", blocketCar("f-5", { price: withReduced }))).status).toBe(400);
    await b.api("POST", "/v4/car", blocketCar("f-5"));
    expect((await b.api("PATCH", "/v4/car/f-5", { price: withReduced })).status).toBe(200);
  });

  clause("blocket.md §2.2.6 [DOC:S1]", "at most 38 image URLs, each http(s)", async () => {
    const urls = Array.from({ length: 39 }, (_, i) => `https://photos.example.com/${i}.jpg`);
    expect((await b.api("POST", "/v4/car", blocketCar("f-6", { image_urls: urls }))).body).toEqual({ image_urls: ["Ensure this field has no more than 38 elements."] });
    expect((await b.api("POST", "/v4/car", blocketCar("f-6", { image_urls: ["ftp://photos.example.com/1.jpg"] }))).status).toBe(400);
  });

  clause("blocket.md §2.2.1 [DOC:S1, S2]", "< and > in body are replaced by -", async () => {
    const res = await b.api("POST", "/v4/car", blocketCar("f-7", { body: "<b>Nyservad</b>" }));
    expect(res.body.body).toBe("-b-Nyservad-/b-");
  });

  clause("blocket.md §3.4", "the documented spellings only: powertrain.fuel becomes fuels, equipment and equipments are both kept, invented names are not", async () => {
    const cf = { ...(blocketCar("x").category_fields as Record<string, unknown>), powertrain: { transmission: "manual", fuel: "diesel" }, equipment: ["Dragkrok"], equipments: ["Värmare"], fuel: "diesel" };
    expect((await b.api("POST", "/v4/car", blocketCar("f-8", { category_fields: cf }))).status).toBe(201);
    const ad = await b.ad("f-8");
    expect(ad.category_fields.powertrain).toEqual({ transmission: "manual", fuels: ["diesel"] });
    expect(ad.category_fields).toMatchObject({ equipment: ["Dragkrok"], equipments: ["Värmare"] });
    expect(ad.category_fields).not.toHaveProperty("fuel");
  });

  clause("blocket.md §2.12 [DOC:S2]", "validate checks without storing anything", async () => {
    const { category_id: _c, ...bad } = flatV3Car("val-1");
    expect((await b.api("POST", "/v4/car/validate", bad)).status).toBe(400);
    expect((await b.api("POST", "/v4/car/validate", blocketCar("val-1"))).status).toBe(200);
    expect((await b.api("GET", "/v4/ad/val-1")).status).toBe(404);
  });
});

describe("the asynchronous flow and ad states (§1.4–§1.8, §2.7, §2.8)", () => {
  clause("blocket.md §1.4, §2.3 [DOC:S1, S2]", "POST answers 201 with state created and no blocket_ad_id; the worker logs create, handle_media, publish", async () => {
    const res = await b.api("POST", "/v4/car", blocketCar("a-1", { image_urls: ["https://photos.example.com/1.jpg"] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: "created", blocket_ad_id: null });
    await b.drain();
    const ad = await b.ad("a-1");
    expect(logSteps(ad)).toEqual(["create/processing", "create/done", "handle_media/processing", "handle_media/done", "publish/processing", "publish/done"]);
    expect(new Set(ad.log.map((e: any) => e.request_id)).size).toBe(1);
    expect(ad.blocket_ad_id).toMatch(/^\d+$/);
    expect(ad.offer_id).toMatch(/^\d+$/);
    const filtered = await b.api("GET", `/v4/ad/a-1/log?request_id=${ad.log[0].request_id}&action=publish`);
    expect(filtered.body.results.map((e: any) => e.state)).toEqual(["processing", "done"]);
  });

  clause("blocket.md §1.8 [DOC:S1, S2]", "visible: false is never published and gets no blocket_ad_id", async () => {
    await b.api("POST", "/v4/car", blocketCar("a-2", { visible: false }));
    await b.drain();
    const ad = await b.ad("a-2");
    expect(logSteps(ad)).not.toContain("publish/processing");
    expect(ad.blocket_ad_id).toBeNull();
  });

  clause("blocket.md §2.7 [DOC:S2]", "PATCH keeps omitted fields, merges category_fields, and null clears a field", async () => {
    await b.api("POST", "/v4/car", blocketCar("a-3", { url: "https://dealer.example.se/bil/a-3" }));
    await b.api("PATCH", "/v4/car/a-3", { category_fields: { color: "svart" }, url: null });
    const ad = await b.ad("a-3");
    expect(ad.category_fields).toMatchObject({ brand: "volvo", color: "svart" });
    expect(ad.url).toBeNull();
    expect(ad.body).toBe("Välskött, servad.");
  });

  clause("blocket.md §2.8, §1.9 [DOC:S2]", "a deleted ad stays readable with state deleted, and its source_id is never reusable", async () => {
    await b.api("POST", "/v4/car", blocketCar("a-4"));
    await b.api("DELETE", "/v4/ad/a-4");
    expect((await b.ad("a-4")).state).toBe("created"); // until the worker has run
    await b.drain();
    expect((await b.ad("a-4")).state).toBe("deleted");
    expect((await b.api("POST", "/v4/car", blocketCar("a-4"))).status).toBe(400);
  });

  clause("blocket.md §2.7 [DOC:S1, S2]", "a deleted car cannot be updated; a deleted boat is revived by PATCH", async () => {
    await b.api("POST", "/v4/car", blocketCar("a-5"));
    await b.api("POST", "/v4/boat", blocketBoat("a-6"));
    await b.api("DELETE", "/v4/ad/a-5");
    await b.api("DELETE", "/v4/ad/a-6");
    await b.drain();
    expect((await b.api("PATCH", "/v4/car/a-5", { body: "x" })).body).toEqual(["Ad has been deleted, cannot update"]);
    const revived = await b.api("PATCH", "/v4/boat/a-6", { body: "Tillbaka" });
    expect(revived.status).toBe(200);
    expect(revived.body.state).toBe("created");
  });

  clause("blocket.md §2.9, §2.10 [DOC:S1, S2]", "bump needs a visible ad; pole position is for registered vehicles, once, and blocks bumps", async () => {
    await b.api("POST", "/v4/car", blocketCar("a-7", { visible: false }));
    expect((await b.api("GET", "/v4/ad/a-7/bump")).status).toBe(400);
    await b.api("POST", "/v4/car", blocketCar("a-8"));
    await b.api("POST", "/v4/boat", blocketBoat("a-9"));
    expect((await b.api("GET", "/v4/ad/a-9/pole_position")).status).toBe(400);
    expect((await b.api("GET", "/v4/ad/a-8/pole_position")).status).toBe(200);
    expect((await b.api("GET", "/v4/ad/a-8/pole_position")).status).toBe(400);
    expect((await b.api("GET", "/v4/ad/a-8/bump")).status).toBe(400);
    await b.drain();
    expect(logSteps(await b.ad("a-8"))).toContain("boost/done");
  });

  clause("blocket.md §4.2 [DOC:S1, S2, S5]", "a v4 update converts a v3 car; GET /v4/ad lists v3 and v4 ads", async () => {
    await b.api("POST", "/v3/ad", { ...flatV3Car("a-10"), category_fields: blocketCar("x").category_fields });
    await b.api("POST", "/v4/car", blocketCar("a-11"));
    const list = await b.api("GET", "/v4/ad?source_id__in=a-10,a-11");
    expect(list.body.results.map((a: any) => a.api_version).sort()).toEqual(["v3", "v4"]);
    const patched = await b.api("PATCH", "/v4/car/a-10", { body: "Uppdaterad" });
    expect(patched.body.api_version).toBe("v4");
  });
});

describe("moving from Blocket Admin and paid promotions (§4.1, §2.9, §4.5)", () => {
  const withPlate = (sourceId: string, plate: string, extra: Record<string, unknown> = {}) => {
    const car = blocketCar(sourceId, extra);
    return { ...car, category_fields: { ...(car.category_fields as object), registration_number: plate } };
  };

  clause("blocket.md §4.1 [DOC:S1]", "a POST whose plate matches a Blocket Admin ad takes that ad over: its blocket_ad_id and offer_id are kept", async () => {
    await b.control("POST", "/admin-ads", { dealerCode: "FC-STHLM", registrationNumber: "MIG111", blocketAdId: "1100000111", offerId: "5500111" });
    expect((await b.api("POST", "/v4/car", withPlate("m-1", "mig111", { image_urls: ["https://photos.example.com/m1.jpg"] }))).status).toBe(201);
    await b.drain();
    const ad = await b.ad("m-1");
    expect(ad).toMatchObject({ blocket_ad_id: "1100000111", offer_id: "5500111", state: "created" });
  });

  clause("blocket.md §4.1 [DOC:S1]", "image_urls must be provided on the POST that takes over a Blocket Admin ad", async () => {
    await b.control("POST", "/admin-ads", { dealerCode: "FC-STHLM", registrationNumber: "MIG222", blocketAdId: "1100000222" });
    const refused = await b.api("POST", "/v4/car", withPlate("m-2", "MIG222"));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ image_urls: REQUIRED });
    expect((await b.api("GET", "/v4/ad/m-2")).status).toBe(404);
  });

  clause("blocket.md §4.1 [DOC:S1] + §1.9", "an Admin ad is taken over once: a second reference with the same plate is a new ad, never a second owner of it", async () => {
    await b.control("POST", "/admin-ads", { dealerCode: "FC-STHLM", registrationNumber: "MIG333", blocketAdId: "1100000333" });
    const images = { image_urls: ["https://photos.example.com/m3.jpg"] };
    await b.api("POST", "/v4/car", withPlate("m-3a", "MIG333", images));
    await b.api("POST", "/v4/car", withPlate("m-3b", "MIG333", images));
    await b.drain();
    const [first, second] = [await b.ad("m-3a"), await b.ad("m-3b")];
    expect(first.blocket_ad_id).toBe("1100000333");
    expect(second.blocket_ad_id).not.toBe("1100000333");
    expect(second.blocket_ad_id).toMatch(/^\d+$/);
  });

  clause("blocket.md §2.9, §4.3 [DOC:S1]", "a renewal with exclude_bytbil=true is charged on Blocket only; both excluded is refused and charges nothing", async () => {
    await b.api("POST", "/v4/car", withPlate("m-4", "PRO444"));
    await b.drain();
    expect((await b.api("GET", "/v4/ad/m-4/bump?exclude_bytbil=true")).status).toBe(200);
    expect((await b.api("GET", "/v4/ad/m-4/bump?exclude_bytbil=true&exclude_blocket=true")).status).toBe(400);
    await b.drain();
    const charges = await b.control("GET", "/charges");
    expect(charges.filter((c: any) => c.sourceId === "m-4")).toEqual([expect.objectContaining({ kind: "bump", marketplaces: ["blocket"] })]);
  });
});
