/**
 * Handing out the next reference of a dealer's pattern. The counter row of the series is bumped
 * with one upsert inside the caller's transaction: its row lock makes concurrent creates wait for
 * each other, so two never get the same number, and a create that fails rolls its number back
 * (no gaps from refused saves). Numbers a dealer already used by hand are skipped.
 */
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { defaultReferencePattern, renderReference, seriesOf } from "@/lib/listings/reference-pattern";

type Tx = Prisma.TransactionClient;

export async function referencePatternOf(dealerId: string, tx: Tx = db): Promise<string> {
  const dealer = await tx.dealer.findFirstOrThrow({ where: { id: dealerId }, select: { name: true, referencePattern: true } });
  return dealer.referencePattern ?? defaultReferencePattern(dealer.name);
}

const taken = async (tx: Tx, dealerId: string, reference: string) => (await tx.listing.count({ where: { dealerId, reference } })) > 0;

/** The next free reference, reserved until the caller's transaction ends (then kept or rolled back). */
export async function allocateReference(tx: Tx, dealerId: string, at = new Date()): Promise<string> {
  const pattern = await referencePatternOf(dealerId, tx);
  const series = seriesOf(pattern, at);
  for (;;) {
    const [row] = await tx.$queryRaw<{ last: number }[]>`
      INSERT INTO "ReferenceCounter" ("dealerId", "series", "last", "updatedAt") VALUES (${dealerId}, ${series}, 1, now())
      ON CONFLICT ("dealerId", "series") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1, "updatedAt" = now()
      RETURNING "last"`;
    const reference = renderReference(pattern, row!.last, at);
    if (!(await taken(tx, dealerId, reference))) return reference;
  }
}

/** What the next car would get now (shown in the editor; the number is only taken on save). */
export async function proposedReference(dealerId: string, at = new Date()): Promise<string> {
  const pattern = await referencePatternOf(dealerId);
  const counter = await db.referenceCounter.findUnique({ where: { dealerId_series: { dealerId, series: seriesOf(pattern, at) } }, select: { last: true } });
  let n = (counter?.last ?? 0) + 1;
  while (await taken(db, dealerId, renderReference(pattern, n, at))) n += 1;
  return renderReference(pattern, n, at);
}

/** An admin sets the dealer's pattern (validated by referencePatternSchema); audited. */
export async function setReferencePattern(actorId: string, dealerId: string, pattern: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.dealer.findFirstOrThrow({ where: { id: dealerId }, select: { referencePattern: true } });
    await tx.dealer.update({ where: { id: dealerId }, data: { referencePattern: pattern } });
    await recordAudit({ actorId, dealerId, action: "dealer.reference_pattern_set", targetType: "Dealer", targetId: dealerId, data: { from: before.referencePattern, to: pattern } }, tx);
  });
}
