/** Canonical listing → Okasie wire payload, and the pre-flight rules the editor shows. */
import { describe, expect, it } from "vitest";
import { okasie } from "@/lib/marketplaces/okasie/descriptor";
import { fromWire, toWire } from "@/lib/marketplaces/okasie/map";
import { canonicalField, okasieProblems } from "@/lib/marketplaces/okasie/rules";
import { listingInputSchema } from "@/lib/marketplaces/okasie/wire";
import type { MarketplaceIdentity } from "@/lib/marketplaces/types";
import { car } from "./listings";

const gent: MarketplaceIdentity = { marketplace: "OKASIE", dealerLocationCode: "DEX-GENT" };
const byId: MarketplaceIdentity = { marketplace: "OKASIE", dealerProfileId: "7f7f7f7f-7f7f-407f-a7f7-7f7f7f7f7f7f", dealerLocationCode: "DEX-GENT" };
const fields = (problems: { field: string; severity: string }[], severity = "error") => problems.filter((p) => p.severity === severity).map((p) => p.field);

describe("toWire", () => {
  it("always emits every field, null when empty, and always the status", () => {
    const wire = toWire(car("M-1", { color: null, description: null }), null, gent);
    expect(listingInputSchema.safeParse(wire).success).toBe(true);
    expect(Object.keys(wire).sort()).toEqual(Object.keys(listingInputSchema.shape).filter((k) => k !== "dealerProfileId").sort());
    expect(wire).toMatchObject({ externalReference: "M-1", dealerLocationCode: "DEX-GENT", status: "active", color: null, description: null, currency: "EUR" });
  });

  it("maps statuses: draft→draft, active→active, reserved→pending, sold→sold", () => {
    const status = (s: "draft" | "active" | "reserved" | "sold") => toWire(car("S", { status: s }), null, gent).status;
    expect([status("draft"), status("active"), status("reserved"), status("sold")]).toEqual(["draft", "active", "pending", "sold"]);
  });

  it("renames canonical fields and applies the channel overrides", () => {
    const wire = toWire(car("R", { make: "Opel", vatRegime: "btw", images: ["https://a.example/1.jpg", "https://a.example/2.jpg"] }), { title: "T", price: 1, description: "D" }, byId);
    expect(wire).toMatchObject({ brand: "Opel", vehicleType: "btw", title: "T", price: 1, description: "D", dealerProfileId: byId.marketplace === "OKASIE" ? byId.dealerProfileId : "" });
    expect(wire).not.toHaveProperty("dealerLocationCode");
    expect(wire.images).toEqual([{ url: "https://a.example/1.jpg", position: 0 }, { url: "https://a.example/2.jpg", position: 1 }]);
    expect(okasie.payload({ listing: car("R") }, gent)).toEqual(toWire(car("R"), null, gent));
  });

  it("reads an Okasie listing back into canonical input", () => {
    const back = fromWire({ id: "x", status: "pending", title: "Opel", externalReference: "R-9", brand: "Opel", vehicleType: "margin", location: { postalCode: "9000", city: "Gent", province: "OV" }, images: [{ url: "b", position: 1 }, { url: "a", position: 0 }] } as any);
    expect(back).toMatchObject({ reference: "R-9", status: "reserved", make: "Opel", vatRegime: "margin", postalCode: "9000", images: ["a", "b"] });
  });
});

describe("pre-flight rules", () => {
  it("passes a complete listing", () => {
    expect(fields(okasieProblems({ listing: car("OK-1") }, gent))).toEqual([]);
  });

  it("requires a price for active and reserved, and a location for active", () => {
    expect(fields(okasieProblems({ listing: car("P", { price: null }) }, gent))).toEqual(["price"]);
    expect(fields(okasieProblems({ listing: car("P", { price: null, status: "reserved" }) }, gent))).toEqual(["price"]);
    expect(fields(okasieProblems({ listing: car("P", { price: null, status: "draft" }) }, gent))).toEqual([]);
    expect(fields(okasieProblems({ listing: car("P", { city: null, province: null }) }, gent))).toEqual(["city", "province"]);
    expect(fields(okasieProblems({ listing: car("P", { city: null, status: "reserved" }) }, gent))).toEqual([]);
    expect(fields(okasieProblems({ listing: car("P", { price: null }), overrides: { price: 5 } }, gent))).toEqual([]);
  });

  it("requires a dealer profile or location code on the connection", () => {
    const p = okasieProblems({ listing: car("X") }, { marketplace: "OKASIE" });
    expect(p).toEqual([expect.objectContaining({ field: "", code: "INVALID_PROFILE", severity: "error" })]);
    expect(fields(okasieProblems({ listing: car("X") }, { marketplace: "OKASIE", dealerProfileId: "not-a-uuid" }))).toEqual([""]);
  });

  it("checks the documented limits and formats", () => {
    const listing = {
      ...car("L"),
      description: "x".repeat(15_001),
      carPassUrl: "https://example.com/carpass",
      images: Array.from({ length: 51 }, (_, i) => `https://a.example/${i}.jpg`),
      conditionTags: ["1", "2", "3", "4", "5", "6", "7"],
      gears: 13,
      fuelType: "Petrol" as any,
      currency: "SEK" as const,
    };
    expect(fields(okasieProblems({ listing }, gent)).sort()).toEqual(["carPassUrl", "conditionTags", "currency", "description", "fuelType", "gears", "images"].sort());
    expect(fields(okasieProblems({ listing: car("L", { carPassUrl: "123.4567.8901" }) }, gent))).toEqual([]);
    expect(fields(okasieProblems({ listing: car("L", { carPassUrl: "https://public.car-pass.be/vhr/abc" }) }, gent))).toEqual([]);
    expect(fields(okasieProblems({ listing: { ...car("L"), reference: "x".repeat(65) } }, gent))).toEqual(["reference"]);
  });

  it("warns about images Okasie will skip", () => {
    const p = okasieProblems({ listing: { ...car("W"), images: ["ftp://a/1.jpg", "https://a.example/2.jpg", "https://a.example/2.jpg"] } }, gent);
    expect(fields(p, "warning")).toEqual(["images.0", "images.2"]);
    expect(fields(p)).toEqual([]);
  });

  it("maps Okasie's wire paths to canonical field names", () => {
    expect(["brand", "vehicleType", "location.city", "images.3.url", "features.0.name", "externalReference", "carPassNumber"].map(canonicalField))
      .toEqual(["make", "vatRegime", "city", "images.3", "features.0.name", "reference", "carPassUrl"]);
  });
});
