/**
 * What is wrong right now, read from the database alone (the alert job never talks to the sync
 * engine): connection health, runs held for confirmation, publications in error, and runs that
 * failed several times in a row.
 */
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { descriptorOf } from "@/lib/marketplaces/registry";
import type { ConditionDetails, FoundCondition } from "./kinds";

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

export async function detectConditions(): Promise<FoundCondition[]> {
  const connections = await db.connection.findMany({
    where: { enabled: true },
    select: { id: true, dealerId: true, name: true, marketplace: true, lastCheckStatus: true },
  });
  const byId = new Map(connections.map((c) => [c.id, c]));
  const details = (c: (typeof connections)[number], extra: Partial<ConditionDetails> = {}): ConditionDetails => ({ connectionId: c.id, connectionName: c.name, marketplace: label(c.marketplace), ...extra });
  const found: FoundCondition[] = [];

  for (const c of connections) {
    if (c.lastCheckStatus && TOKEN_PROBLEMS.includes(c.lastCheckStatus)) found.push({ dealerId: c.dealerId, kind: "TOKEN_REJECTED", subjectId: c.id, details: details(c) });
  }

  const held = await db.syncRun.findMany({ where: { status: "NEEDS_CONFIRMATION" }, select: { id: true, dealerId: true, connectionId: true, pendingRemovals: true } });
  for (const run of held) {
    const c = byId.get(run.connectionId);
    if (c) found.push({ dealerId: run.dealerId, kind: "REMOVAL_HOLD", subjectId: run.id, details: details(c, { count: run.pendingRemovals }) });
  }

  const errors = await db.publication.groupBy({ by: ["dealerId", "connectionId"], where: { state: "ERROR", enabled: true }, _count: { _all: true } });
  for (const e of errors) {
    const c = byId.get(e.connectionId);
    if (!c) continue;
    const examples = await db.publication.findMany({
      where: { dealerId: e.dealerId, connectionId: e.connectionId, state: "ERROR", enabled: true },
      orderBy: { updatedAt: "desc" },
      take: EXAMPLES,
      select: { listing: { select: { reference: true, title: true } } },
    });
    found.push({ dealerId: e.dealerId, kind: "LISTING_ERRORS", subjectId: c.id, details: details(c, { count: e._count._all, examples: examples.map((p) => p.listing) }) });
  }

  // The newest N finished runs per connection, all FAILED (cancelled runs are a person's choice, not a failure).
  const limit = env().ALERTS_FAILED_RUNS;
  const failing = await db.$queryRaw<{ connectionId: string; dealerId: string; failed: bigint }[]>`
    SELECT "connectionId", "dealerId", count(*) FILTER (WHERE status = 'FAILED') AS failed
    FROM (
      SELECT "connectionId", "dealerId", status,
             row_number() OVER (PARTITION BY "connectionId" ORDER BY "finishedAt" DESC) AS n
      FROM "SyncRun" WHERE status IN ('SUCCEEDED', 'PARTIAL', 'FAILED') AND "finishedAt" IS NOT NULL
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
