/**
 * What is wrong right now, read from the database alone (the alert job never talks to the sync
 * engine): connection health, runs held for confirmation, publications in error or changed on
 * the marketplace (drift), and runs that failed several times in a row. The one source of "what
 * needs a person" for the e-mail alerts and the app's bell; `dealerIds` limits it to some dealers.
 */
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { descriptorOf } from "@/lib/marketplaces/registry";
import type { AlertCar, ConditionDetails, FoundCondition } from "./kinds";

/** Health values (Connection.lastCheckStatus) that mean the token no longer works. */
const TOKEN_PROBLEMS = ["unauthorized", "missing_scope"];
const EXAMPLES = 5;

/** The marketplace's proper name ("Okasie", "Blocket/Bytbil"); a connection to one no longer registered shows its id. */
function label(marketplace: string): string {
  try {
    return descriptorOf(marketplace).name;
  } catch {
    return marketplace;
  }
}

export interface DetectScope {
  /** Only these dealers (the bell asks for the reader's); all dealers when absent. */
  dealerIds?: string[];
}

export async function detectConditions(scope: DetectScope = {}): Promise<FoundCondition[]> {
  const dealerFilter = scope.dealerIds ? { dealerId: { in: scope.dealerIds } } : {};
  if (scope.dealerIds?.length === 0) return [];
  const connections = await db.connection.findMany({
    where: { enabled: true, ...dealerFilter },
    select: { id: true, dealerId: true, name: true, marketplace: true, lastCheckStatus: true },
  });
  const byId = new Map(connections.map((c) => [c.id, c]));
  const details = (c: (typeof connections)[number], extra: Partial<ConditionDetails> = {}): ConditionDetails => ({ connectionId: c.id, connectionName: c.name, marketplace: label(c.marketplace), ...extra });
  const found: FoundCondition[] = [];

  for (const c of connections) {
    if (c.lastCheckStatus && TOKEN_PROBLEMS.includes(c.lastCheckStatus)) found.push({ dealerId: c.dealerId, kind: "TOKEN_REJECTED", subjectId: c.id, details: details(c) });
  }

  const held = await db.syncRun.findMany({ where: { status: "NEEDS_CONFIRMATION", ...dealerFilter }, select: { id: true, dealerId: true, connectionId: true, pendingRemovals: true, heldRemovals: true } });
  for (const run of held) {
    const c = byId.get(run.connectionId);
    const cars = Array.isArray(run.heldRemovals) ? (run.heldRemovals as unknown as AlertCar[]) : [];
    if (c) found.push({ dealerId: run.dealerId, kind: "REMOVAL_HOLD", subjectId: run.id, details: details(c, { count: run.pendingRemovals, examples: cars.slice(0, EXAMPLES).map(({ listingId, reference, title }) => ({ listingId, reference, title })) }) });
  }

  // Cars in error, and ads someone changed on the marketplace after our last write: per connection, with a few named.
  const perConnection = [
    { kind: "LISTING_ERRORS", where: { state: "ERROR" } },
    { kind: "DRIFT", where: { driftDetectedAt: { not: null } } },
  ] as const satisfies readonly { kind: FoundCondition["kind"]; where: Prisma.PublicationWhereInput }[];
  for (const { kind, where } of perConnection) {
    const groups = await db.publication.groupBy({ by: ["dealerId", "connectionId"], where: { ...where, enabled: true, ...dealerFilter }, _count: { _all: true } });
    for (const g of groups) {
      const c = byId.get(g.connectionId);
      if (!c) continue;
      const examples = await db.publication.findMany({
        where: { ...where, dealerId: g.dealerId, connectionId: g.connectionId, enabled: true },
        orderBy: { updatedAt: "desc" },
        take: EXAMPLES,
        select: { listing: { select: { id: true, reference: true, title: true } } },
      });
      found.push({ dealerId: g.dealerId, kind, subjectId: c.id, details: details(c, { count: g._count._all, examples: examples.map((p) => ({ listingId: p.listing.id, reference: p.listing.reference, title: p.listing.title })) }) });
    }
  }

  // The newest N finished runs per connection, all FAILED (cancelled runs are a person's choice, not a failure).
  const limit = env().ALERTS_FAILED_RUNS;
  const dealerSql = scope.dealerIds ? Prisma.sql`AND "dealerId" IN (${Prisma.join(scope.dealerIds)})` : Prisma.empty;
  const failing = await db.$queryRaw<{ connectionId: string; dealerId: string; failed: bigint }[]>`
    SELECT "connectionId", "dealerId", count(*) FILTER (WHERE status = 'FAILED') AS failed
    FROM (
      SELECT "connectionId", "dealerId", status,
             row_number() OVER (PARTITION BY "connectionId" ORDER BY "finishedAt" DESC) AS n
      FROM "SyncRun" WHERE status IN ('SUCCEEDED', 'PARTIAL', 'FAILED') AND "finishedAt" IS NOT NULL ${dealerSql}
    ) recent
    WHERE n <= ${limit}
    GROUP BY "connectionId", "dealerId"
    HAVING count(*) FILTER (WHERE status = 'FAILED') = ${limit}`;
  for (const f of failing) {
    const c = byId.get(f.connectionId);
    if (c) found.push({ dealerId: f.dealerId, kind: "SYNC_FAILING", subjectId: c.id, details: details(c, { count: Number(f.failed) }) });
  }
  return found;
}
