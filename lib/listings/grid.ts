/**
 * The listings grid's server side: one query schema (shared with the URL state of the page and
 * the JSON endpoint), and a dealer-scoped query that pages, sorts, filters and searches in
 * PostgreSQL. Indexes: (dealerId, updatedAt), (dealerId, status, updatedAt), (dealerId, make),
 * (dealerId, price) and a trigram index on searchText (see the listings migration).
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type GridQuery } from "@/lib/listings/grid-query";
import type { ShownState } from "@/lib/publications/shown-state";
import { shownStateWhere } from "@/lib/publications/shown-state-where";
import { stateCapabilitiesOf } from "@/lib/publications/state-capabilities";
export { parseGridQuery, type GridQuery } from "@/lib/listings/grid-query";

const NULLABLE_SORTS = new Set(["make", "year", "mileage", "price"]);

const STATUS_DB = { draft: "DRAFT", active: "ACTIVE", reserved: "RESERVED", sold: "SOLD" } as const;

export async function gridWhere(dealerId: string, q: GridQuery): Promise<Prisma.ListingWhereInput> {
  const and: Prisma.ListingWhereInput[] = [{ dealerId }];
  if (q.status.length) and.push({ status: { in: q.status.map((s) => STATUS_DB[s]) } });
  if (q.make) and.push({ make: { equals: q.make, mode: "insensitive" } });
  if (q.q) and.push({ searchText: { contains: q.q.toLowerCase() } });
  if (q.missing === "price") and.push({ price: null });
  if (q.missing === "images") and.push({ images: { isEmpty: true } });
  if (q.missing === "registration") and.push({ registrationNumber: null, vin: null });
  if (q.missing === "location") and.push({ postalCode: null });
  if (q.market) {
    const [connectionId, state] = q.market.split(":") as [string, ShownState];
    // The same rule as the badge, for this connection's marketplace; another dealer's connection matches nothing.
    const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId }, select: { marketplace: true } });
    and.push(connection ? shownStateWhere(dealerId, connectionId, state, stateCapabilitiesOf(connection.marketplace)) : { id: { in: [] } });
  }
  return { AND: and };
}

export const gridRowSelect = {
  id: true, reference: true, status: true, title: true, make: true, model: true, year: true, mileage: true, price: true, currency: true, images: true, updatedAt: true,
  publications: { select: { connectionId: true, state: true, enabled: true, sentAt: true, remoteId: true, remoteStatus: true, lastErrorCode: true, lastErrorMessage: true } },
} as const;

export interface GridRow {
  id: string; reference: string; status: "DRAFT" | "ACTIVE" | "RESERVED" | "SOLD"; title: string; make: string | null; model: string | null;
  year: number | null; mileage: number | null; price: number | null; currency: string; imageCount: number; thumbnail: string | null; updatedAt: string;
  publications: { connectionId: string; state: string; enabled: boolean; sentAt: string | null; remoteId: string | null; remoteStatus: string | null; lastErrorCode: string | null; lastErrorMessage: string | null }[];
}

export async function queryListingsGrid(dealerId: string, q: GridQuery): Promise<{ rows: GridRow[]; total: number; query: GridQuery }> {
  const where = await gridWhere(dealerId, q);
  // Empty values sort last whichever the direction; only nullable columns take a nulls order.
  const nullable = NULLABLE_SORTS.has(q.sort);
  const orderBy: Prisma.ListingOrderByWithRelationInput[] = [{ [q.sort]: nullable ? { sort: q.dir, nulls: "last" } : q.dir } as Prisma.ListingOrderByWithRelationInput, { id: q.dir }];
  const [rows, total] = await Promise.all([
    db.listing.findMany({ where, orderBy, skip: (q.page - 1) * q.size, take: q.size, select: gridRowSelect }),
    db.listing.count({ where }),
  ]);
  return {
    total,
    query: q,
    rows: rows.map(({ images, price, updatedAt, publications, ...r }) => ({
      ...r,
      publications: publications.map((p) => ({ ...p, sentAt: p.sentAt?.toISOString() ?? null })),
      price: price === null ? null : Number(price),
      imageCount: images.length,
      thumbnail: images[0] ?? null,
      updatedAt: updatedAt.toISOString(),
    })),
  };
}

/** Makes in use, for the make filter. */
export async function listingMakes(dealerId: string): Promise<string[]> {
  const rows = await db.listing.groupBy({ by: ["make"], where: { dealerId, make: { not: null } }, orderBy: { make: "asc" } });
  return rows.map((r) => r.make!).filter(Boolean);
}
