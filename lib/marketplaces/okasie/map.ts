/**
 * Canonical listing ⇄ Okasie wire format. PUT and bulk replace the whole listing, so `toWire`
 * always emits every field (null when empty) and always the status (an omitted status would take
 * the listing offline as `draft`).
 */
import type { ChannelOverrides, Listing, ListingInput, ListingStatus } from "@/lib/listings/schema";
import type { MarketplaceIdentity, RemoteStatus } from "../types";
import type { OkasieListing, OkasieListingInput, OkasieStatus } from "./wire";
import { asOkasieIdentity } from "./identity";

export const STATUS_TO_OKASIE: Record<ListingStatus, OkasieStatus> = {
  draft: "draft",
  active: "active",
  reserved: "pending",
  sold: "sold",
};

export const OKASIE_TO_STATUS: Record<OkasieStatus, ListingStatus> = {
  draft: "draft",
  active: "active",
  pending: "reserved",
  sold: "sold",
};

export const OKASIE_TO_REMOTE: Record<string, RemoteStatus> = {
  active: "live",
  pending: "pending",
  sold: "sold",
  draft: "draft",
};


const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** The dealer profile part of the payload: the UUID when known, else the location code. */
export function profileFields(identity: MarketplaceIdentity | undefined): Pick<OkasieListingInput, "dealerProfileId" | "dealerLocationCode"> {
  const id = asOkasieIdentity(identity);
  if (id?.dealerProfileId) return { dealerProfileId: id.dealerProfileId };
  if (id?.dealerLocationCode) return { dealerLocationCode: id.dealerLocationCode };
  return {};
}

/** The complete wire payload for one listing (bulk items carry `externalReference`). */
export function toWire(listing: Listing, overrides: ChannelOverrides | null | undefined, identity: MarketplaceIdentity | undefined, withReference = true): OkasieListingInput {
  const o = overrides ?? {};
  return {
    ...(withReference ? { externalReference: listing.reference } : {}),
    ...profileFields(identity),
    status: STATUS_TO_OKASIE[listing.status],
    title: o.title ?? listing.title,
    description: orNull(o.description ?? listing.description),
    price: orNull(o.price ?? listing.price),
    currency: "EUR",
    brand: orNull(listing.make),
    model: orNull(listing.model),
    variant: orNull(listing.variant),
    customType: orNull(listing.customType),
    year: orNull(listing.year),
    mileage: orNull(listing.mileage),
    fuelType: orNull(listing.fuelType),
    transmission: orNull(listing.transmission),
    bodyType: orNull(listing.bodyType),
    engine: orNull(listing.engine),
    driveType: orNull(listing.driveType),
    gears: orNull(listing.gears),
    color: orNull(listing.color),
    interiorColor: orNull(listing.interiorColor),
    interiorMaterial: orNull(listing.interiorMaterial),
    doors: orNull(listing.doors),
    seats: orNull(listing.seats),
    powerKw: orNull(listing.powerKw),
    weight: orNull(listing.weight),
    previousOwners: orNull(listing.previousOwners),
    serviceHistory: orNull(listing.serviceHistory),
    warranty: orNull(listing.warranty),
    warrantyMonths: orNull(listing.warrantyMonths),
    co2Emission: orNull(listing.co2Emission),
    co2Type: orNull(listing.co2Type),
    emissionClass: orNull(listing.emissionClass),
    paintType: orNull(listing.paintType),
    fuelConsumption: orNull(listing.fuelConsumption),
    condition: orNull(listing.condition),
    conditionTags: [...(listing.conditionTags ?? [])],
    vehicleType: orNull(listing.vatRegime),
    firstRegistration: orNull(listing.firstRegistration),
    vin: orNull(listing.vin),
    carPassUrl: orNull(listing.carPassUrl),
    postalCode: orNull(listing.postalCode),
    city: orNull(listing.city),
    province: orNull(listing.province),
    latitude: orNull(listing.latitude),
    longitude: orNull(listing.longitude),
    features: (listing.features ?? []).map((f) => ({ category: orNull(f.category), name: f.name })),
    images: (listing.images ?? []).map((url, position) => ({ url, position })),
  };
}

/**
 * An Okasie listing as canonical input, for importing listings that exist only on Okasie.
 * Images are Okasie's CDN copies; `condition` and `customType` are never returned by Okasie.
 */
export function fromWire(remote: OkasieListing): Partial<ListingInput> {
  const r = remote as Record<string, unknown>;
  const location = (r.location ?? {}) as Record<string, unknown>;
  const pick = <T>(v: unknown) => (v === undefined ? undefined : (v as T | null));
  const status = OKASIE_TO_STATUS[remote.status as OkasieStatus] ?? "draft";
  return {
    reference: remote.externalReference ?? undefined,
    status,
    title: remote.title ?? "",
    description: pick<string>(r.description),
    price: pick<number>(r.price),
    currency: "EUR",
    make: pick<string>(r.brand),
    model: pick<string>(r.model),
    variant: pick<string>(r.variant),
    year: pick<number>(r.year),
    mileage: pick<number>(r.mileage),
    fuelType: pick(r.fuelType),
    transmission: pick(r.transmission),
    bodyType: pick(r.bodyType),
    engine: pick<string>(r.engine),
    driveType: pick(r.driveType),
    gears: pick<number>(r.gears),
    color: pick<string>(r.color),
    interiorColor: pick<string>(r.interiorColor),
    interiorMaterial: pick(r.interiorMaterial),
    doors: pick<number>(r.doors),
    seats: pick<number>(r.seats),
    powerKw: pick<number>(r.powerKw),
    weight: pick<number>(r.weight),
    previousOwners: pick<number>(r.previousOwners),
    serviceHistory: pick<boolean>(r.serviceHistory),
    warranty: pick<boolean>(r.warranty),
    warrantyMonths: pick<number>(r.warrantyMonths),
    co2Emission: pick<number>(r.co2Emission),
    co2Type: pick(r.co2Type),
    emissionClass: pick<string>(r.emissionClass),
    paintType: pick(r.paintType),
    fuelConsumption: pick<number>(r.fuelConsumption),
    conditionTags: Array.isArray(r.conditionTags) ? (r.conditionTags as string[]) : [],
    vatRegime: pick(r.vehicleType),
    firstRegistration: pick<string>(r.firstRegistration),
    vin: pick<string>(r.vin),
    carPassUrl: pick<string>(r.carPassUrl),
    postalCode: pick<string>(location.postalCode ?? r.postalCode),
    city: pick<string>(location.city ?? r.city),
    province: pick<string>(location.province ?? r.province),
    latitude: pick<number>(location.latitude ?? r.latitude),
    longitude: pick<number>(location.longitude ?? r.longitude),
    features: Array.isArray(r.features) ? (r.features as { category?: string | null; name: string }[]).map((f) => ({ category: f.category ?? null, name: f.name })) : [],
    images: (remote.images ?? []).slice().sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((i) => i.url),
  };
}

/** Wire keys that name the account or are constant: not a change a dealer makes to a car. */
const NOT_CAR_FIELDS = new Set(["externalReference", "dealerProfileId", "dealerLocationCode", "currency"]);
const CANONICAL_NAME: Record<string, string> = { brand: "make", vehicleType: "vatRegime" };

/** A sent payload under the canonical field names (the diff a dealer reads; see types.ts). */
export function payloadFields(payload: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((payload ?? {}) as Record<string, unknown>)) {
    if (NOT_CAR_FIELDS.has(key)) continue;
    if (key === "status") out.status = OKASIE_TO_STATUS[value as OkasieStatus] ?? value;
    else if (key === "images") out.images = [...((value ?? []) as { url: string; position: number }[])].sort((a, b) => a.position - b.position).map((i) => i.url);
    else if (key === "features") out.features = ((value ?? []) as { category: string | null; name: string }[]).map((f) => f.name);
    else out[CANONICAL_NAME[key] ?? key] = value;
  }
  return out;
}
