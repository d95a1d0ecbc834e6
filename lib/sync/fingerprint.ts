/**
 * Recognising an unchanged listing without building its payload (issue #17: planning 10,000
 * unchanged cars must cost well under a second).
 *
 * A payload is built from two kinds of input:
 * - what the database holds: the stored listing and the publication's overrides. PostgreSQL
 *   fingerprints them while the page is read (`sourceFingerprintSql`, an md5 of their jsonb
 *   text, which is canonical), so the engine never stringifies or hashes them itself;
 * - what the code and the connection decide: the marketplace's mapping, the connection's identity
 *   and publishing settings. `planKey` captures them as the hash of the payloads of two probe
 *   listings, computed once per run: a change of mapping, identity or settings that shows in the
 *   probes changes every fingerprint, so every listing is planned in full again.
 *
 * `sentSourceHash` = planKey + ":" + the database fingerprint, stored with each payload sent
 * successfully. A listing whose fingerprint equals it is unchanged; any other listing is planned in
 * full and its payload hash decides, exactly as before. Manual and reconcile runs always plan in
 * full, so a mapping change the probes cannot see still reaches every ad by the daily reconcile.
 */
import { createHash } from "node:crypto";
import { listingSchema, type ChannelOverrides, type ListingInput } from "@/lib/listings/schema";
import type { MarketplaceDescriptor, MarketplaceIdentity, PublishInput } from "@/lib/marketplaces/types";
import { stableJson } from "./hash";

/** Bump when what the fingerprint covers changes (e.g. a new listing column). */
const FINGERPRINT_VERSION = "1";

/**
 * md5 of everything of a listing (alias `l`) and its publication (alias `p`, may be absent) that a
 * payload is built from: the columns lib/listings/store.ts `fromRow` reads, and the overrides.
 */
export function sourceFingerprintSql(l: string, p: string): string {
  return `md5(jsonb_build_array(
    ${l}.reference, ${l}.status, ${l}.title, ${l}.make, ${l}.model, ${l}.year, ${l}.mileage, ${l}.price, ${l}.currency, ${l}."fuelType",
    ${l}."registrationNumber", ${l}.vin, ${l}."postalCode", ${l}.images, ${l}.features, ${l}.details,
    ${p}."overrideTitle", ${p}."overrideDescription", ${p}."overridePrice")::text)`;
}

const PROBES: { listing: ListingInput; overrides: ChannelOverrides | null }[] = [
  {
    listing: {
      reference: "PROBE-FULL-1", status: "active", title: "Probe Make Model 1.0", description: "Probe description.", price: 12_345, currency: "EUR",
      make: "Volvo", model: "V60", variant: "T5", customType: "Probe", year: 2020, mileage: 42_000, fuelType: "diesel", transmission: "automatic",
      bodyType: "wagon", engine: "2.0", driveType: "AWD", gears: 8, color: "Blauw", interiorColor: "Zwart", interiorMaterial: "Leder", doors: 5,
      seats: 5, powerKw: 140, weight: 1700, previousOwners: 1, serviceHistory: true, warranty: true, warrantyMonths: 12, co2Emission: 120,
      co2Type: "WLTP", emissionClass: "Euro 6d", paintType: "Metallic", fuelConsumption: 5.1, condition: "used", conditionTags: ["probe"],
      vatRegime: "margin", firstRegistration: "2020-03", vin: "YV1ZW25UDL1234567", carPassUrl: "https://public.car-pass.be/vhr/probe",
      postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen", latitude: 51.05, longitude: 3.72,
      features: [{ category: "comfort", name: "Probe feature" }], images: ["https://probe.example/1.jpg", "https://probe.example/2.jpg"],
      blocketCategory: "car", registrationNumber: "PRB123", registrationNumberHidden: false, blocketBrand: "volvo", blocketModel: "v60",
      contactName: "Probe", contactPhone: "+46701234567", contactEmail: "probe@example.com",
    },
    overrides: { title: "Probe override", description: "Probe override description.", price: 11_111 },
  },
  { listing: { reference: "PROBE-MIN-1", status: "reserved", title: "Probe" }, overrides: null },
];

/**
 * The key of everything outside the database that the payload depends on, for one run of one
 * connection. `extra` carries whatever else goes into PublishInput (a connection's settings).
 */
export function planKey(descriptor: MarketplaceDescriptor, identity: MarketplaceIdentity, extra: Omit<PublishInput, "listing" | "overrides"> = {}): string {
  const payloads = PROBES.map(({ listing, overrides }) => {
    try {
      return descriptor.payload({ listing: listingSchema.parse(listing), overrides, ...extra }, identity);
    } catch (err) {
      // A mapping that refuses a probe still has a stable key: its message.
      return { probeError: err instanceof Error ? err.message : String(err) };
    }
  });
  const digest = createHash("sha256").update(stableJson({ v: FINGERPRINT_VERSION, marketplace: descriptor.id, payloads })).digest("hex");
  return digest.slice(0, 16);
}

/** The stored form: key of the run's context and the database fingerprint of the listing. */
export const sourceHashOf = (key: string, fingerprint: string) => `${key}:${fingerprint}`;
