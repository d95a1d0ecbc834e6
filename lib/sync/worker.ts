/**
 * The sync worker: works the sync queues, registers the schedules, and resumes runs orphaned by a
 * dead worker. Any number of workers can run against one database: a run executes under its
 * connection's advisory lock, and rate budgets are shared through PostgreSQL.
 */
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { executeRun, type EngineOptions } from "./engine";
import { JOBS, TICK_CRON } from "./jobs";
import { bossConnection, ensureQueues, installQueue } from "./queue";
import { orphanedRuns } from "./recovery";
import { handleListingsChanged } from "./handlers/listings-changed";
import { handlePoll, schedulePoll } from "./handlers/poll";
import { handleRun } from "./handlers/run";
import { handleReconcile, handleTick } from "./handlers/schedule";
import { closeSyncPool } from "./pool";
import { registerAlertJobs } from "@/lib/alerts/handlers";
import { registerPhotoJobs } from "@/lib/photos/jobs";
import { registerOpsJobs } from "@/lib/ops/jobs";

export interface WorkerOptions extends EngineOptions {
  /** Seconds between recovery sweeps (default SYNC_RECOVERY_SECONDS). */
  recoverySeconds?: number;
  /** Register the cron schedules (default SYNC_SCHEDULES). */
  schedules?: boolean;
  log?: (line: string) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const boss = new PgBoss({ ...bossConnection(), max: 6 });
  boss.on("error", (err) => log(`pg-boss error: ${(err as Error)?.message ?? err}`));
  await boss.start();
  await ensureQueues(boss);
  installQueue(boss); // requestSync etc. in this process send through the worker's instance

  const e = env();
  const polling = { pollingIntervalSeconds: e.SYNC_POLLING_SECONDS };
  await boss.work(JOBS.run, { ...polling, localConcurrency: e.SYNC_RUN_CONCURRENCY }, handleRun(boss, options));
  await boss.work(JOBS.listingsChanged, polling, handleListingsChanged(boss));
  await boss.work(JOBS.poll, { ...polling, localConcurrency: 2 }, handlePoll(boss));
  await boss.work(JOBS.tick, handleTick(boss));
  await boss.work(JOBS.reconcile, handleReconcile());
  if (options.schedules ?? e.SYNC_SCHEDULES) {
    await boss.schedule(JOBS.tick, TICK_CRON);
    await boss.schedule(JOBS.reconcile, e.SYNC_RECONCILE_CRON);
  }
  // E-mail alerts read the database on their own schedule (lib/alerts); only their registration lives here.
  await registerAlertJobs(boss, { schedules: options.schedules ?? e.SYNC_SCHEDULES });
  // Photos no car has shown for 72 hours are deleted hourly (lib/photos/jobs).
  await registerPhotoJobs(boss, { schedules: options.schedules ?? e.SYNC_SCHEDULES });
  // Records past their retention (lib/ops/retention.ts) are pruned daily.
  await registerOpsJobs(boss, { schedules: options.schedules ?? e.SYNC_SCHEDULES });

  const recovering = new Set<string>();
  const background = new Set<Promise<unknown>>();
  let stopped = false;
  const sweep = async () => {
    if (stopped) return;
    try {
      for (const run of await orphanedRuns()) {
        if (recovering.has(run.id)) continue;
        recovering.add(run.id);
        log(`resuming orphaned run ${run.id}`);
        const p = executeRun(run.id, options)
          .then(async (o) => { if (o.needsPoll && o.dealerId && o.connectionId) await schedulePoll(boss, o.dealerId, o.connectionId, 0); })
          .catch((err) => log(`recovery of ${run.id} failed: ${(err as Error).message}`))
          .finally(() => { recovering.delete(run.id); background.delete(p); });
        background.add(p);
      }
    } catch (err) {
      log(`recovery sweep failed: ${(err as Error).message}`);
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), (options.recoverySeconds ?? e.SYNC_RECOVERY_SECONDS) * 1000);

  return {
    boss,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await boss.stop({ graceful: true, timeout: 30_000 }).catch(() => {});
      await Promise.allSettled([...background]);
      installQueue(null);
    },
  };
}

export { closeSyncPool };
