/**
 * Listing maintenance in the worker: change sets (undo for imports and bulk changes) older than
 * the undo window can no longer be undone, so a daily job deletes them (lib/listings/changesets.ts).
 */
import type { PgBoss, Queue } from "pg-boss";
import { errorSummary, logFor } from "@/lib/log";
import { pruneChangeSets } from "@/lib/listings/changesets";

export const LISTING_JOBS = { pruneChangeSets: "listings-prune-change-sets" } as const;

/** Daily at 03:41: away from the hourly photo collection (minute 23), the sync tick and the digest. */
export const PRUNE_CHANGE_SETS_CRON = "41 3 * * *";

export const LISTING_QUEUES: Queue[] = [
  // A missed day is caught up by the next one; no retries pile up.
  { name: LISTING_JOBS.pruneChangeSets, policy: "singleton", retryLimit: 0, expireInSeconds: 1800 },
];

export async function registerListingJobs(boss: PgBoss, options: { schedules?: boolean } = {}) {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const q of LISTING_QUEUES) {
    if (!existing.has(q.name)) await boss.createQueue(q.name, q).catch((err) => { if (!/exists/i.test(String((err as Error)?.message))) throw err; });
  }
  await boss.work(LISTING_JOBS.pruneChangeSets, async () => {
    try {
      const deleted = await pruneChangeSets();
      if (deleted) logFor("listings").info({ job: LISTING_JOBS.pruneChangeSets, deleted }, "old change sets deleted");
    } catch (err) {
      logFor("listings").error({ job: LISTING_JOBS.pruneChangeSets, error: errorSummary(err) }, "deleting old change sets failed");
      throw err;
    }
  });
  if (options.schedules ?? true) await boss.schedule(LISTING_JOBS.pruneChangeSets, PRUNE_CHANGE_SETS_CRON);
}
