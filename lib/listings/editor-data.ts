/** What the listing editor needs from the database, for one dealer. Never a token. */
import { db } from "@/lib/db";
import { descriptorOf, identityOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import { fromRow } from "@/lib/listings/store";
import type { Listing } from "@/lib/listings/schema";

export async function editorConnections(dealerId: string) {
  const rows = await db.connection.findMany({
    where: { dealerId, enabled: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, marketplace: true, dealerProfileId: true, dealerLocationCode: true, dealerCode: true, tokenScope: true, publishesEveryCar: true },
  });
  // A connection whose marketplace is no longer registered cannot be published to: left out.
  return rows.filter((c) => isMarketplaceId(c.marketplace)).map((c) => ({
    connectionId: c.id, name: c.name, marketplace: c.marketplace, identity: identityOf(c),
    /** A price override for this connection is in this currency. */
    currency: descriptorOf(c.marketplace).currency,
    /** Without a setting of its own a car is on here (false: only cars enrolled, lib/publications/enrolment.ts). */
    onByDefault: c.publishesEveryCar,
  }));
}

export async function editorListing(dealerId: string, id: string) {
  const row = await db.listing.findFirst({ where: { id, dealerId }, include: { publications: true } });
  if (!row) return null;
  let listing: Partial<Listing>;
  try {
    listing = fromRow(row);
  } catch {
    // A row older than today's rules still opens; the form shows what to fix.
    listing = { ...(row.details as object), reference: row.reference, title: row.title, images: row.images } as Partial<Listing>;
  }
  const channels = Object.fromEntries(row.publications.map((p) => [p.connectionId, {
    enabled: p.enabled, title: p.overrideTitle, description: p.overrideDescription, price: p.overridePrice === null ? null : Number(p.overridePrice),
  }]));
  return { listing, channels, referenceLocked: row.referenceLockedAt !== null, status: row.status, publications: row.publications };
}

/** Defaults for a new car: the dealer's location and currency. */
export async function newListingDefaults(dealerId: string): Promise<Partial<Listing>> {
  const dealer = await db.dealer.findFirstOrThrow({ where: { id: dealerId }, select: { country: true, postalCode: true, city: true, province: true } });
  return {
    status: "draft", currency: dealer.country === "SE" ? "SEK" : "EUR", postalCode: dealer.postalCode, city: dealer.city, province: dealer.province,
    images: [], features: [], conditionTags: [], blocketCategory: "car",
  };
}
