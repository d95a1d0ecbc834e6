/**
 * The page read's statistics (lib/sync/planner-statistics.ts): after a bulk change that autovacuum
 * has not analysed yet, a run analyses the tables it reads before planning, so PostgreSQL sizes
 * them right (a stale "nearly empty" estimate made a no-op sync of 10,000 cars take 30 s).
 */
import "./env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freshenPlannerStatistics, resetPlannerStatisticsCheck } from "@/lib/sync/planner-statistics";
import { insertListings, makeDealer, okasieCar, waitFor } from "./helpers";

const stats = async (table: string) =>
  (await db.$queryRawUnsafe<{ changed: bigint; analysed: Date | null }[]>(
    `SELECT n_mod_since_analyze AS changed, last_analyze AS analysed FROM pg_stat_user_tables WHERE relname = $1`, table))[0];

// Autovacuum would analyse the table on its own within a minute; here it is "behind" on purpose.
beforeAll(async () => { await db.$executeRawUnsafe(`ALTER TABLE "Listing" SET (autovacuum_enabled = false)`); });
afterAll(async () => { await db.$executeRawUnsafe(`ALTER TABLE "Listing" RESET (autovacuum_enabled)`); });

describe("planner statistics before a run reads its pages", () => {
  it("analyses a table changed in bulk since its last analysis, and leaves a fresh one alone", async () => {
    await db.$executeRawUnsafe(`ANALYZE "Listing"`);
    const before = await stats("Listing");
    const dealer = await makeDealer("BE");
    await insertListings(dealer.id, Array.from({ length: 3_000 }, (_, i) => okasieCar(`PS-${String(i).padStart(4, "0")}`, i)));
    // PostgreSQL publishes its change counters shortly after the transactions end.
    await waitFor("change counters", async () => Number((await stats("Listing")).changed) >= 3_000, 10_000);

    resetPlannerStatisticsCheck();
    expect(await freshenPlannerStatistics()).toContain("Listing");
    const after = await stats("Listing");
    expect(after.analysed!.getTime()).toBeGreaterThan(before.analysed!.getTime());
    expect(Number(after.changed)).toBeLessThan(3_000);

    // Within the interval nothing is checked again; after it, a freshly analysed table is left alone.
    expect(await freshenPlannerStatistics()).toEqual([]);
    resetPlannerStatisticsCheck();
    expect(await freshenPlannerStatistics()).not.toContain("Listing");
  });
});
