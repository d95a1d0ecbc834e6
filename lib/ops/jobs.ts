/**
 * Operations jobs in the worker: the daily retention prune (lib/ops/retention.ts), one run at a
 * time across all workers. Registered by lib/sync/worker.ts like the alert and photo jobs.
 */
import { ensureQueues } from "@/lib/sync/queue";
import type { PgBoss, Queue } from "pg-boss";
import { errorSummary, logFor } from "@/lib/log";
import { pruneExpiredRecords } from "./retention";

export const OPS_JOBS = { retention: "ops-retention" } as const;

/** 03:41 UTC: a quiet hour in Europe, away from the hourly tick, photo collection and the digest. */
export const RETENTION_CRON = "41 3 * * *";

export const OPS_QUEUES: Queue[] = [
  { name: OPS_JOBS.retention, policy: "singleton", retryLimit: 2, retryDelay: 600, expireInSeconds: 3600 },
];

export async function registerOpsJobs(boss: PgBoss, options: { schedules?: boolean } = {}) {
  await ensureQueues(boss, OPS_QUEUES);
  await boss.work(OPS_JOBS.retention, async () => {
    try {
      const deleted = await pruneExpiredRecords();
      logFor("ops").info({ job: OPS_JOBS.retention, deleted }, "expired records pruned");
    } catch (err) {
      logFor("ops").error({ job: OPS_JOBS.retention, error: errorSummary(err) }, "retention prune failed");
      throw err;
    }
  });
  if (options.schedules ?? true) await boss.schedule(OPS_JOBS.retention, RETENTION_CRON);
}
