/**
 * Keeps PostgreSQL's row estimates for the tables a run reads page by page up to date.
 *
 * Why: the page read (listing-pages.ts) looks up each listing's publication. With statistics taken
 * while a table was nearly empty — right after a first push of 10,000 cars or a big import —
 * PostgreSQL believes the connection has a handful of publications and walks the
 * (dealer, connection, state) index for every listing instead of the unique one: a page of 500
 * then takes seconds instead of milliseconds, and a no-op sync of 10,000 cars 30 s instead of 2 s
 * (measured, issue #17). Autovacuum analyses such tables too, but up to a minute late. So before a
 * page is read, a table with many changes since its last analysis is analysed now (cheap: a
 * sample of rows), at most once per interval per process.
 */
import { logFor } from "@/lib/log";
import { syncPool } from "./pool";

const TABLES = ["Listing", "Publication"] as const;
/** Re-analyse when more rows changed than this share of the table (or the floor) since the last analysis. */
const CHANGED_SHARE = 0.2;
const CHANGED_FLOOR = 500;
const CHECK_EVERY_MS = 5_000;

let lastCheck = 0;

/** Analyses the run's tables whose statistics fell behind; never fails a run (no privilege: logged, skipped). */
export async function freshenPlannerStatistics(now = Date.now()): Promise<string[]> {
  if (now - lastCheck < CHECK_EVERY_MS) return [];
  lastCheck = now;
  const analysed: string[] = [];
  try {
    const { rows } = await syncPool().query<{ relname: string; live: string; changed: string }>(
      `SELECT relname, n_live_tup AS live, n_mod_since_analyze AS changed FROM pg_stat_user_tables
       WHERE schemaname = current_schema() AND relname = ANY($1::text[])`,
      [TABLES],
    );
    for (const r of rows) {
      if (Number(r.changed) <= Math.max(CHANGED_FLOOR, CHANGED_SHARE * Number(r.live))) continue;
      // The name comes from our own constant list, never from input.
      await syncPool().query(`ANALYZE "${TABLES.find((t) => t === r.relname)}"`);
      analysed.push(r.relname);
    }
  } catch (err) {
    logFor("sync").debug({ err: err instanceof Error ? err.message : String(err) }, "planner statistics not refreshed");
  }
  return analysed;
}

/** Tests: forget the last check so the next call looks again. */
export function resetPlannerStatisticsCheck() {
  lastCheck = 0;
}
