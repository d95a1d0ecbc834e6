import { describe, expect, it } from "vitest";
import { listingSchema, type ListingInput } from "@/lib/listings/schema";
import { toBlocketPayload } from "@/lib/marketplaces/blocket/map";
import { blocketPreflight } from "@/lib/marketplaces/blocket/rules";
import { deriveStatus } from "@/lib/marketplaces/blocket/status";
import { parseErrorBody } from "@/lib/marketplaces/blocket/errors";
import type { MarketplaceIdentity } from "@/lib/marketplaces/types";

const group: MarketplaceIdentity = { marketplace: "BLOCKET", dealerCode: "FC-STHLM", tokenScope: "dealer_group" };
const dealer: MarketplaceIdentity = { marketplace: "BLOCKET", dealerCode: "FC-STHLM", tokenScope: "dealer_code" };

const base: ListingInput = {
  reference: "stock-1", status: "active", title: "Mercedes-Benz C 220 d", description: "Fine <car>", price: 349900.4, currency: "SEK",
  make: "Mercedes-Benz", model: "C-Class", variant: "220 d", year: 2020, mileage: 61000, fuelType: "diesel", transmission: "semi-automatic",
  bodyType: "wagon", color: "Silver", vatRegime: "btw", firstRegistration: "2020-05", registrationNumber: "abc 123", registrationNumberHidden: true,
  features: [{ name: "Towbar" }, { name: "Navigation" }], images: ["https://cdn.example.com/2.jpg", "https://cdn.example.com/1.png"],
  postalCode: "114 55", contactEmail: "sales@example.se", blocketCategory: "car",
};
const l = (o: Partial<ListingInput> = {}) => listingSchema.parse({ ...base, ...o });
const codes = (o: Partial<ListingInput>) => blocketPreflight({ listing: l(o) }).filter((p) => p.severity === "error").map((p) => `${p.field}:${p.code}`);

describe("map", () => {
  it("builds the v4 car payload: no title, no contact, category fields, SEK list price, images in order", () => {
    const p = toBlocketPayload(l(), null, dealer);
    expect(p).toEqual({
      source_id: "stock-1",
      category_id: 1020,
      visible: true,
      body: "Fine <car>",
      price: [{ type: "list", amount: 349900, currency: "SEK" }],
      image_urls: ["https://cdn.example.com/2.jpg", "https://cdn.example.com/1.png"],
      location: { zipcode: "11455" },
      dont_publish_on_failed_images: false,
      category_fields: {
        registration_number: "ABC123", brand: "mercedes-benz", model: "c-class", model_type: "220 d", model_year: 2020,
        in_traffic_date: "2020-05-01", body_type: "station_wagon", color: "Silver", is_vat_deductible: true, registration_number_hidden: true,
        condition: { mileage: { unit: "km", value: 61000 } },
        powertrain: { transmission: "automatic", fuels: ["diesel"] },
        equipments: ["Towbar", "Navigation"],
      },
    });
  });

  it("sends dealer_code only with a group token, and prefers explicit Blocket slugs and overrides", () => {
    expect(toBlocketPayload(l(), null, group).dealer_code).toBe("FC-STHLM");
    const p = toBlocketPayload(l({ blocketBrand: "mercedes-benz", blocketModel: "c-klass" }), { price: 300000, title: null, description: "Override" }, dealer);
    expect(p.category_fields).toMatchObject({ model: "c-klass" });
    expect(p.price).toEqual([{ type: "list", amount: 300000, currency: "SEK" }]);
    expect(p.body).toBe("Override");
  });

  it("gives boats a title and a contact, and caps images at 38", () => {
    const p = toBlocketPayload(l({ blocketCategory: "boat", contactName: "Anna", contactPhone: "+46701234567", images: Array.from({ length: 40 }, (_, i) => `https://c.example/${i}.jpg`) }), null, dealer);
    expect(p.title).toBe("Mercedes-Benz C 220 d");
    expect(p.contact).toEqual({ name: "Anna", phone: "+46701234567", email: "sales@example.se" });
    expect(p.image_urls).toHaveLength(38);
    expect(p.image_urls[0]).toBe("https://c.example/0.jpg");
  });

  it("does not publish drafts: visible false", () => {
    expect(toBlocketPayload(l({ status: "draft" }), null, dealer).visible).toBe(false);
  });
});

describe("rules", () => {
  it("accepts a complete car", () => {
    expect(codes({})).toEqual([]);
  });

  it("needs a plate or VIN and a model year for registered vehicles", () => {
    expect(codes({ registrationNumber: null, vin: "YV1DZ8256C2271234" })).toEqual([]);
    expect(codes({ registrationNumber: null, vin: null })).toEqual(["registrationNumber:registration_or_vin_required"]);
    expect(codes({ year: null })).toEqual(["year:model_year_required"]);
  });

  it("applies the strict set to cars and vans only", () => {
    const missing = { make: null, model: null, bodyType: null, mileage: null, transmission: null, fuelType: null } as const;
    expect(codes(missing)).toEqual(["make:brand_required", "model:model_required", "bodyType:body_type_required", "mileage:mileage_required", "transmission:transmission_required", "fuelType:fuel_required"]);
    expect(codes({ ...missing, blocketCategory: "transport" })).toHaveLength(6);
    expect(codes({ ...missing, blocketCategory: "motorcycle" })).toEqual([]);
    expect(codes({ fuelType: "lpg" })).toEqual(["fuelType:fuel_required"]);
  });

  it("allows at most 38 JPG/PNG images", () => {
    expect(codes({ images: Array.from({ length: 39 }, (_, i) => `https://c.example/${i}.jpg`) })).toEqual(["images:too_many_images"]);
    expect(codes({ images: ["https://c.example/a.jpg", "https://c.example/b.webp"] })).toEqual(["images.1:unsupported_image_format"]);
  });

  it("needs SEK prices and, outside registered vehicles, a contact e-mail", () => {
    expect(codes({ currency: "EUR" })).toEqual(["currency:currency_not_sek"]);
    expect(codes({ blocketCategory: "boat", contactEmail: null })).toEqual(["contactEmail:contact_email_required"]);
    expect(codes({ blocketCategory: "truck", contactPhone: "+46701234567" })).toEqual([]);
  });
});

describe("status and errors", () => {
  const entry = (request_id: string, action: string, state: string, created: string, external_message: unknown = "x") => ({ request_id, action, state, created, external_message });

  it("derives status from state, ids and the log regardless of log order", () => {
    const log = [
      entry("r1", "publish", "done", "2026-01-01T00:00:03Z"),
      entry("r1", "create", "processing", "2026-01-01T00:00:00Z"),
      entry("r1", "create", "done", "2026-01-01T00:00:01Z"),
      entry("r1", "publish", "processing", "2026-01-01T00:00:01Z"),
    ];
    expect(deriveStatus({ id: "1", source_id: "s", state: "created", blocket_ad_id: "9", logs: log }).status).toBe("live");
    const pending = [...log, entry("r2", "update", "processing", "2026-01-01T00:00:05Z")];
    expect(deriveStatus({ id: "1", source_id: "s", state: "created", blocket_ad_id: "9", log: pending }).status).toBe("processing");
    const failed = [...log, entry("r2", "update", "processing", "2026-01-01T00:00:05Z"), entry("r2", "update", "error", "2026-01-01T00:00:06Z", "Boom")];
    expect(deriveStatus({ id: "1", source_id: "s", state: "created", blocket_ad_id: "9", log: failed })).toEqual({ status: "error", error: { action: "update", code: "update_error", message: "Boom" } });
    expect(deriveStatus({ id: "1", source_id: "s", state: "deleted", blocket_ad_id: "9", log }).status).toBe("removed");
  });

  it("flattens DRF error bodies into canonical fields", () => {
    const parsed = parseErrorBody({ category_fields: { model_year: ["Too old."], powertrain: { fuels: { "0": ['"x" is not a valid choice.'] } } }, image_urls: { "3": ["Enter a valid URL."] } }, "HTTP 400");
    expect(parsed.issues.map((i) => i.field)).toEqual(["year", "fuelType", "images.3"]);
    expect(parseErrorBody(["Ad has been deleted, cannot update"], "HTTP 400")).toMatchObject({ message: "Ad has been deleted, cannot update", issues: [{ field: "" }] });
    expect(parseErrorBody({ detail: "Not found." }, "HTTP 404")).toEqual({ message: "Not found.", issues: [] });
  });
});
