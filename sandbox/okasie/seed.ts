/**
 * The default seed: the partner whose secret is `okasie-sandbox-token` (all scopes) and a read-only
 * secret, over the dealer tree of "Auto Gent". Profile ids and codes are the ones the Okasie docs
 * use in their examples, so every documented request runs unchanged against the sandbox.
 */
import type { ApiKey, DealerProfile, OkasieStatus, Partner } from "./types";

export const SANDBOX_SECRET = "okasie-sandbox-token";
export const READONLY_SECRET = "okasie-readonly-token";

export const PROFILE_IDS = {
  autoGentHq: "8f8f8f8f-8f8f-408f-a8f8-8f8f8f8f8f8f",
  autoGentCentrum: "7f7f7f7f-7f7f-407f-a7f7-7f7f7f7f7f7f",
  autoGentMerelbeke: "84118503-030b-45f3-a867-c77d54d00b4c",
  /** A dealer outside the sandbox partner's scope, for PROFILE_FORBIDDEN. */
  otherDealer: "9e9e9e9e-9e9e-409e-a9e9-9e9e9e9e9e9e",
} as const;

export interface SeedListing {
  id?: string;
  partnerId?: string | null;
  externalReference?: string | null;
  dealerProfileId: string;
  status?: OkasieStatus;
  title: string;
  createdAt?: string;
  updatedAt?: string;
  /** Any other listing field, canonical names (price, brand, postalCode, …). */
  [field: string]: unknown;
}

export interface SeedData {
  partners?: Partner[];
  keys?: ApiKey[];
  profiles?: (Partial<DealerProfile> & Pick<DealerProfile, "id" | "locationCode" | "companyName"> & { updatedAt?: number | string })[];
  listings?: SeedListing[];
}

const profile = (p: Partial<DealerProfile> & Pick<DealerProfile, "id" | "locationCode" | "companyName">) => ({
  parentId: null,
  fullName: p.companyName,
  displayName: p.companyName,
  email: null,
  phone: null,
  address: null,
  postalCode: null,
  city: null,
  province: null,
  logoUrl: null,
  metadata: {},
  avgActivePrevMonth: null,
  ...p,
});

export function defaultSeed(): SeedData {
  return {
    partners: [
      { id: "forecourt-sandbox", name: "Forecourt (sandbox)" },
      { id: "other-partner", name: "Other Partner" },
    ],
    keys: [
      {
        secret: SANDBOX_SECRET,
        partnerId: "forecourt-sandbox",
        scopes: ["read:listings", "read:locations", "write:listings"],
        access: { scope: "restricted", rootProfileIds: [PROFILE_IDS.autoGentHq] },
      },
      {
        secret: READONLY_SECRET,
        partnerId: "forecourt-sandbox",
        scopes: ["read:listings", "read:locations"],
        access: { scope: "restricted", rootProfileIds: [PROFILE_IDS.autoGentHq] },
      },
    ],
    profiles: [
      profile({
        id: PROFILE_IDS.autoGentHq, locationCode: "DEX-HQ", companyName: "Auto Gent NV", fullName: "Auto Gent", displayName: "Auto Gent",
        email: "info@autogent.invalid", phone: "+32 9 123 45 67", address: "Kortrijksesteenweg 1", postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
      }),
      profile({
        id: PROFILE_IDS.autoGentCentrum, parentId: PROFILE_IDS.autoGentHq, locationCode: "DEX-GENT", companyName: "Auto Gent", fullName: "Auto Gent Centrum", displayName: "Auto Gent Centrum",
        address: "Kortrijksesteenweg 1", postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
      }),
      profile({
        id: PROFILE_IDS.autoGentMerelbeke, parentId: PROFILE_IDS.autoGentHq, locationCode: "DEX-MERELBEKE", companyName: "Auto Gent Merelbeke", fullName: "Auto Gent Merelbeke", displayName: "Auto Gent Merelbeke",
        address: "Hundelgemsesteenweg 10", postalCode: "9820", city: "Merelbeke", province: "Oost-Vlaanderen",
      }),
      profile({
        id: PROFILE_IDS.otherDealer, locationCode: "OTHER-ANTW", companyName: "Garage Elders", postalCode: "2000", city: "Antwerpen", province: "Antwerpen",
      }),
    ],
    listings: [
      {
        // The listing of the GET /listings documentation example.
        id: "46c7f6c9-70f7-4f98-8c32-12f1a67c6f2e",
        partnerId: "forecourt-sandbox",
        externalReference: "ref-123",
        dealerProfileId: PROFILE_IDS.autoGentCentrum,
        status: "active",
        title: "Opel Corsa 1.2 Turbo",
        price: 19995, brand: "Opel", model: "Corsa", year: 2021, mileage: 25000,
        fuelType: "petrol", transmission: "automatic", bodyType: "hatchback",
        carPassUrl: "https://public.car-pass.be/vhr/example",
        postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen", latitude: 51.0543, longitude: 3.7174,
        images: ["https://partner.example/corsa-main.jpg"],
        createdAt: "2024-10-01T12:34:56Z",
        updatedAt: "2024-10-05T09:12:01Z",
      },
      {
        // A listing made in Okasie's own dashboard: visible with status=all, but not addressable by
        // reference. Sold, so the documented GET example (status=active) shows exactly one listing.
        id: "5a5a5a5a-5a5a-405a-a5a5-5a5a5a5a5a5a",
        partnerId: null,
        externalReference: null,
        dealerProfileId: PROFILE_IDS.autoGentMerelbeke,
        status: "sold",
        title: "Volkswagen Golf 2.0 TDI",
        price: 17450, brand: "Volkswagen", model: "Golf", year: 2019, mileage: 88000, fuelType: "diesel",
        postalCode: "9820", city: "Merelbeke", province: "Oost-Vlaanderen",
        createdAt: "2024-09-20T08:00:00Z",
        updatedAt: "2024-09-20T08:00:00Z",
      },
    ],
  };
}
