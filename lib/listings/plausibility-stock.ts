/**
 * The dealer's own prices, as a yardstick for plausibility: the median asking price of the same
 * make and model (same currency) among the cars still in stock. Every query filters by dealerId.
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Listing } from "@/lib/listings/schema";
import { plausibilityWarnings, type PlausibilityWarning } from "@/lib/listings/plausibility";

/** Enough prices for a stable median; a dealer rarely has more of one model. */
const SAMPLE = 2001;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Model = Pick<Listing, "make" | "model" | "currency">;
const modelKey = (l: Model) => `${l.make ?? ""}\u0000${(l.model ?? "").toLowerCase()}\u0000${l.currency}`;

/**
 * Median price per make/model/currency of the cars in stock (not sold), leaving out the given
 * references (the cars being checked, whose stored price is about to be replaced). The make is
 * matched as written (it uses the (dealerId, make) index), the model in any case.
 */
export async function stockMedians(dealerId: string, models: Model[], exclude: { ids?: string[]; references?: string[] } = {}): Promise<Map<string, number | null>> {
  const wanted = new Map<string, Model>();
  for (const m of models) if (m.make && m.model) wanted.set(modelKey(m), m);
  const out = new Map<string, number | null>();
  for (const [key, m] of wanted) {
    const where: Prisma.ListingWhereInput = {
      dealerId, make: m.make, model: { equals: m.model!, mode: "insensitive" }, currency: m.currency, status: { not: "SOLD" }, price: { not: null },
      ...(exclude.ids?.length ? { id: { notIn: exclude.ids } } : {}),
      ...(exclude.references?.length ? { reference: { notIn: exclude.references } } : {}),
    };
    const rows = await db.listing.findMany({ where, select: { price: true }, take: SAMPLE });
    out.set(key, median(rows.map((r) => Number(r.price))));
  }
  return out;
}

/** Every plausibility warning for these cars, the stock median included. */
export async function warningsWithStock(dealerId: string, listings: { listing: Listing; id?: string }[], exclude: { ids?: string[]; references?: string[] } = {}): Promise<PlausibilityWarning[][]> {
  const medians = await stockMedians(dealerId, listings.map((l) => l.listing), exclude);
  return listings.map(({ listing }) => plausibilityWarnings(listing, { medianPrice: medians.get(modelKey(listing)) ?? null }));
}
