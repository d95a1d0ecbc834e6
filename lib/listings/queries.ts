/** Dealer-scoped listing reads. Every query filters by dealerId. */
import { db } from "@/lib/db";

export const listingSummarySelect = {
  id: true, reference: true, status: true, title: true, make: true, model: true, year: true, mileage: true, price: true, currency: true, updatedAt: true,
} as const;

export async function recentListings(dealerId: string, take = 50) {
  const rows = await db.listing.findMany({ where: { dealerId }, orderBy: { updatedAt: "desc" }, take, select: listingSummarySelect });
  return rows.map((r) => ({ ...r, price: r.price === null ? null : Number(r.price) }));
}

export async function listingCounts(dealerId: string) {
  const groups = await db.listing.groupBy({ by: ["status"], where: { dealerId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<"DRAFT" | "ACTIVE" | "RESERVED" | "SOLD", number>>;
}
