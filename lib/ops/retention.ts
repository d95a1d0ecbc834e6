/**
 * Retention: what Forecourt keeps and for how long, as data (one row per kind of record), and the
 * daily prune that applies it. Without it a host running many dealers grows without bound: every
 * sync writes run items, Blocket's ad log is mirrored, every sign-in leaves a session row.
 *
 * Deletes go in batches of BATCH rows (each its own short statement), so a first prune of a large
 * table never holds long locks or a huge transaction.
 */
import "server-only";
import { env } from "@/lib/env";
import { syncPool } from "@/lib/sync/pool";

const DAY_MS = 86_400_000;
const BATCH = 5_000;

export interface RetentionRule {
  /** What the rule keeps, for logs and the operations page. */
  name: string;
  /** How long, in days, a record is kept (from its creation, or its end for sessions). */
  days: () => number;
  /**
   * The ids to delete (at most $2 of them) older than $1: a SELECT on the table of `table`.
   * Rules may keep some old rows (the last run of each connection stays, whatever its age).
   */
  select: string;
  table: string;
}

export const RETENTION_RULES: RetentionRule[] = [
  {
    // Items go with their run (foreign key ON DELETE CASCADE). The newest run of each connection
    // stays: the Syncs page and the health of a connection read it.
    name: "sync runs and their items",
    days: () => env().HISTORY_RETENTION_DAYS,
    table: "SyncRun",
    select: `SELECT r.id FROM "SyncRun" r
             WHERE r."queuedAt" < $1 AND r.status NOT IN ('QUEUED', 'RUNNING', 'NEEDS_CONFIRMATION')
               AND r.id <> (SELECT n.id FROM "SyncRun" n WHERE n."dealerId" = r."dealerId" AND n."connectionId" = r."connectionId" ORDER BY n."queuedAt" DESC LIMIT 1)
             LIMIT $2`,
  },
  {
    name: "Blocket's mirrored ad log",
    days: () => env().HISTORY_RETENTION_DAYS,
    table: "AdLog",
    select: `SELECT id FROM "AdLog" WHERE at < $1 LIMIT $2`,
  },
  {
    name: "audit events",
    days: () => env().AUDIT_RETENTION_DAYS,
    table: "AuditEvent",
    select: `SELECT id FROM "AuditEvent" WHERE "createdAt" < $1 LIMIT $2`,
  },
  {
    // Mails sent or given up on; a pending one is still being tried.
    name: "alert mail deliveries",
    days: () => 90,
    table: "AlertDelivery",
    select: `SELECT id FROM "AlertDelivery" WHERE "createdAt" < $1 AND status <> 'PENDING' LIMIT $2`,
  },
  {
    // A session ends at its absolute lifetime; a day later its row is of no use to anyone.
    name: "ended sessions",
    days: () => 1,
    table: "UserSession",
    select: `SELECT id FROM "UserSession" WHERE "expiresAt" < $1 LIMIT $2`,
  },
];

export interface PruneResult {
  [rule: string]: number;
}

/** Applies every rule once; returns the rows deleted per rule. */
export async function pruneExpiredRecords(now = new Date(), rules = RETENTION_RULES): Promise<PruneResult> {
  const result: PruneResult = {};
  for (const rule of rules) {
    const before = new Date(now.getTime() - rule.days() * DAY_MS);
    let deleted = 0;
    for (;;) {
      // The table name comes from the constant rules above, never from input.
      const { rowCount } = await syncPool().query(`DELETE FROM "${rule.table}" WHERE id IN (${rule.select})`, [before, BATCH]);
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) break;
    }
    result[rule.name] = deleted;
  }
  return result;
}
