/**
 * Photo garbage collection in the worker: hourly, one run at a time across all workers
 * (`collectPhotoGarbage`, docs/decisions/photos.md). `npm run photos:gc` runs the same by hand.
 */
import { ensureQueues } from "@/lib/sync/queue";
import type { PgBoss, Queue } from "pg-boss";
import { errorSummary, logFor } from "@/lib/log";
import { collectPhotoGarbage } from "@/lib/photos/service";

export const PHOTO_JOBS = { gc: "photos-gc" } as const;

/** At minute 23 of every hour: away from the sync tick's top of the hour and the alert scans. */
export const PHOTO_GC_CRON = "23 * * * *";

export const PHOTO_QUEUES: Queue[] = [
  // A missed hour is caught up by the next one; no retries pile up.
  { name: PHOTO_JOBS.gc, policy: "singleton", retryLimit: 0, expireInSeconds: 1800 },
];

export async function registerPhotoJobs(boss: PgBoss, options: { schedules?: boolean } = {}) {
  await ensureQueues(boss, PHOTO_QUEUES);
  await boss.work(PHOTO_JOBS.gc, async () => {
    try {
      const result = await collectPhotoGarbage();
      if (result.deleted) logFor("photos").info({ job: PHOTO_JOBS.gc, ...result }, "photo garbage collected");
    } catch (err) {
      logFor("photos").error({ job: PHOTO_JOBS.gc, error: errorSummary(err) }, "photo garbage collection failed");
      throw err;
    }
  });
  if (options.schedules ?? true) await boss.schedule(PHOTO_JOBS.gc, PHOTO_GC_CRON);
}
