/** Response shapes: the listing object of §3.1 and the location object of §2.7 (newer revision). */
import type { DealerProfile, StoredListing } from "./types";
import type { OkasieStore } from "./store";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Response field order of the documented table; `condition` and `customType` are never returned. */
const RESPONSE_SCALARS = [
  "title", "description", "status", "price", "currency", "brand", "model", "year", "mileage", "fuelType",
  "transmission", "bodyType", "color", "doors", "seats", "powerKw", "co2Emission", "emissionClass",
  "firstRegistration", "driveType", "gears", "interiorColor", "interiorMaterial", "weight", "previousOwners",
  "serviceHistory", "warranty", "warrantyMonths", "co2Type", "paintType", "fuelConsumption", "variant",
  "vehicleType", "conditionTags", "engine", "vin", "carPassUrl",
] as const;

export function parentSummary(store: OkasieStore, parentId: string | null) {
  const parent = parentId ? store.profiles.get(parentId) : undefined;
  return parent
    ? { id: parent.id, locationCode: parent.locationCode, companyName: parent.companyName, fullName: parent.fullName, displayName: parent.displayName }
    : null;
}

function dealerObject(store: OkasieStore, profileId: string) {
  const p = store.profiles.get(profileId);
  if (!p) return { id: profileId, parentId: null, locationCode: null, companyName: null, fullName: null, displayName: null, email: null, phone: null, address: null, postalCode: null, city: null, province: null, logoUrl: null, metadata: {}, parent: null };
  return {
    id: p.id, parentId: p.parentId, locationCode: p.locationCode, companyName: p.companyName, fullName: p.fullName,
    displayName: p.displayName, email: p.email, phone: p.phone, address: p.address, postalCode: p.postalCode,
    city: p.city, province: p.province, logoUrl: p.logoUrl, metadata: p.metadata, parent: parentSummary(store, p.parentId),
  };
}

export function listingJson(store: OkasieStore, l: StoredListing): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: l.id,
    slug: l.slug,
    listingUrl: `${store.publicBaseUrl}/listings/${l.slug}`,
    dealerProfileId: l.dealerProfileId,
    externalReference: l.externalReference,
    externalProvider: l.partnerId,
  };
  for (const key of RESPONSE_SCALARS) {
    if (key === "status") out.status = l.status;
    else if (key === "conditionTags") out.conditionTags = [...l.conditionTags];
    else out[key] = l.fields[key] ?? null;
  }
  out.currency ??= "EUR";
  out.location = {
    postalCode: l.fields.postalCode ?? null,
    city: l.fields.city ?? null,
    province: l.fields.province ?? null,
    latitude: l.fields.latitude ?? null,
    longitude: l.fields.longitude ?? null,
  };
  out.images = l.images.map((i) => ({ url: i.url, position: i.position }));
  out.mainImageUrl = l.images[0]?.url ?? null;
  out.features = l.features.map((f) => ({ category: f.category, name: f.name }));
  out.dealer = dealerObject(store, l.dealerProfileId);
  out.createdAt = iso(l.createdAt);
  out.updatedAt = iso(l.updatedAt);
  out.soldAt = iso(l.soldAt);
  return out;
}

export function locationJson(store: OkasieStore, p: DealerProfile, rootIds: Set<string>, withCounts: boolean) {
  const out: Record<string, unknown> = {
    id: p.id, parentId: p.parentId, isRoot: rootIds.has(p.id), locationCode: p.locationCode, companyName: p.companyName,
    fullName: p.fullName, displayName: p.displayName, email: p.email, phone: p.phone, address: p.address,
    postalCode: p.postalCode, city: p.city, province: p.province, logoUrl: p.logoUrl, metadata: p.metadata,
    parent: parentSummary(store, p.parentId),
  };
  if (withCounts) {
    let active = 0;
    let total = 0;
    for (const l of store.listings.values()) {
      if (l.dealerProfileId !== p.id) continue;
      total += 1;
      if (l.status === "active") active += 1;
    }
    out.stats = { activeListings: active, totalListings: total, avgActivePrevMonth: p.avgActivePrevMonth };
  }
  out.updatedAt = iso(p.updatedAt);
  return out;
}
