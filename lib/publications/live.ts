/**
 * Which ads are out there on a marketplace, as far as we know: something was sent or matched,
 * and its removal was neither sent nor confirmed. The same rule as the sync engine's
 * `isOnMarketplace` (lib/sync/plan.ts), as a database filter; tests/security/live-ads.test.ts
 * checks that the two agree. Deleting a car or a connection is refused while any of its ads is
 * out there (or being written), so no ad is ever orphaned on a marketplace.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { REMOVAL_SENT } from "@/lib/sync/hash";

export const onMarketplace = {
  state: { not: "REMOVED" },
  AND: [
    { OR: [{ sentHash: { not: null } }, { remoteId: { not: null } }] },
    // `not` alone would also drop rows whose sentHash is NULL (SQL three-valued logic).
    { OR: [{ sentHash: null }, { sentHash: { not: REMOVAL_SENT } }] },
  ],
} as const satisfies Prisma.PublicationWhereInput;

/**
 * What blocks a deletion: out there, or being written right now (a queued first write may reach
 * the marketplace after the car is gone). A superset of `onMarketplace`.
 */
export const outThere = {
  OR: [onMarketplace, { state: { in: ["QUEUED", "ACCEPTED", "LIVE"] } }],
} as const satisfies Prisma.PublicationWhereInput;

/** The first few listing references with an ad still out there, with the marketplaces they are on. */
export async function liveAds(tx: Prisma.TransactionClient, where: Prisma.PublicationWhereInput, take = 6) {
  const [count, sample] = await Promise.all([
    tx.publication.count({ where: { AND: [where, outThere] } }),
    tx.publication.findMany({
      where: { AND: [where, outThere] },
      orderBy: { listing: { reference: "asc" } },
      take,
      select: { listing: { select: { reference: true } }, connection: { select: { name: true, marketplace: true } } },
    }),
  ]);
  return { count, sample: sample.map((p) => ({ reference: p.listing.reference, connection: p.connection.name, marketplace: p.connection.marketplace })) };
}
