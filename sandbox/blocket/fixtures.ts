/**
 * Default seed: dealers, tokens (G-AUTH) and the small lookup enums (G-LOOKUP).
 * The enum values beyond those named in blocket.md §3.4 are placeholders.
 */

export interface DealerFixture {
  code: string;
  name: string;
  storeId: string;
  bumpPermission: boolean;
}

export type TokenFixture =
  | { scope: "dealer_code"; dealerCode: string; expired?: boolean }
  | { scope: "dealer_group"; dealerCodes: string[]; expired?: boolean };

/** A Blocket Admin ad that exists before the dealer moves to the API (blocket.md §4.1). */
export interface AdminAdFixture {
  dealerCode: string;
  registrationNumber: string;
  blocketAdId: string;
  offerId: string | null;
}

export interface SeedData {
  dealers: DealerFixture[];
  tokens: Record<string, TokenFixture>;
  adminAds: AdminAdFixture[];
}

export function defaultSeed(): SeedData {
  return {
    dealers: [
      { code: "FC-STHLM", name: "Bilhuset Stockholm", storeId: "50101", bumpPermission: true },
      { code: "FC-UPPSALA", name: "Bilhuset Uppsala", storeId: "50102", bumpPermission: true },
    ],
    tokens: {
      "blocket-sandbox-token": { scope: "dealer_group", dealerCodes: ["FC-STHLM", "FC-UPPSALA"] },
      "blocket-sandbox-dealer-token": { scope: "dealer_code", dealerCode: "FC-STHLM" },
    },
    adminAds: [],
  };
}

const named = (ids: string[], labels: Record<string, string> = {}) =>
  ids.map((id) => ({ id, name: labels[id] ?? id.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ") }));

export const BRANDS = named(
  ["volvo", "bmw", "audi", "volkswagen", "mercedes-benz", "toyota", "kia", "hyundai", "ford", "skoda", "peugeot", "renault", "tesla", "nissan", "opel", "porsche", "polestar", "yamaha", "honda", "other"],
  { bmw: "BMW", "mercedes-benz": "Mercedes-Benz", kia: "Kia" },
);

export const CAR_MODELS: Record<string, string[]> = {
  volvo: ["xc40", "xc60", "xc90", "v60", "v90", "s60", "s90", "ex30"],
  bmw: ["1-series", "3-series", "5-series", "x1", "x3", "x5", "i3", "i4"],
  audi: ["a3", "a4", "a6", "q3", "q5", "e-tron"],
  volkswagen: ["golf", "passat", "polo", "tiguan", "id-3", "id-4", "transporter"],
  "mercedes-benz": ["a-class", "c-class", "e-class", "glc", "sprinter", "vito"],
  toyota: ["corolla", "rav4", "yaris", "c-hr", "hilux"],
  kia: ["ceed", "niro", "sportage", "ev6"],
  hyundai: ["i30", "kona", "tucson", "ioniq-5"],
  ford: ["focus", "kuga", "transit", "mustang-mach-e"],
  skoda: ["octavia", "superb", "kodiaq", "enyaq"],
  peugeot: ["208", "308", "3008", "partner"],
  renault: ["clio", "megane", "zoe", "kangoo"],
  tesla: ["model-3", "model-y", "model-s", "model-x"],
  nissan: ["leaf", "qashqai", "micra"],
  opel: ["corsa", "astra", "vivaro"],
  porsche: ["911", "taycan", "macan", "cayenne"],
  polestar: ["polestar-2", "polestar-3"],
  other: ["other"],
};

export const FUELS = named(["gasoline", "diesel", "electric", "ethanol", "natural_gas", "hybrid", "plugin_hybrid"], { natural_gas: "Natural gas", plugin_hybrid: "Plug-in hybrid" });
export const TRANSMISSIONS = named(["manual", "automatic", "sequential"]);
export const BODY_TYPES = named(["sedan", "suv", "station_wagon", "hatchback", "coupe", "convertible", "van", "pickup", "minibus", "moped", "integrated", "semi-integrated", "alcove", "other"]);

export const ATTRIBUTES = [
  { id: "body_type", name: "Body Type" },
  { id: "brand", name: "Brand" },
  { id: "powertrain.fuel", name: "Powertrain Fuel" },
  { id: "powertrain.transmission", name: "Powertrain Transmission" },
];

export const BRAND_IDS = new Set(BRANDS.map((b) => b.id));
export const FUEL_IDS = new Set(FUELS.map((f) => f.id));
export const TRANSMISSION_IDS = new Set(TRANSMISSIONS.map((t) => t.id));
export const BODY_TYPE_IDS = new Set(BODY_TYPES.map((b) => b.id));
